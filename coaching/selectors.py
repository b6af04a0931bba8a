"""The coaching table: per salesperson of the manager's team, how the call-prep habits of the
source turn into offers, against the team and the period before.

Per salesperson (the submitter), over the submittals whose first interview stage fell in the
period (the interview → offer cohort of `metrics.funnel`):
- interviews, and how many had a feedback call logged;
- of those calls, the share whose plan existed before the call (prepared), was ready to dial or
  approved before it (its history says so), and was rehearsed before it (`rehearsed_at`);
- interview → offer: the share that reached an offer;
and over the period's other cohorts: offer → placement (first offers in the period), and the
objections raised in the period's feedback calls that were in the plan (anticipated).

Three queries whatever the data: the people, the submittals of both periods (one GROUP BY over
a derived table of each submittal's stage dates, `_grouped`) and the raised objections of both
periods (one GROUP BY); the month-by-month trend is one more `_grouped`. The team's figure is
the sum of its people's counts."""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from accounts.models import User
from callplans.models import CallPlan, FeedbackCall, RaisedObjection
from core.access import team_filter
from joborders.models import Submittal, SubmittalEvent
from metrics.funnel import INTERVIEW_OR_LATER, OFFER_OR_LATER, Ratio, month_bounds

READY_OR_APPROVED = [CallPlan.Status.READY, CallPlan.Status.APPROVED]


@dataclass(frozen=True)
class Habits:
    """One row's counts; the ratios the page shows follow from them."""

    interviews: int = 0
    calls: int = 0
    prepared: int = 0
    ready: int = 0
    rehearsed: int = 0
    offers: int = 0
    first_offers: int = 0
    placed: int = 0
    raised: int = 0
    anticipated: int = 0

    def __add__(self, other: "Habits") -> "Habits":
        return Habits(*(getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__))

    @property
    def prepared_rate(self) -> Ratio:
        return Ratio(self.prepared, self.calls)

    @property
    def ready_rate(self) -> Ratio:
        return Ratio(self.ready, self.calls)

    @property
    def rehearsed_rate(self) -> Ratio:
        return Ratio(self.rehearsed, self.calls)

    @property
    def anticipated_rate(self) -> Ratio:
        return Ratio(self.anticipated, self.raised)

    @property
    def interview_to_offer(self) -> Ratio:
        return Ratio(self.offers, self.interviews)

    @property
    def offer_to_placement(self) -> Ratio:
        return Ratio(self.placed, self.first_offers)


@dataclass(frozen=True)
class CoachingRow:
    person: User
    now: Habits
    before: Habits


@dataclass(frozen=True)
class CoachingTable:
    rows: tuple[CoachingRow, ...]
    team_now: Habits
    team_before: Habits


def _first_event(to_statuses: list[str]) -> Subquery:
    return Subquery(
        SubmittalEvent.objects.filter(submittal=OuterRef("pk"), to_status__in=to_statuses)
        .order_by("changed_at")
        .values("changed_at")[:1]
    )


def _staged(submittals: QuerySet[Submittal]) -> QuerySet[Submittal]:
    first_call = (
        FeedbackCall.objects.filter(plan__submittal=OuterRef("pk"))
        .order_by("called_at")
        .values("called_at")[:1]
    )
    return submittals.annotate(
        first_interview_at=_first_event(INTERVIEW_OR_LATER),
        first_offer_at=_first_event(OFFER_OR_LATER),
        placed_at=_first_event(["placed"]),
        first_call_at=Subquery(first_call),
    ).annotate(
        ready_before_call=Exists(
            CallPlan.history.filter(
                id=OuterRef("plan__id"),
                status__in=READY_OR_APPROVED,
                history_date__lt=OuterRef("first_call_at"),
            )
        )
    )


Bounds = tuple[datetime.datetime, datetime.datetime]


