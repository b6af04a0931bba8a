"""The money board (the source's exercise 3, "closest to the money", repeated for every open
job order): every open job order of the viewer's scope with its active candidates, in the order
of `board.rules`, each candidate with plan readiness, the most likely objections, next action
and stall warnings; a coverage line over the job orders shown.

Constant queries whatever the data: the job orders (one), their active submittals with plan,
candidate, readiness and the dates the stall rules need (one, correlated subqueries), the plans'
objections (one query for all plans) and the team's raised-objection counts (one, for the
ranking). Readiness is the dashboard's SQL twin of the checklist (`with_plan_readiness`, whose
approximation is documented in dashboard/selectors.py).

The most likely objections are ranked as `callplans.objections.rank_objections` ranks them
(through `most_likely_ranker`, which scores each category once per team), with the team's raised
counts and the salesperson's likelihood, but without the plan page's gap rows: the gap analysis
runs several queries per plan. The plan page can therefore order two objections of the
same likelihood differently (its gap rows add must-have and missing-years points); the board
says "most likely" for the same top four whenever the likelihoods differ."""

import datetime
import functools
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from accounts.models import Team, User
from board import rules
from callplans.models import CallPlan, FeedbackCall, Objection
from callplans.objections import most_likely_ranker
from callplans.selectors.plan import raised_counts
from core.access import can_write, scope_team_ids, team_filter
from dashboard.selectors import READY_STATUSES, with_plan_readiness
from joborders.models import Client, JobOrder, Submittal, SubmittalEvent
from joborders.value import value_of

SCOPES = (("mine", "My job orders"), ("team", "The whole team"))
SORTS = (
    ("money", "Closest to the money"),
    ("value", "Highest value"),
    ("interview", "Soonest interview"),
    ("client", "Client name"),
)


@dataclass(frozen=True)
class ObjectionLine:
    text: str
    has_rebuttal: bool  # written, edited or accepted: a draft does not count (as the checklist)


@dataclass(frozen=True)
class CandidateRow:
    submittal: Submittal
    plan: CallPlan | None
    stage: str
    readiness: int | None  # percent; None without a plan
    objections: tuple[ObjectionLine, ...]  # the 3–4 most likely, most likely first
    rehearsed: bool
    next_action: str
    stalls: tuple[rules.Stall, ...]
    may_write: bool

    @property
    def stage_label(self) -> str:
        return rules.STAGE_LABELS[self.stage]

    @property
    def ready(self) -> bool:
        return self.plan is not None and self.plan.status in READY_STATUSES

    @property
    def sort_key(self) -> tuple:
        return rules.candidate_key(self.stage, self.submittal.interview_at, self.submittal.pk)


@dataclass(frozen=True)
class JobRow:
    job_order: JobOrder
    value: Decimal | None
    candidates: tuple[CandidateRow, ...]
    covered: bool  # every active candidate has a ready plan (and there is one)

    @property
    def stall_count(self) -> int:
        return sum(len(c.stalls) for c in self.candidates)


@dataclass(frozen=True)
class Board:
    jobs: tuple[JobRow, ...]
    coverage: rules.Coverage
    scope: str

    @property
    def stall_count(self) -> int:
        return sum(j.stall_count for j in self.jobs)


def board_clients(user: User) -> QuerySet[Client]:
    """The clients the filter offers: those with an open job order in the user's scope (their
    id and name: the filter shows and filters by nothing else)."""
    return (
        Client.objects.filter(
            team_filter(user),
            archived=False,
            job_orders__status=JobOrder.Status.OPEN,
            job_orders__archived=False,
        )
        .only("id", "name")
        .distinct()
        .order_by("name")
    )


