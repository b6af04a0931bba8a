"""The metrics page: the funnel per month, time to submit and to fill, objections, rehearsal.

Everything is aggregated in SQL, in a fixed number of queries whatever the data:
1. the submittal figures: the range's submittals with their stage dates
   (`funnel.with_stage_dates`: one join on the events, grouped per submittal) as a derived table,
   grouped again by the month of each stage (TruncMonth in the current time zone) and whether
   the plan was prepared; Python adds the groups up into each month's cohorts, the range's
   funnel (the months partition the range, so it is `funnel_for` of the same submittals), the
   rehearsed-or-approved split of interview → offer and the count of submittals out of order.
   One expression per figure, not one per figure and month: a filtered count or sum per month
   and cohort (about a hundred for six months) cost more to build in the ORM than to run;
2. the objections raised per month: one GROUP BY month;
3. objection categories with rebuttal effectiveness: one GROUP BY category;
4. the submittals whose dates are out of order (joborders/dates.py), listed, not averaged
   (skipped when query 1 counted none);
5. why candidates were lost in the period: one GROUP BY reason and stage.

Why a derived table and not one correlated subquery per stage date: filtering or grouping on a
correlated subquery makes the database evaluate it for every row of the scope (and, on
PostgreSQL, estimate the whole query as expensive enough to JIT-compile, which alone cost a
second); the join computes each stage date once per submittal, through the index on
SubmittalEvent(submittal, to_status, changed_at).

Durations (time to submit, interview, offer, fill) are whole days from the job order's date
received to the day of the stage in the current time zone (`TruncDate`), summed in SQL as
`date - date`: on PostgreSQL Django writes it as `interval '1 day' * (a - b)` and SUM(interval)
comes back as a timedelta; on SQLite Django computes it in microseconds (`django_timestamp_diff`)
and the DurationField converter turns the sum back into a timedelta. The average in days is
total ÷ count, taken for a month or for the whole range (a mean of the sums, never a mean of
monthly means). A submittal whose dates break the order of joborders/dates.py (submitted before
the job was received, an offer before the interview…) is left out of every average and listed
on the page instead, so no figure is negative.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import TruncDate, TruncMonth
from django.http import Http404
from django.utils import timezone

from accounts.models import Team, User
from callplans.models import CallPlan, FeedbackCall, Objection, PlanReview, RaisedObjection
from core.access import scope_team_ids, team_filter
from core.ids import parse_id
from joborders.dates import DateProblem, SubmittalDates, first_problem
from joborders.losses import LOST
from joborders.models import Submittal, SubmittalEvent
from metrics.funnel import Funnel, Ratio, month_bounds, with_stage_dates

# The ratio definitions, word for word from callplans/selectors/funnel.py; the page's help.
DEFINITIONS = (
    (
        "Submittal → interview",
        "Of the submittals made in the period, the share that reached an interview (interview "
        "scheduled or any later stage) at any time.",
    ),
    (
        "Interview → offer",
        "Of the submittals whose first interview stage fell in the period, the share that "
        "reached an offer (offer or placed).",
    ),
    (
        "Offer → placement",
        "Of the submittals whose first offer fell in the period, the share placed.",
    ),
    (
        "Reaching a stage",
        "A stage counts as reached when a submittal event moved the submittal into it (or past "
        "it), so the figures do not change when a submittal later moves on or falls out.",
    ),
    (
        "Time to submit",
        "Average days from the day the job order was received to the day of the submittal, for "
        "submittals made in the period.",
    ),
    (
        "Time to interview",
        "Average days from the day the job order was received to the day of the interview, for "
        "submittals whose first interview stage fell in the period and have an interview date.",
    ),
    (
        "Time to offer",
        "Average days from the day the job order was received to the first offer (the first "
        "move to “Offer” or “Placed”), for first offers made in the period.",
    ),
    (
        "Time to fill",
        "Average days from the day the job order was received to the placement (the first move "
        "to “Placed”), for placements made in the period.",
    ),
    (
        "Dates out of order",
        "A submittal whose dates cannot be (submitted before the job order was received, an "
        "interview before the submittal, an offer before the interview, a start before the "
        "offer) is left out of every average and listed below the figures, to be corrected.",
    ),
    (
        "Why candidates were lost",
        "The candidates rejected by the client or withdrawn in the period (their move to "
        "“Rejected” or “Withdrawn”), counted by the reason picked on the submittal page from "
        "the team's list; those still without one are counted as “No reason given”.",
    ),
    (
        "Anticipated-objection rate",
        "Of the objections raised in feedback calls made in the period, the share that were in "
        "the call plan (logged against one of the plan's objections).",
    ),
    (
        "Rebuttal effectiveness",
        "For each objection category: the offer rate of the feedback calls where the category "
        "was raised and anticipated, against the calls where it was raised and not anticipated. "
        "A call that raised the category both ways counts on both sides.",
    ),
    (
        "Rehearsed or approved plans",
        "Interview → offer (as defined above) for submittals whose call plan was rehearsed, is "
        "approved or has an approving review, against all other submittals (including those "
        "without a plan).",
    ),
)

MAX_MONTHS = 36
DEFAULT_MONTHS = 6
_MONTH_TEXT = re.compile(r"\A(\d{4})-(\d{2})\Z")

# --- Who: the scope ------------------------------------------------------------------------

ME, PERSON, TEAM, FIRM = "me", "person", "team", "firm"
SCOPE_CHOICES = ((ME, "My figures"), (TEAM, "My team"), (FIRM, "Whole firm"))


@dataclass(frozen=True)
class Scope:
    """Whose submittals count: those of the job orders of `team_ids` (none: nobody's, unless
    `firm_wide`, every team's)."""

    kind: str
    label: str
    team_ids: tuple[int, ...] = ()
    submitted_by_id: int | None = None
    firm_wide: bool = False

    def q(self, path: str = "") -> Q:
        """The filter for submittals reached through `path` (e.g. "plan__submittal__")."""
        q = Q()
        if not self.firm_wide:
            if len(self.team_ids) == 1:
                q &= Q(**{f"{path}job_order__team_id": self.team_ids[0]})
            else:  # no team matches nothing (a job order always has one), never everything
                q &= Q(**{f"{path}job_order__team_id__in": self.team_ids or [0]})
        if self.submitted_by_id is not None:
            q &= Q(**{f"{path}submitted_by_id": self.submitted_by_id})
        return q


def _teams_of(viewer: User) -> tuple[int, ...]:
    """The teams whose figures the viewer sees: a manager's or director's scope (their own
    team and those they lead), a superuser's own team; a salesperson's none."""
    if viewer.is_superuser:
        return (viewer.team_id,) if viewer.team_id is not None else ()
    return tuple(scope_team_ids(viewer)) if viewer.leads_teams else ()


def allowed_scopes(viewer: User) -> tuple[str, ...]:
    scopes = [ME]
    if _teams_of(viewer):
        scopes.append(TEAM)
    if viewer.is_superuser:
        scopes.append(FIRM)
    return tuple(scopes)


def default_scope(viewer: User) -> str:
    if viewer.is_superuser:
        return FIRM
    return TEAM if _teams_of(viewer) else ME


def metrics_scope_for(
    viewer: User, *, scope: str, person: str | None = None, team_id: int | None = None
) -> Scope:
    """The scope `viewer` asked for (`team_id`: one of the viewer's teams, already checked by
    `accounts.selectors.picked_team_id`). A scope above their role is a 403; a person outside
    the viewer's teams (or not a user id at all) is a 404, so other teams' people stay unseen."""
    if person:
        return _person_scope(viewer, person)
    if scope not in allowed_scopes(viewer):
        if scope == FIRM:
            raise PermissionDenied("Only an administrator can see the whole firm's figures.")
        raise PermissionDenied("Only a team's managers can see the team's figures.")
    if scope == FIRM:
        return Scope(FIRM, "Whole firm", firm_wide=True)
    if scope == TEAM:
        teams = _teams_of(viewer)
        if team_id in teams:
            teams = (team_id,)
        if teams == (viewer.team_id,):
            return Scope(TEAM, f"{viewer.team} (team)", team_ids=teams)
        names = ", ".join(str(t) for t in Team.objects.filter(pk__in=teams).order_by("name"))
        return Scope(TEAM, f"{names} (teams)" if len(teams) > 1 else f"{names} (team)", teams)
    return Scope(
        ME,
        f"{viewer} (my figures)",
        team_ids=tuple(scope_team_ids(viewer)) if not viewer.is_superuser else (),
        submitted_by_id=viewer.pk,
        firm_wide=viewer.is_superuser,
    )


def _person_scope(viewer: User, person: str) -> Scope:
    if not (viewer.leads_teams or viewer.is_superuser):
        raise PermissionDenied("Only managers can see a colleague's figures.")
    person_pk = parse_id(person)
    if person_pk is None:
        raise Http404("No such person.")
    chosen = User.objects.filter(team_filter(viewer), pk=person_pk).first()
    if chosen is None:
        raise Http404("No such person.")
    return Scope(
        PERSON,
        str(chosen),
        team_ids=(chosen.team_id,) if chosen.team_id is not None else (),
        submitted_by_id=chosen.pk,
        firm_wide=viewer.is_superuser,
    )


def people_to_pick(viewer: User) -> QuerySet[User]:
    """Whom the viewer may pick in "Whose figures": the people of a manager's or director's
    teams, everyone for an admin."""
    if viewer.is_superuser:
        people = User.objects.filter(team__isnull=False).select_related("team")
    elif viewer.leads_teams and scope_team_ids(viewer):
        people = User.objects.filter(team_filter(viewer)).select_related("team")
    else:
        return User.objects.none()
    return people.order_by("first_name", "last_name", "pk")


# --- When: the month range -----------------------------------------------------------------


def _add_months(month: datetime.date, count: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class MonthRange:
    """Whole months, `first` to `last` inclusive (both the 1st of their month)."""

    first: datetime.date
    last: datetime.date

    @property
    def months(self) -> tuple[datetime.date, ...]:
        count = (self.last.year - self.first.year) * 12 + self.last.month - self.first.month + 1
        return tuple(_add_months(self.first, n) for n in range(count))

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[start, end) in the current time zone: the months the page shows."""
        tz = timezone.get_current_timezone()
        return month_bounds(self.first, tz)[0], month_bounds(self.last, tz)[1]

    @property
    def start_text(self) -> str:
        return f"{self.first:%Y-%m}"

    @property
    def end_text(self) -> str:
        return f"{self.last:%Y-%m}"

    @property
    def label(self) -> str:
        if self.first == self.last:
            return f"{self.first:%B %Y}"
        return f"{self.first:%B %Y} to {self.last:%B %Y}"


def default_month_range(today: datetime.date) -> MonthRange:
    last = today.replace(day=1)
    return MonthRange(_add_months(last, -(DEFAULT_MONTHS - 1)), last)


def _parse_month(text: str) -> datetime.date | None:
    match = _MONTH_TEXT.match(text)
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (1900 <= year <= 9000 and 1 <= month <= 12):
        return None
    return datetime.date(year, month, 1)


def month_range_from(
    start: str | None, end: str | None, *, today: datetime.date
) -> tuple[MonthRange, str]:
    """The range asked for, or the default one with a message saying why it was not used."""
    default = default_month_range(today)
    start, end = (start or "").strip(), (end or "").strip()
    if not start and not end:
        return default, ""
    first = _parse_month(start) if start else None
    last = _parse_month(end) if end else None
    if (start and first is None) or (end and last is None):
        return default, (
            "Months are written YYYY-MM, for example 2026-03. Showing the last "
            f"{DEFAULT_MONTHS} months instead."
        )
    if last is None:
        last = max(first, default.last)
    if first is None:
        first = _add_months(last, -(DEFAULT_MONTHS - 1))
    if first > last:
        return default, (
            f"The range starts after it ends. Showing the last {DEFAULT_MONTHS} months instead."
        )
    chosen = MonthRange(first, last)
    if len(chosen.months) > MAX_MONTHS:
        return default, (
            f"Pick at most {MAX_MONTHS} months. Showing the last {DEFAULT_MONTHS} months instead."
        )
    return chosen, ""


# --- What: the figures ---------------------------------------------------------------------


def _days(total: datetime.timedelta | None, count: int) -> float | None:
    if total is None or not count:
        return None
    # Never below zero: only submittals whose dates are in order are summed, so every duration
    # is zero or more; the max() keeps a figure from showing "-0.0".
    return max(0.0, round(total.total_seconds() / 86400 / count, 1))


@dataclass(frozen=True)
class MonthRow:
    month: datetime.date
    submitted: int
    submit_to_interview: Ratio
    interviewed: int
    interview_to_offer: Ratio
    offers: int
    offer_to_placement: Ratio
    placements: int
    time_to_submit_days: float | None
    time_to_interview_days: float | None
    time_to_offer_days: float | None
    time_to_fill_days: float | None
    objections_raised: int
    anticipated_rate: Ratio


@dataclass(frozen=True)
class CategoryRow:
    category: str
    label: str
    raised: int
    anticipated: int
    offer_rate_anticipated: Ratio  # offers ÷ calls where raised and anticipated
    offer_rate_unanticipated: Ratio  # offers ÷ calls where raised and not anticipated


@dataclass(frozen=True)
class RehearsalRow:
    label: str
    interview_to_offer: Ratio


@dataclass(frozen=True)
class Metrics:
    scope: Scope
    months: MonthRange
    funnel: Funnel
    monthly: tuple[MonthRow, ...]
    time_to_submit_days: float | None
    time_to_interview_days: float | None
    time_to_offer_days: float | None
    time_to_fill_days: float | None
    anticipated_rate: Ratio
    categories: tuple[CategoryRow, ...]
    rehearsal: tuple[RehearsalRow, ...]
    out_of_order_count: int  # of the range's submittals left out of the durations
    out_of_order: tuple["OutOfOrderRow", ...]  # the first OUT_OF_ORDER_SHOWN of them
    losses: tuple["LossRow", ...]  # why candidates were lost in the range


# The parts of the monthly table.
_SUBMITTED, _INTERVIEWED, _OFFERED, _PLACED, _RAISED = range(5)
# Each submittal part: the stage date that puts a submittal in a month's cohort, the date it must
# also have to count as having "reached" the next stage, and the duration averaged.
_COHORTS = (
    (_SUBMITTED, "submitted_at", "first_interview_at", "to_submit"),
    (_INTERVIEWED, "first_interview_at", "first_offer_at", "to_interview"),
    (_OFFERED, "first_offer_at", "placed_at", "to_offer"),
    (_PLACED, "placed_at", "placed_at", "to_fill"),
)

# The rules of joborders/dates.py in SQL, on the days in the current time zone: a submittal that
# breaks one is left out of every duration and listed instead (comparisons with an unknown date
# are NULL, so a date not known yet breaks nothing).
_DATES_OUT_OF_ORDER = (
    Q(submitted_day__lt=F("job_order__received_on"))
    | Q(interview_day__lt=F("submitted_day"))
    | Q(offer_day__lt=F("interview_day"))
    | Q(offer_day__lt=F("submitted_day"))
    | Q(start_on__lt=F("offer_day"))
)
_IN_ORDER = Q(dates_out_of_order=False)


def _since_received(day: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(day) - F("job_order__received_on"), DurationField())


def _dated(submittals: QuerySet[Submittal]) -> QuerySet[Submittal]:
    """Submittals with their stage dates (`with_stage_dates`: one join on the events, grouped),
    the days of those dates, whether the days are out of order, and the whole days from the job
    order's date received to each stage."""
    return (
        with_stage_dates(submittals)
        .annotate(
            submitted_day=TruncDate("submitted_at"),
            interview_day=TruncDate("interview_at"),
            offer_day=TruncDate("first_offer_at"),
            placed_day=TruncDate("placed_at"),
        )
        .annotate(
            dates_out_of_order=Case(
                When(_DATES_OUT_OF_ORDER, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            ),
            to_submit=_since_received("submitted_day"),
            to_interview=_since_received("interview_day"),
            to_offer=_since_received("offer_day"),
            to_fill=_since_received("placed_day"),
        )
        .order_by()
    )


def _staged(scope: Scope) -> QuerySet[Submittal]:
    """The scope's submittals, one row each, dated (`_dated`)."""
    return _dated(Submittal.objects.filter(scope.q()))


def _in_month(field: str, bounds: tuple[datetime.datetime, datetime.datetime]) -> Q:
    return Q(**{f"{field}__gte": bounds[0], f"{field}__lt": bounds[1]})


def _in_any_cohort(bounds: tuple[datetime.datetime, datetime.datetime]) -> Q:
    q = Q()
    for _, date_field, *_ in _COHORTS:
        q |= _in_month(date_field, bounds)
    return q


# The columns of the grouped query (`_submittal_rows`): per cohort, the month of its stage date
# and the duration it averages, kept only where the submittal's dates are in order.
_MONTH_COLUMNS = tuple(f"month_{duration}" for *_, duration in _COHORTS)
_TIMED_COLUMNS = tuple(f"timed_{duration}" for *_, duration in _COHORTS)


def _month_value(value: datetime.date | datetime.datetime | str | None) -> datetime.date | None:
    """A month read from the grouped query: a date on PostgreSQL, text on SQLite."""
    if value is None:
        return None
    if isinstance(value, str):
        return datetime.date.fromisoformat(value[:10])
    if isinstance(value, datetime.datetime):
        return value.date()
    return value


def _duration_value(value: datetime.timedelta | int | None) -> datetime.timedelta | None:
    """A summed duration: an interval on PostgreSQL, microseconds where the database has no
    duration type (SQLite), as Django's DurationField converts it."""
    if value is None or isinstance(value, datetime.timedelta):
        return value
    return datetime.timedelta(microseconds=value)


def _submittal_rows(scope: Scope, months: MonthRange) -> tuple[dict, int, dict]:
    """{(part, month): {"total", "reached", "duration", "timed"}} of the four submittal cohorts,
    the count of submittals out of order, and the rehearsal counts, in one query.

    The range's submittals with their stage dates (`_dated`, grouped per submittal) are a
    derived table, grouped again by the month of each stage (TruncMonth in the current time
    zone: the calendar months of `month_bounds`) and by whether the plan was prepared. A
    submittal is in a part's month when that stage's month is it; it "reached" the next stage
    when that stage has a date at all. A duration is summed and counted ("timed") only over the
    submittals whose dates are in order and known. The query has the same few expressions
    whatever the number of months (a filtered aggregate per month and part made the ORM build
    and compile about a hundred of them)."""
    start, end = months.bounds()
    approved_review = PlanReview.objects.filter(
        plan__submittal=OuterRef("pk"), decision=PlanReview.Decision.APPROVED
    )
    prepared = (
        Q(plan__rehearsed_at__isnull=False)
        | Q(plan__status=CallPlan.Status.APPROVED)
        | Exists(approved_review)
    )
    columns = {
        "prepared": Case(
            When(prepared, then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
    }
    for (_, date_field, _, duration), month, timed in zip(
        _COHORTS, _MONTH_COLUMNS, _TIMED_COLUMNS, strict=True
    ):
        columns[month] = TruncMonth(date_field, output_field=DateField())
        columns[timed] = Case(When(_IN_ORDER, then=F(duration)), output_field=DurationField())
    staged = (
        _staged(scope)
        .filter(_in_any_cohort((start, end)))
        .annotate(**columns)
        .values("dates_out_of_order", *columns)
    )
    inner_sql, params = staged.query.sql_with_params()
    q = connection.ops.quote_name
    keys = [q(name) for name in (*_MONTH_COLUMNS, "prepared")]
    sums = [f"SUM({q(t)}), COUNT({q(t)})" for t in _TIMED_COLUMNS]
    sql = (
        f"SELECT {', '.join(keys)}, COUNT(*), "
        f"SUM(CASE WHEN {q('dates_out_of_order')} THEN 1 ELSE 0 END), {', '.join(sums)} "
        f"FROM ({inner_sql}) {q('staged')} GROUP BY {', '.join(keys)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        groups = cursor.fetchall()

    in_range = set(months.months)
    rows: dict = {
        (part, month): {"total": 0, "reached": 0, "duration": None, "timed": 0}
        for month in months.months
        for part, *_ in _COHORTS
    }
    rehearsal = {(True, "interviewed"): 0, (True, "offered"): 0}
    rehearsal |= {(False, "interviewed"): 0, (False, "offered"): 0}
    out_of_order = 0
    for group in groups:
        stage_months = [_month_value(value) for value in group[:4]]
        is_prepared, count, group_out_of_order = bool(group[4]), group[5], group[6]
        out_of_order += group_out_of_order or 0
        for index, (part, *_) in enumerate(_COHORTS):
            if stage_months[index] not in in_range:
                continue
            row = rows[(part, stage_months[index])]
            row["total"] += count
            if stage_months[min(index + 1, 3)] is not None:
                row["reached"] += count
            duration = _duration_value(group[7 + 2 * index])
            if duration is not None:
                row["duration"] = (row["duration"] or datetime.timedelta()) + duration
            row["timed"] += group[8 + 2 * index]
        if stage_months[1] in in_range:
            rehearsal[(is_prepared, "interviewed")] += count
            if stage_months[2] is not None:
                rehearsal[(is_prepared, "offered")] += count
    return rows, out_of_order, rehearsal


OUT_OF_ORDER_SHOWN = 50


@dataclass(frozen=True)
class OutOfOrderRow:
    """A submittal whose dates break a rule of joborders/dates.py: listed, not averaged."""

    submittal_id: int
    job_order_id: int
    job_order: str
    candidate: str
    problem: DateProblem


def _out_of_order_rows(scope: Scope, months: MonthRange) -> tuple[OutOfOrderRow, ...]:
    """The first OUT_OF_ORDER_SHOWN submittals of the range whose dates are out of order, oldest
    first, in one query; the rule each breaks is named by joborders/dates.py."""
    rows = (
        _staged(scope)
        .filter(_in_any_cohort(months.bounds()), dates_out_of_order=True)
        .select_related("job_order", "candidate")
        .order_by("submitted_at", "pk")[:OUT_OF_ORDER_SHOWN]
    )
    found = []
    for row in rows:
        problem = first_problem(
            SubmittalDates(
                received=row.job_order.received_on,
                submitted=row.submitted_day,
                interview=row.interview_day,
                offer=row.offer_day,
                start=row.start_on,
            )
        )
        if problem is not None:  # always, but for a day boundary the two could see differently
            found.append(
                OutOfOrderRow(
                    submittal_id=row.pk,
                    job_order_id=row.job_order_id,
                    job_order=str(row.job_order.title),
                    candidate=row.candidate.full_name,
                    problem=problem,
                )
            )
    return tuple(found)


def _raised_rows(
    scope: Scope, start: datetime.datetime, end: datetime.datetime
) -> dict[tuple[int, datetime.date], dict]:
    """{(_RAISED, month): {"total", "reached"}}: objections raised and anticipated per month."""
    rows = (
        RaisedObjection.objects.filter(
            scope.q("feedback_call__plan__submittal__"),
            feedback_call__called_at__gte=start,
            feedback_call__called_at__lt=end,
        )
        .annotate(month=TruncMonth("feedback_call__called_at"))
        .values("month")
        .annotate(total=Count("pk"), reached=Count("pk", filter=Q(objection__isnull=False)))
        .order_by("month")
    )
    return {(_RAISED, _month_of(row["month"])): row for row in rows}


def _funnel_of(rows: dict, months: MonthRange) -> Funnel:
    """`funnel_for` over the whole range: the months partition it, so the counts add up."""

    def total(part: int, key: str) -> int:
        return sum(rows[(part, month)][key] for month in months.months)

    return Funnel(
        submitted=total(_SUBMITTED, "total"),
        interviewed=total(_INTERVIEWED, "total"),
        offers=total(_OFFERED, "total"),
        placements=total(_PLACED, "total"),
        submit_to_interview=Ratio(total(_SUBMITTED, "reached"), total(_SUBMITTED, "total")),
        interview_to_offer=Ratio(total(_INTERVIEWED, "reached"), total(_INTERVIEWED, "total")),
        offer_to_placement=Ratio(total(_OFFERED, "reached"), total(_OFFERED, "total")),
    )


def _month_of(value: datetime.datetime | datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return value.replace(day=1)


def _month_row(month: datetime.date, rows: dict) -> MonthRow:
    empty = {"total": 0, "reached": 0, "duration": None, "timed": 0}
    submitted, interviewed, offered, placed, raised = (
        rows.get((part, month), empty) for part in range(5)
    )
    return MonthRow(
        month=month,
        submitted=submitted["total"],
        submit_to_interview=Ratio(submitted["reached"], submitted["total"]),
        interviewed=interviewed["total"],
        interview_to_offer=Ratio(interviewed["reached"], interviewed["total"]),
        offers=offered["total"],
        offer_to_placement=Ratio(offered["reached"], offered["total"]),
        placements=placed["total"],
        time_to_submit_days=_days(submitted["duration"], submitted["timed"]),
        time_to_interview_days=_days(interviewed["duration"], interviewed["timed"]),
        time_to_offer_days=_days(offered["duration"], offered["timed"]),
        time_to_fill_days=_days(placed["duration"], placed["timed"]),
        objections_raised=raised["total"],
        anticipated_rate=Ratio(raised["reached"], raised["total"]),
    )


def _range_days(rows: dict, part: int) -> float | None:
    matching = [row for (p, _), row in rows.items() if p == part and row["duration"] is not None]
    total = sum((row["duration"] for row in matching), datetime.timedelta())
    return _days(total, sum(row["timed"] for row in matching))


def _category_rows(
    scope: Scope, start: datetime.datetime, end: datetime.datetime
) -> tuple[CategoryRow, ...]:
    anticipated = Q(objection__isnull=False)
    offer = Q(feedback_call__outcome=FeedbackCall.Outcome.OFFER)
    rows = (
        RaisedObjection.objects.filter(
            scope.q("feedback_call__plan__submittal__"),
            feedback_call__called_at__gte=start,
            feedback_call__called_at__lt=end,
        )
        .values("category")
        .annotate(
            raised=Count("pk"),
            anticipated=Count("pk", filter=anticipated),
            calls_anticipated=Count("feedback_call", distinct=True, filter=anticipated),
            offers_anticipated=Count("feedback_call", distinct=True, filter=anticipated & offer),
            calls_unanticipated=Count("feedback_call", distinct=True, filter=~anticipated),
            offers_unanticipated=Count("feedback_call", distinct=True, filter=~anticipated & offer),
        )
        .order_by("-raised", "category")
    )
    labels = dict(Objection.Category.choices)
    return tuple(
        CategoryRow(
            category=row["category"],
            label=labels.get(row["category"], row["category"]),
            raised=row["raised"],
            anticipated=row["anticipated"],
            offer_rate_anticipated=Ratio(row["offers_anticipated"], row["calls_anticipated"]),
            offer_rate_unanticipated=Ratio(row["offers_unanticipated"], row["calls_unanticipated"]),
        )
        for row in rows
    )


REHEARSED_LABEL = "Rehearsed or approved"
NOT_REHEARSED_LABEL = "Neither, or no plan"


def _rehearsal_rows(counts: dict) -> tuple[RehearsalRow, ...]:
    """Interview → offer of the range's first interviews, for prepared plans (rehearsed,
    approved, or with an approving review) against the rest; counted by `_submittal_rows`."""
    return (
        RehearsalRow(
            REHEARSED_LABEL, Ratio(counts[(True, "offered")], counts[(True, "interviewed")])
        ),
        RehearsalRow(
            NOT_REHEARSED_LABEL, Ratio(counts[(False, "offered")], counts[(False, "interviewed")])
        ),
    )


NO_REASON = "No reason given"


@dataclass(frozen=True)
class LossRow:
    label: str
    rejected: int
    withdrawn: int

    @property
    def total(self) -> int:
        return self.rejected + self.withdrawn


def _loss_rows(
    scope: Scope, start: datetime.datetime, end: datetime.datetime
) -> tuple[LossRow, ...]:
    """Candidates lost in the period (moved to their current lost stage in it), per reason and
    stage, most frequent first, "No reason given" last."""
    moved_in_period = SubmittalEvent.objects.filter(
        submittal=OuterRef("pk"),
        to_status=OuterRef("status"),
        changed_at__gte=start,
        changed_at__lt=end,
    )
    counts = (
        Submittal.objects.filter(scope.q(), Exists(moved_in_period), status__in=LOST)
        .values("loss_reason__label", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    by_label: dict[str, dict[str, int]] = {}
    for row in counts:
        label = row["loss_reason__label"] or NO_REASON
        by_label.setdefault(label, {})[row["status"]] = row["n"]
    rows = [
        LossRow(
            label,
            rejected=n.get(Submittal.Status.REJECTED, 0),
            withdrawn=n.get(Submittal.Status.WITHDRAWN, 0),
        )
        for label, n in by_label.items()
    ]
    return tuple(sorted(rows, key=lambda r: (r.label == NO_REASON, -r.total, r.label)))


def metrics_for(scope: Scope, months: MonthRange) -> Metrics:
    """Every figure of the metrics page, in five queries whatever the data (four when no
    submittal of the range has its dates out of order: none to list)."""
    start, end = months.bounds()
    submittal_rows, out_of_order_count, rehearsal = _submittal_rows(scope, months)
    monthly = submittal_rows | _raised_rows(scope, start, end)
    raised = [row for (part, _), row in monthly.items() if part == _RAISED]
    return Metrics(
        scope=scope,
        months=months,
        funnel=_funnel_of(monthly, months),
        monthly=tuple(_month_row(month, monthly) for month in months.months),
        time_to_submit_days=_range_days(monthly, _SUBMITTED),
        time_to_interview_days=_range_days(monthly, _INTERVIEWED),
        time_to_offer_days=_range_days(monthly, _OFFERED),
        time_to_fill_days=_range_days(monthly, _PLACED),
        anticipated_rate=Ratio(sum(r["reached"] for r in raised), sum(r["total"] for r in raised)),
        categories=_category_rows(scope, start, end),
        rehearsal=_rehearsal_rows(rehearsal),
        out_of_order_count=out_of_order_count,
        # Listed by a query of their own, which is not needed when the count says none is.
        out_of_order=_out_of_order_rows(scope, months) if out_of_order_count else (),
        losses=_loss_rows(scope, start, end),
    )