def _bucket_sql(column: str, buckets: list[Bounds]) -> tuple[str, list]:
    """The index of the bucket [start, end) that `column` falls in (NULL in none), and its
    parameters, adapted as the ORM adapts a datetime (SQLite compares text)."""
    adapt = connection.ops.adapt_datetimefield_value
    whens = " ".join(f"WHEN {column} >= %s AND {column} < %s THEN {i}" for i in range(len(buckets)))
    return f"CASE {whens} END", [adapt(moment) for bounds in buckets for moment in bounds]


def _grouped(submittals: QuerySet[Submittal], buckets: list[Bounds]) -> list[tuple]:
    """The submittals whose first interview or first offer falls in one of `buckets`, counted
    in one query: (person, interview bucket, offer bucket, count, calls, prepared, ready,
    rehearsed, offered, placed) per group. Each submittal's stage dates and first call are
    computed once, in a derived table, and every count is a plain SUM over it: filtering each
    count on the correlated subqueries themselves (eight filtered COUNTs) made the database
    evaluate them again for every count and the ORM compile them again for every filter."""
    start = min(b[0] for b in buckets)
    end = max(b[1] for b in buckets)
    in_range = Q(first_interview_at__gte=start, first_interview_at__lt=end) | Q(
        first_offer_at__gte=start, first_offer_at__lt=end
    )
    inner = (
        _staged(submittals)
        .filter(in_range)
        .values(
            "first_interview_at",
            "first_offer_at",
            "placed_at",
            "first_call_at",
            "ready_before_call",
            person=F("submitted_by"),
            plan_created_at=F("plan__created_at"),
            plan_rehearsed_at=F("plan__rehearsed_at"),
        )
        .order_by()
    )
    inner_sql, inner_params = inner.query.sql_with_params()
    q = connection.ops.quote_name
    interview, interview_params = _bucket_sql(q("first_interview_at"), buckets)
    offer, offer_params = _bucket_sql(q("first_offer_at"), buckets)
    call = q("first_call_at")
    called = f"{call} IS NOT NULL"
    counts = ", ".join(
        f"SUM(CASE WHEN {condition} THEN 1 ELSE 0 END)"
        for condition in (
            called,
            f"{called} AND {q('plan_created_at')} < {call}",
            f"{called} AND {q('ready_before_call')}",
            f"{called} AND {q('plan_rehearsed_at')} < {call}",
            f"{q('first_offer_at')} IS NOT NULL",
            f"{q('placed_at')} IS NOT NULL",
        )
    )
    # MATERIALIZED (PostgreSQL 12+, SQLite 3.35+): left to itself, PostgreSQL inlines the
    # derived table and copies each stage date's subquery into every CASE that reads it.
    sql = (
        f"WITH {q('staged')} AS MATERIALIZED ({inner_sql}), "
        f"{q('bucketed')} AS (SELECT {q('staged')}.*, {interview} AS {q('interview')}, "
        f"{offer} AS {q('offer')} FROM {q('staged')}) "
        f"SELECT {q('person')}, {q('interview')}, {q('offer')}, COUNT(*), {counts} "
        f"FROM {q('bucketed')} GROUP BY {q('person')}, {q('interview')}, {q('offer')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*inner_params, *interview_params, *offer_params])
        return cursor.fetchall()


def _raised_by_person(
    submittals: QuerySet[Submittal], buckets: list[Bounds]
) -> list[tuple[int, int, int, int]]:
    """(person, bucket, raised, anticipated): the objections raised in the feedback calls of
    each bucket, one GROUP BY."""
    whens = [
        When(feedback_call__called_at__gte=s, feedback_call__called_at__lt=e, then=Value(i))
        for i, (s, e) in enumerate(buckets)
    ]
    return list(
        RaisedObjection.objects.filter(
            feedback_call__plan__submittal__in=submittals,
            feedback_call__called_at__gte=min(b[0] for b in buckets),
            feedback_call__called_at__lt=max(b[1] for b in buckets),
        )
        .annotate(bucket=Case(*whens, output_field=IntegerField()))
        .values_list("feedback_call__plan__submittal__submitted_by", "bucket")
        .annotate(raised=Count("pk"), anticipated=Count("pk", filter=Q(objection__isnull=False)))
        .order_by()
    )


def _habits_by_person(
    submittals: QuerySet[Submittal], buckets: list[Bounds]
) -> list[dict[int, Habits]]:
    """Per bucket, each person's habits: the interview cohort's columns by the bucket of the
    first interview, offer → placement by that of the first offer, the raised objections by
    the bucket of their call."""
    found: list[dict[int, dict[str, int]]] = [{} for _ in buckets]

    def counts(bucket: int, person: int) -> dict[str, int]:
        return found[bucket].setdefault(person, dict.fromkeys(Habits.__dataclass_fields__, 0))

    for person, interview, offer, n, calls, prepared, ready, rehearsed, offered, placed in _grouped(
        submittals, buckets
    ):
        if interview is not None:
            row = counts(interview, person)
            row["interviews"] += n
            row["calls"] += calls
            row["prepared"] += prepared
            row["ready"] += ready
            row["rehearsed"] += rehearsed
            row["offers"] += offered
        if offer is not None:
            row = counts(offer, person)
            row["first_offers"] += n
            row["placed"] += placed
    for person, bucket, raised, anticipated in _raised_by_person(submittals, buckets):
        if bucket is not None:
            row = counts(bucket, person)
            row["raised"] += raised
            row["anticipated"] += anticipated
    return [{person: Habits(**c) for person, c in part.items()} for part in found]


def coached_people(viewer: User, *, team_id: int | None = None) -> QuerySet[User]:
    """The people a manager or director coaches: the active members of their teams (their own
    and those they lead; `team_id`: of that one); an admin's: everyone's."""
    people = User.objects.filter(team_filter(viewer), is_active=True, team__isnull=False)
    if team_id is not None:
        people = people.filter(team_id=team_id)
    return people.select_related("team").order_by("first_name", "last_name", "username")


def coaching_table(
    viewer: User,
    *,
    period: tuple[datetime.datetime, datetime.datetime],
    before: tuple[datetime.datetime, datetime.datetime],
    team_id: int | None = None,
) -> CoachingTable:
    people = list(coached_people(viewer, team_id=team_id))
    submittals = Submittal.objects.filter(submitted_by__in=[p.pk for p in people])
    now, then = _habits_by_person(submittals, [period, before])
    empty = Habits()
    rows = tuple(
        CoachingRow(person, now.get(person.pk, empty), then.get(person.pk, empty))
        for person in people
    )
    return CoachingTable(
        rows=rows,
        team_now=sum((r.now for r in rows), empty),
        team_before=sum((r.before for r in rows), empty),
    )


@dataclass(frozen=True)
class TrendMonth:
    month: datetime.date
    habits: Habits


def coaching_trend(viewer: User, *, months, team_id: int | None = None) -> tuple[TrendMonth, ...]:
    """The team's habits month by month over `months` (a metrics MonthRange), by the month of
    each submittal's first interview: one GROUP BY. Months without interviews are kept (the
    chart collapses a run of them)."""
    tz = timezone.get_current_timezone()
    buckets = [month_bounds(month, tz) for month in months.months]
    people = coached_people(viewer, team_id=team_id).values("pk")
    found = [Habits() for _ in buckets]
    for _, interview, _, n, calls, prepared, ready, rehearsed, offered, _ in _grouped(
        Submittal.objects.filter(submitted_by__in=people), buckets
    ):
        if interview is not None:
            found[interview] += Habits(
                interviews=n,
                calls=calls,
                prepared=prepared,
                ready=ready,
                rehearsed=rehearsed,
                offers=offered,
            )
    return tuple(TrendMonth(m, h) for m, h in zip(months.months, found, strict=True))