def board_for(
    user: User,
    *,
    scope: str = "mine",
    client: Client | None = None,
    team: Team | None = None,
    stage: str = "",
    sort: str = "money",
    now: datetime.datetime | None = None,
) -> Board:
    """The board of `user` at `now`. `scope` "mine": job orders the user owns or submitted an
    active candidate to; "team": every open job order of the user's teams (their own and those
    they lead; a superuser: of every team), or of `team`, one of them.
    `stage` keeps only the candidates at that stage (and the job orders that have one); the
    coverage line is counted before it, over the scope and client."""
    now = now or timezone.now()
    jobs = list(_job_orders(user, scope=scope, client=client, team=team))
    _attach_objections(jobs)
    raised = _raised_by_team(user, {j.team_id for j in jobs})
    rankers = {team_id: most_likely_ranker(counts) for team_id, counts in raised.items()}
    no_counts = most_likely_ranker({})
    rows = [_job_row(user, j, rankers.get(j.team_id, no_counts), now) for j in jobs]
    coverage = rules.coverage_of([[c.ready for c in r.candidates] for r in rows])
    if stage:
        rows = [
            JobRow(r.job_order, r.value, kept, r.covered)
            for r in rows
            if (kept := tuple(c for c in r.candidates if c.stage == stage))
        ]
    rows.sort(key=_SORT_KEYS.get(sort, _money_key))
    return Board(jobs=tuple(rows), coverage=coverage, scope=scope)


def _job_orders(
    user: User, *, scope: str, client: Client | None, team: Team | None = None
) -> QuerySet[JobOrder]:
    jobs = JobOrder.objects.filter(team_filter(user), status=JobOrder.Status.OPEN, archived=False)
    if scope != "team":
        mine = Submittal.objects.filter(
            job_order=OuterRef("pk"), submitted_by=user, status__in=rules.ACTIVE_STATUSES
        )
        jobs = jobs.filter(Q(owner=user) | Exists(mine))
    if client is not None:
        jobs = jobs.filter(client=client)
    if team is not None:
        jobs = jobs.filter(team=team)
    return (
        jobs.select_related("client", "owner", "team")
        .only(*_JOB_FIELDS)
        .prefetch_related(Prefetch("submittals", queryset=_active(), to_attr="active"))
        .order_by("pk")
    )


# What the board shows and sorts on, and no more: a card reads a dozen columns of rows that
# have dozens (a plan's texts are long), and building the model instances was a third of the
# selector's time at scale 20. A field missing here costs one query per row: the page's
# constant-query test catches it.
_PERSON = ("first_name", "last_name", "username")  # User.__str__
_JOB_FIELDS = (
    *("title", "client", "owner", "team", "openings", "employment_type"),
    *("bill_rate", "expected_hours", "placement_fee"),  # value_of
    "client__name",
    *(f"owner__{f}" for f in _PERSON),
    "team__name",
)
_SUBMITTAL_FIELDS = (
    *("job_order", "candidate", "submitted_by", "submitted_at", "status", "interview_at"),
    "candidate__first_name",
    "candidate__last_name",
    *(f"submitted_by__{f}" for f in _PERSON),
    *(f"plan__{f}" for f in ("submittal", "author", "status", "rehearsed_at", "next_action")),
)
_OBJECTION_FIELDS = (
    *("pk", "category", "likelihood", "position"),  # most_likely_ranker
    *("text", "rebuttal", "rebuttal_draft"),
)


def _active() -> QuerySet[Submittal]:
    return _annotated_active().all()


@functools.cache
def _annotated_active() -> QuerySet[Submittal]:
    """The active submittals with readiness and the stall rules' dates, built once: resolving
    the readiness expression (dozens of nested subqueries) took 4–10 ms a render. Nothing in it
    depends on the user, the time or the data, and it is never evaluated itself: each board
    clones it (`.all()`) before adding the prefetch, which Django writes hints into."""
    last_call = FeedbackCall.objects.filter(plan__submittal=OuterRef("pk")).order_by("-called_at")
    last_event = SubmittalEvent.objects.filter(submittal=OuterRef("pk")).order_by("-changed_at")
    return (
        with_plan_readiness(Submittal.objects.filter(status__in=rules.ACTIVE_STATUSES))
        .annotate(
            last_call_at=Subquery(last_call.values("called_at")[:1]),
            last_event_at=Subquery(last_event.values("changed_at")[:1]),
        )
        .select_related("candidate", "submitted_by", "plan")
        .only(*_SUBMITTAL_FIELDS)
        .order_by("pk")
    )


