"""Reads for the manager review: the team's plans with their readiness, and bulk exports."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch, QuerySet

from accounts.models import Team, User
from callplans.models import BulkExport, CallPlan, PlanReview
from callplans.selectors import callplans_visible_to
from callplans.selectors.readiness import with_readiness_score
from core.access import can_review, get_for_user, team_filter
from core.queries import built_once
from joborders.models import Client

READY, BELOW_READY = "ready", "below"
SORTS = {
    "interview": (F("submittal__interview_at").asc(nulls_last=True), "pk"),
    "-interview": (F("submittal__interview_at").desc(nulls_last=True), "-pk"),
    "readiness": ("readiness", F("submittal__interview_at").asc(nulls_last=True), "pk"),
    "-readiness": ("-readiness", F("submittal__interview_at").asc(nulls_last=True), "pk"),
}


def is_reviewer(user: User) -> bool:
    """Managers and directors review the plans of their teams; superusers review everyone's."""
    return user.is_superuser or (
        user.leads_teams and (user.team_id is not None or bool(user.led_team_ids))
    )


def may_review(user: User, plan: CallPlan) -> bool:
    return can_review(user, plan.submittal.job_order.team_id)


@dataclass(frozen=True)
class ReviewFilters:
    salesperson: User | None = None
    status: str = ""
    readiness: str = ""
    interview_from: datetime.date | None = None
    interview_to: datetime.date | None = None
    client: Client | None = None
    team: Team | None = None
    sort: str = "interview"


def review_plans_for(user: User, filters: ReviewFilters) -> QuerySet[CallPlan]:
    """The plans a reviewer sees, filtered and sorted, each with `readiness` (see readiness.py)
    and `latest_reviews` (a list of at most one review, newest first)."""
    plans = _scored_plans().filter(team_filter(user, "submittal__job_order__team"))
    if filters.salesperson is not None:
        plans = plans.filter(author=filters.salesperson)
    if filters.status:
        plans = plans.filter(status=filters.status)
    if filters.readiness == READY:
        plans = plans.filter(readiness=100)
    elif filters.readiness == BELOW_READY:
        plans = plans.filter(readiness__lt=100)
    if filters.interview_from is not None:
        plans = plans.filter(submittal__interview_at__date__gte=filters.interview_from)
    if filters.interview_to is not None:
        plans = plans.filter(submittal__interview_at__date__lte=filters.interview_to)
    if filters.client is not None:
        plans = plans.filter(submittal__job_order__client=filters.client)
    if filters.team is not None:
        plans = plans.filter(submittal__job_order__team=filters.team)
    latest = PlanReview.objects.select_related("reviewer").order_by("-created_at", "-pk")
    return plans.prefetch_related(
        Prefetch("reviews", queryset=_first_per_plan(latest), to_attr="latest_reviews")
    ).order_by(*SORTS.get(filters.sort, SORTS["interview"]))


@built_once
def _scored_plans() -> QuerySet[CallPlan]:
    """Every plan with its readiness score and the columns the list shows, built once per
    process: resolving the readiness expression (dozens of nested subqueries) took about a
    sixth of the page's time, and nothing in it depends on the user, the time or the data."""
    return (
        with_readiness_score(CallPlan.objects.all())
        .select_related("submittal__job_order__client", "submittal__candidate", "author")
        .only(*LIST_COLUMNS)
    )


LIST_COLUMNS = (
    "status",
    "submittal__interview_at",
    "submittal__job_order__title",
    "submittal__job_order__client__name",
    "submittal__candidate__first_name",
    "submittal__candidate__last_name",
    "author__first_name",
    "author__last_name",
    "author__username",
)


def _first_per_plan(reviews: QuerySet[PlanReview]) -> QuerySet[PlanReview]:
    # Sliced prefetch querysets are limited per related object (a window function), not overall.
    return reviews[:1]


def review_salespeople(user: User) -> QuerySet[User]:
    """The people whose plans the reviewer can filter by."""
    people = User.objects.filter(is_active=True).order_by("first_name", "last_name", "username")
    if user.is_superuser:
        return people.filter(call_plans__isnull=False).distinct()
    return people.filter(team_filter(user))


def review_clients(user: User) -> QuerySet[Client]:
    return Client.objects.filter(team_filter(user), archived=False).order_by("name")


def reviews_for_author(user: User, *, limit: int = 5) -> list[PlanReview]:
    """The newest reviews of the user's plans, for their dashboard."""
    return list(
        PlanReview.objects.filter(plan__author=user)
        .select_related("reviewer", "plan__submittal__candidate", "plan__submittal__job_order")
        .order_by("-created_at", "-pk")[:limit]
    )


def get_bulkexport_for_user(user: User, pk: int) -> BulkExport:
    """An export of the user's team: other teams' exports are 404, salespeople get 403.

    The merged PDF is deferred: the progress partial polls this every second."""
    if not is_reviewer(user):
        raise PermissionDenied("Only the team's managers export plans for review.")
    queryset = BulkExport.objects.defer("pdf").select_related("requested_by")
    return get_for_user(queryset, user, pk, owner_field="requested_by")


def bulkexport_pdf(export: BulkExport) -> bytes | None:
    return (
        BulkExport.objects.filter(pk=export.pk, status=BulkExport.Status.DONE)
        .values_list("pdf", flat=True)
        .first()
    )


def plans_picked_by(user: User, picked: list[int]) -> list[CallPlan]:
    """The picked plans the user may see, in the order picked; the others are left out."""
    visible = {p.pk: p for p in callplans_visible_to(user).filter(pk__in=picked).order_by()}
    return [visible[pk] for pk in picked if pk in visible]
