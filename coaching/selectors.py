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

Two GROUP BY queries per period (submittals, raised objections), two periods, and the people:
five queries whatever the data; the month-by-month trend is one more GROUP BY. The team's figure is the sum of its people's counts."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts.models import User
from callplans.models import CallPlan, FeedbackCall, RaisedObjection
from core.access import team_filter
from joborders.models import Submittal, SubmittalEvent
from metrics.funnel import INTERVIEW_OR_LATER, OFFER_OR_LATER, Ratio

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


def _habits_by_person(
    submittals: QuerySet[Submittal], start: datetime.datetime, end: datetime.datetime
) -> dict[int, Habits]:
    interviewed = Q(first_interview_at__gte=start, first_interview_at__lt=end)
    called = interviewed & Q(first_call_at__isnull=False)
    offered = Q(first_offer_at__gte=start, first_offer_at__lt=end)
    rows = (
        _staged(submittals)
        .filter(interviewed | offered)
        .values("submitted_by")
        .annotate(
            interviews=Count("pk", filter=interviewed),
            calls=Count("pk", filter=called),
            prepared=Count("pk", filter=called & Q(plan__created_at__lt=F("first_call_at"))),
            ready=Count("pk", filter=called & Q(ready_before_call=True)),
            rehearsed=Count("pk", filter=called & Q(plan__rehearsed_at__lt=F("first_call_at"))),
            offers=Count("pk", filter=interviewed & Q(first_offer_at__isnull=False)),
            first_offers=Count("pk", filter=offered),
            placed=Count("pk", filter=offered & Q(placed_at__isnull=False)),
        )
        .order_by()
    )
    raised = (
        RaisedObjection.objects.filter(
            feedback_call__plan__submittal__in=submittals,
            feedback_call__called_at__gte=start,
            feedback_call__called_at__lt=end,
        )
        .values("feedback_call__plan__submittal__submitted_by")
        .annotate(raised=Count("pk"), anticipated=Count("pk", filter=Q(objection__isnull=False)))
        .order_by()
    )
    found: dict[int, dict] = {}
    for row in rows:
        found[row.pop("submitted_by")] = row
    for row in raised:
        person = row.pop("feedback_call__plan__submittal__submitted_by")
        found.setdefault(person, {}).update(row)
    return {person: Habits(**counts) for person, counts in found.items()}


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
    now = _habits_by_person(submittals, *period)
    then = _habits_by_person(submittals, *before)
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
    start, end = months.bounds()
    people = coached_people(viewer, team_id=team_id).values("pk")
    interviewed = Q(first_interview_at__gte=start, first_interview_at__lt=end)
    called = Q(first_call_at__isnull=False)
    rows = (
        _staged(Submittal.objects.filter(submitted_by__in=people))
        .filter(interviewed)
        .annotate(month=TruncMonth("first_interview_at"))
        .values("month")
        .annotate(
            interviews=Count("pk"),
            calls=Count("pk", filter=called),
            prepared=Count("pk", filter=called & Q(plan__created_at__lt=F("first_call_at"))),
            ready=Count("pk", filter=called & Q(ready_before_call=True)),
            rehearsed=Count("pk", filter=called & Q(plan__rehearsed_at__lt=F("first_call_at"))),
            offers=Count("pk", filter=Q(first_offer_at__isnull=False)),
        )
        .order_by("month")
    )
    found = {}
    for row in rows:
        month = row.pop("month")
        if isinstance(month, datetime.datetime):
            month = timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
        found[month.replace(day=1)] = Habits(**row)
    return tuple(TrendMonth(m, found.get(m, Habits())) for m in months.months)
