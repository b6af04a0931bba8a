"""The sales funnel: how submittals turn into interviews, offers and placements.

Definitions (shown in the metrics page's help):
- submittal → interview: of the submittals made in the period, the share that reached an
  interview (interview scheduled or any later stage) at any time;
- interview → offer: of the submittals whose first interview stage fell in the period, the share
  that reached an offer (offer or placed);
- offer → placement: of the submittals whose first offer fell in the period, the share placed.
A stage counts as reached when a SubmittalEvent moved the submittal into it (or past it), so the
figures do not change when a submittal later moves on or falls out."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min, Q, QuerySet

from joborders.models import Submittal

INTERVIEW_OR_LATER = ["interview_scheduled", "interviewed", "offer", "placed"]
OFFER_OR_LATER = ["offer", "placed"]


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int

    @property
    def percent(self) -> int | None:
        if not self.denominator:
            return None
        return round(100 * self.numerator / self.denominator)

    def __str__(self) -> str:
        return "—" if self.percent is None else f"{self.percent}%"


@dataclass(frozen=True)
class Funnel:
    submitted: int
    interviewed: int
    offers: int
    placements: int
    submit_to_interview: Ratio
    interview_to_offer: Ratio
    offer_to_placement: Ratio


def with_stage_dates(submittals: QuerySet[Submittal]) -> QuerySet[Submittal]:
    """Each submittal with the dates it first reached an interview, an offer and a placement."""
    return submittals.annotate(
        first_interview_at=Min(
            "events__changed_at", filter=Q(events__to_status__in=INTERVIEW_OR_LATER)
        ),
        first_offer_at=Min("events__changed_at", filter=Q(events__to_status__in=OFFER_OR_LATER)),
        placed_at=Min("events__changed_at", filter=Q(events__to_status="placed")),
    )


def funnel_for(
    submittals: QuerySet[Submittal], start: datetime.datetime, end: datetime.datetime
) -> Funnel:
    """The funnel of `submittals` (already scoped to a person, team or firm) for [start, end)."""
    staged = with_stage_dates(submittals)
    submitted = Q(submitted_at__gte=start, submitted_at__lt=end)
    interviewed = Q(first_interview_at__gte=start, first_interview_at__lt=end)
    offered = Q(first_offer_at__gte=start, first_offer_at__lt=end)
    counts = staged.aggregate(
        submitted=Count("pk", filter=submitted),
        submitted_then_interviewed=Count(
            "pk", filter=submitted & Q(first_interview_at__isnull=False)
        ),
        interviewed=Count("pk", filter=interviewed),
        interviewed_then_offered=Count("pk", filter=interviewed & Q(first_offer_at__isnull=False)),
        offers=Count("pk", filter=offered),
        offered_then_placed=Count("pk", filter=offered & Q(placed_at__isnull=False)),
        placements=Count("pk", filter=Q(placed_at__gte=start, placed_at__lt=end)),
    )
    return Funnel(
        submitted=counts["submitted"],
        interviewed=counts["interviewed"],
        offers=counts["offers"],
        placements=counts["placements"],
        submit_to_interview=Ratio(counts["submitted_then_interviewed"], counts["submitted"]),
        interview_to_offer=Ratio(counts["interviewed_then_offered"], counts["interviewed"]),
        offer_to_placement=Ratio(counts["offered_then_placed"], counts["offers"]),
    )


def month_bounds(
    day: datetime.date, tz: datetime.tzinfo
) -> tuple[datetime.datetime, datetime.datetime]:
    start = datetime.datetime(day.year, day.month, 1, tzinfo=tz)
    next_month = (start + datetime.timedelta(days=32)).replace(day=1)
    return start, next_month
