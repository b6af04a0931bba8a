"""Writes for the manager review: review decisions, and bulk PDF exports run by a worker."""

import io
from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from pypdf import PdfWriter

from accounts.models import User
from callplans.models import BulkExport, CallPlan, PlanReview
from callplans.pdf import PAPER_SIZES, callplan_pdf
from callplans.services import callplan_change
from core.access import in_scope, team_filter
from reviews.selectors import is_reviewer, may_review


@transaction.atomic
def planreview_create(*, plan: CallPlan, reviewer: User, decision: str, comment: str) -> PlanReview:
    """Record a manager's decision and move the plan to approved or needs work."""
    if not may_review(reviewer, plan):
        raise PermissionDenied("Only the managers of this plan's team review it.")
    review = PlanReview(plan=plan, reviewer=reviewer, decision=decision, comment=comment.strip())
    review.full_clean()
    if decision == PlanReview.Decision.NEEDS_WORK and not review.comment:
        raise ValidationError(
            {
                "comment": "Say what needs work, so the salesperson knows what to fix before the call."
            }
        )
    review.save()
    label = PlanReview.Decision(decision).label.lower()
    callplan_change(
        plan,
        version=None,
        reason=f"Reviewed: {label} by {reviewer}",
        status=CallPlan.Status(decision),
    )
    return review


@transaction.atomic
def bulkexport_create(
    *,
    requested_by: User,
    plans: list[CallPlan],
    paper: str,
    enqueue: Callable[[int], object],
) -> BulkExport:
    """Queue one PDF of the given plans (in that order) for the worker: `enqueue(export_id)` hands
    it over (the task, which calls `bulkexport_run`, so this module cannot import it)."""
    if not is_reviewer(requested_by):
        raise PermissionDenied("Only the team's managers export plans for review.")
    if not plans:
        raise ValidationError("Pick at least one plan to export.")
    if len(plans) > BulkExport.MAX_PLANS:
        raise ValidationError(
            f"You picked {len(plans)} plans; one PDF holds at most {BulkExport.MAX_PLANS}. "
            "Export them in smaller batches."
        )
    if paper not in PAPER_SIZES:
        raise ValidationError("Choose Letter or A4 paper.")
    if not all(in_scope(requested_by, p.submittal.job_order.team_id) for p in plans):
        raise PermissionDenied("Only your teams' plans can be exported.")
    # The export belongs to the requester's home team (a director without one: the first
    # plan's), so that team's leaders see its progress; the worker prints only the plans still
    # in the requester's scope.
    home = requested_by.team_id or (
        None if requested_by.is_superuser else plans[0].submittal.job_order.team_id
    )
    export = BulkExport(
        team_id=home,
        requested_by=requested_by,
        plan_ids=[p.pk for p in plans],
        paper=paper,
        total=len(plans),
    )
    export.full_clean()
    export.save()
    # Enqueued inside the transaction on purpose: the database backend's task row commits with the
    # export or not at all, so the worker never sees a task for an export that does not exist.
    enqueue(export.pk)
    return export


def bulkexport_run(*, export_id: int) -> BulkExport:
    """Render each plan (a plan's PDF comes from the cache when its print HTML was seen before),
    merge them, store the result.

    Not one transaction: each progress step commits on its own so the polling page sees it."""
    export = BulkExport.objects.defer("pdf").select_related("requested_by__team").get(pk=export_id)
    if export.status == BulkExport.Status.DONE:
        return export  # a retried task must not render twice
    # The worker has no request: the PDFs show times in the zone of the person who asked, as
    # their pages do (accounts.middleware.UserTimeZoneMiddleware).
    with timezone.override(export.requested_by.time_zone_name):
        return _bulkexport_render(export)


def _bulkexport_render(export: BulkExport) -> BulkExport:
    _update(export, status=BulkExport.Status.RUNNING, done=0, error="")
    try:
        plans = CallPlan.objects.filter(pk__in=export.plan_ids).select_related(
            "submittal__candidate", "submittal__job_order"
        )
        plans = plans.filter(team_filter(export.requested_by, "submittal__job_order__team"))
        by_pk = {plan.pk: plan for plan in plans}
        writer = PdfWriter()
        for done, plan_id in enumerate(export.plan_ids, start=1):
            plan = by_pk.get(plan_id)
            if plan is not None:  # deleted since it was picked: nothing to print
                document = callplan_pdf(plan=plan, paper=export.paper)
                title = f"{plan.submittal.candidate} — {plan.submittal.job_order.title}"
                writer.append(io.BytesIO(document), outline_item=title)
            _update(export, done=done)
        buffer = io.BytesIO()
        writer.write(buffer)
    except Exception as error:
        _update(
            export,
            status=BulkExport.Status.FAILED,
            error=f"The PDF could not be made ({type(error).__name__}). Try again.",
            finished_at=timezone.now(),
        )
        raise
    _update(
        export, status=BulkExport.Status.DONE, pdf=buffer.getvalue(), finished_at=timezone.now()
    )
    return export


def _update(export: BulkExport, **changes: object) -> None:
    BulkExport.objects.filter(pk=export.pk).update(**changes)
    for field, value in changes.items():
        if field != "pdf":
            setattr(export, field, value)
