"""The money board's rules, without the ORM: a candidate's stage, its stall warnings, the order
of the board and its coverage line. The selector feeds them frozen values.

Stages, closest to the money first (STAGE_ORDER):
1. offer pending — the submittal's status is Offer;
2. feedback due — Interviewed, or Interview scheduled with the interview's time passed;
3. interview scheduled — Interview scheduled, the interview still ahead (or not dated yet);
4. submitted.

The board's order ("money"): job orders by their closest candidate — stage, then interview date
(earliest first, undated last), then value (highest first, unknown last), then the job order's
id; inside a job order, candidates by stage, then interview date, then submittal id."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

OFFER = "offer"
FEEDBACK_DUE = "feedback_due"
INTERVIEW = "interview"
SUBMITTED = "submitted"
STAGE_ORDER = (OFFER, FEEDBACK_DUE, INTERVIEW, SUBMITTED)
STAGE_LABELS = {
    OFFER: "Offer pending",
    FEEDBACK_DUE: "Feedback due",
    INTERVIEW: "Interview scheduled",
    SUBMITTED: "Submitted",
}
QUIET_DAYS = 7
NOT_READY_BEFORE = datetime.timedelta(hours=1)

# Submittal statuses (joborders.models.Submittal.Status values; tested to match).
S_SUBMITTED = "submitted"
S_INTERVIEW_SCHEDULED = "interview_scheduled"
S_INTERVIEWED = "interviewed"
S_OFFER = "offer"
ACTIVE_STATUSES = (S_SUBMITTED, S_INTERVIEW_SCHEDULED, S_INTERVIEWED, S_OFFER)


def stage_of(status: str, interview_at: datetime.datetime | None, now: datetime.datetime) -> str:
    if status == S_OFFER:
        return OFFER
    if status == S_INTERVIEWED:
        return FEEDBACK_DUE
    if status == S_INTERVIEW_SCHEDULED:
        return FEEDBACK_DUE if interview_at is not None and interview_at <= now else INTERVIEW
    return SUBMITTED


@dataclass(frozen=True)
class Stall:
    key: str
    text: str


def stalls_of(
    *,
    status: str,
    interview_at: datetime.datetime | None,
    interview_day_start: datetime.datetime | None,
    last_call_at: datetime.datetime | None,
    last_move_at: datetime.datetime,
    plan_ready: bool,
    now: datetime.datetime,
) -> tuple[Stall, ...]:
    """The warnings of one active submittal:
    - "no_feedback": its interview is past and no feedback call is logged on its plan on or after
      the interview's (local) day — the dashboard's rule, so a call about an earlier round does
      not hide this one;
    - "quiet": no stage event (nor the submittal itself) in the last QUIET_DAYS days;
    - "not_ready": the interview is less than an hour away and the plan is not ready to dial.
    """
    found = []
    interviewing = status in (S_INTERVIEW_SCHEDULED, S_INTERVIEWED)
    if interviewing and interview_at is not None and interview_at <= now:
        day = interview_day_start or interview_at
        if last_call_at is None or last_call_at < day:
            found.append(Stall("no_feedback", "Interview over, no feedback call logged"))
    if now - last_move_at >= datetime.timedelta(days=QUIET_DAYS):
        days = (now - last_move_at).days
        found.append(Stall("quiet", f"No movement in {days} days"))
    if (
        status == S_INTERVIEW_SCHEDULED
        and interview_at is not None
        and now < interview_at <= now + NOT_READY_BEFORE
        and not plan_ready
    ):
        found.append(Stall("not_ready", "Interview within the hour, plan not ready to dial"))
    return tuple(found)


_FAR_FUTURE = datetime.datetime.max.replace(tzinfo=datetime.UTC)


def candidate_key(stage: str, interview_at: datetime.datetime | None, pk: int) -> tuple:
    return (STAGE_ORDER.index(stage), interview_at or _FAR_FUTURE, pk)


def value_key(value: Decimal | None) -> tuple:
    """Highest first, unknown last."""
    return (value is None, -(value or 0))


def job_key(best: tuple | None, value: Decimal | None, pk: int) -> tuple:
    """`best` is the candidate_key of the job order's closest candidate (None without one)."""
    stage, interview_at = (best[0], best[1]) if best else (len(STAGE_ORDER), _FAR_FUTURE)
    return (stage, interview_at, *value_key(value), pk)


@dataclass(frozen=True)
class Coverage:
    covered: int  # open job orders where every active candidate has a ready plan
    total: int  # open job orders on the board
    without_candidates: int  # of the total: nothing to plan yet (never counted as covered)

    @property
    def text(self) -> str:
        noun = "job order has" if self.total == 1 else "job orders have"
        return f"{self.covered} of {self.total} open {noun} a ready plan for every active candidate"


def coverage_of(ready_flags_per_job: list[list[bool]]) -> Coverage:
    """One list of "plan ready?" per job order, one flag per active candidate. A job order with no
    active candidate is not covered: the exercise is to have a candidate and a plan."""
    return Coverage(
        covered=sum(1 for flags in ready_flags_per_job if flags and all(flags)),
        total=len(ready_flags_per_job),
        without_candidates=sum(1 for flags in ready_flags_per_job if not flags),
    )