def _attach_objections(jobs: list[JobOrder]) -> None:
    """Each plan's objections as `plan.listed`, in plan order: one query for all plans (none
    without a plan, as a prefetch would), read as named tuples: the board reads seven columns
    of hundreds of objections and never saves one, so model instances were wasted work."""
    plans = {p.pk: p for j in jobs for s in j.active if (p := _plan_of(s)) is not None}
    if not plans:
        return
    listed: dict[int, list] = {pk: [] for pk in plans}
    rows = (
        Objection.objects.filter(plan_id__in=plans)
        .order_by("position", "id")
        .values_list("plan_id", *_OBJECTION_FIELDS, named=True)
    )
    for row in rows:
        listed[row.plan_id].append(row)
    for pk, plan in plans.items():
        plan.listed = listed[pk]


def _raised_by_team(user: User, team_ids: set[int]) -> dict[int, dict[str, int]]:
    """The ranking's raised counts: one query per team of the user's scope (asked even for an
    empty board, so the count stays constant); a superuser's board asks once per team on it."""
    if not user.is_superuser:
        return {team_id: raised_counts(team_id) for team_id in scope_team_ids(user)}
    return {team_id: raised_counts(team_id) for team_id in sorted(team_ids)}


def _plan_of(submittal: Submittal) -> CallPlan | None:
    try:
        return submittal.plan
    except CallPlan.DoesNotExist:
        return None


def _job_row(user: User, job: JobOrder, ranker, now) -> JobRow:
    candidates = sorted(
        (_candidate_row(user, job, s, ranker, now) for s in job.active),
        key=lambda c: c.sort_key,
    )
    covered = bool(candidates) and all(c.ready for c in candidates)
    return JobRow(job, value_of(job), tuple(candidates), covered)


def _candidate_row(user: User, job: JobOrder, s: Submittal, ranker, now) -> CandidateRow:
    plan = _plan_of(s)
    ready = plan is not None and plan.status in READY_STATUSES
    stalls = rules.stalls_of(
        status=s.status,
        interview_at=s.interview_at,
        interview_day_start=_day_start(s.interview_at),
        last_call_at=s.last_call_at,
        last_move_at=max(filter(None, (s.last_event_at, s.submitted_at))),
        plan_ready=ready,
        now=now,
    )
    owner = plan.author_id if plan else s.submitted_by_id
    return CandidateRow(
        submittal=s,
        plan=plan,
        stage=rules.stage_of(s.status, s.interview_at, now),
        readiness=s.plan_readiness if plan else None,
        objections=_most_likely(plan, ranker),
        rehearsed=plan is not None and plan.rehearsed_at is not None,
        next_action=_next_action(plan),
        stalls=stalls,
        may_write=can_write(user, team_id=job.team_id, owner_id=owner),
    )


def _most_likely(plan: CallPlan | None, ranker) -> tuple[ObjectionLine, ...]:
    """The plan's most likely objections (`_attach_objections`), most likely first."""
    likely = ranker(plan.listed) if plan else []
    return tuple(
        ObjectionLine(o.text, bool(o.rebuttal.strip()) and not o.rebuttal_draft) for o in likely
    )


def _day_start(moment: datetime.datetime | None) -> datetime.datetime | None:
    if moment is None:
        return None
    tz = timezone.get_current_timezone()
    return datetime.datetime.combine(timezone.localdate(moment, tz), datetime.time.min, tzinfo=tz)


def _next_action(plan: CallPlan | None) -> str:
    if plan is None:
        return "Prepare the call plan"
    return plan.next_action.strip() or "Set the next action in the plan"


def _best(row: JobRow) -> tuple | None:
    return row.candidates[0].sort_key if row.candidates else None


def _money_key(row: JobRow) -> tuple:
    return rules.job_key(_best(row), row.value, row.job_order.pk)


def _value_key(row: JobRow) -> tuple:
    return (*rules.value_key(row.value), _money_key(row))


def _interview_key(row: JobRow) -> tuple:
    dates = [c.submittal.interview_at for c in row.candidates if c.submittal.interview_at]
    return (0, min(dates), _money_key(row)) if dates else (1, _money_key(row))


def _client_key(row: JobRow) -> tuple:
    return (row.job_order.client.name.casefold(), _money_key(row))


_SORT_KEYS = {
    "money": _money_key,
    "value": _value_key,
    "interview": _interview_key,
    "client": _client_key,
}
