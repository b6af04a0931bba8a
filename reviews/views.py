"""Manager review: every plan of the team (/team/plans/), review decisions, bulk PDF export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from accounts.services import user_remember_paper
from accounts.types import AuthedRequest
from callplans.models import BulkExport
from callplans.pdf import PAPER_SIZES, paper_for
from callplans.selectors import get_callplan_for_user
from callplans.views.plan import respond
from core.ids import parse_id
from reviews import services
from reviews.forms import ReviewFilterForm, ReviewForm
from reviews.selectors import (
    bulkexport_pdf,
    get_bulkexport_for_user,
    is_reviewer,
    may_review,
    plans_picked_by,
    review_plans_for,
)
from reviews.tasks import export_plans_pdf

LIST_PAGE = "reviews/review_list.html"


def _require_reviewer(user: User) -> None:
    if not is_reviewer(user):
        raise PermissionDenied("Only the team's managers review plans.")


@require_GET
def review_list(request: AuthedRequest):
    _require_reviewer(request.user)
    form = ReviewFilterForm(request.GET, user=request.user)
    filters, per_page = form.filters()
    page_obj = Paginator(review_plans_for(request.user, filters), per_page).get_page(
        request.GET.get("page")
    )
    page_obj.object_list = list(page_obj.object_list)  # read here, not from the template
    export_id = parse_id(request.GET.get("export", ""))
    export = get_bulkexport_for_user(request.user, export_id) if export_id else None
    filters_qs = request.GET.copy()
    for key in ("export", "page"):
        filters_qs.pop(key, None)
    return render(
        request,
        LIST_PAGE,
        {
            "form": form,
            "page_obj": page_obj,
            "sort": filters.sort,
            "export": export,
            "filters_qs": filters_qs.urlencode(),
            "papers": PAPER_SIZES,
            "paper": paper_for(None, request.user.pdf_paper),
            "max_plans": BulkExport.MAX_PLANS,
        },
    )


@require_POST
def review_create(request: AuthedRequest, pk: int):
    plan = get_callplan_for_user(request.user, pk)
    if not may_review(request.user, plan):
        raise PermissionDenied("Only the managers of this plan's team review it.")
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            review = services.planreview_create(
                plan=plan, reviewer=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)  # a dict of field errors lands next to its fields
        else:
            said = f"Review saved: {review.get_decision_display()}."
            if not request.htmx:  # htmx swaps the header, which shows the review and status
                messages.success(request, said)
            return respond(request, pk, "reviews", focus="#reviews-h", say=said)
    return respond(request, pk, "reviews", status=422, review_form=form)


@require_POST
def export_create(request: AuthedRequest):
    _require_reviewer(request.user)
    back = QueryDict(request.POST.get("filters", "")[:2000], mutable=True)
    back.pop("export", None)
    picked = _picked_ids(request.POST.getlist("plans"))
    if len(picked) > BulkExport.MAX_PLANS:
        messages.error(
            request,
            f"You picked {len(picked)} plans; one PDF holds at most {BulkExport.MAX_PLANS}. "
            "Untick some and export them in smaller batches.",
        )
        return redirect(_list_url(back))
    plans = plans_picked_by(request.user, picked)
    try:
        export = services.bulkexport_create(
            requested_by=request.user,
            plans=plans,
            paper=request.POST.get("paper", ""),
            enqueue=export_plans_pdf.enqueue,
        )
        user_remember_paper(user=request.user, paper=export.paper)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(_list_url(back))
    if len(plans) < len(picked):
        missing = len(picked) - len(plans)
        messages.warning(
            request,
            f"{missing} of the selected plans could not be found in your team and "
            f"{'was' if missing == 1 else 'were'} left out.",
        )
    back["export"] = str(export.pk)
    return redirect(_list_url(back))


def _picked_ids(values: list[str]) -> list[int]:
    """The posted plan ids in page order, without repeats; anything that is not an id is
    dropped (a forged or garbled value cannot name a plan)."""
    picked = {pk: None for pk in map(parse_id, values) if pk is not None}
    return list(picked)


def _list_url(query: QueryDict) -> str:
    encoded = query.urlencode()
    return reverse("review:list") + (f"?{encoded}" if encoded else "")


@require_GET
def export_status(request: AuthedRequest, pk: int):
    export = get_bulkexport_for_user(request.user, pk)
    if not request.htmx:
        return redirect(f"{reverse('review:list')}?export={export.pk}")
    return render(request, f"{LIST_PAGE}#export_status", {"export": export})


@require_GET
def export_download(request: AuthedRequest, pk: int):
    export = get_bulkexport_for_user(request.user, pk)
    document = bulkexport_pdf(export)
    if document is None:
        if export.status == BulkExport.Status.FAILED:
            raise Http404("This export failed; start a new one.")
        messages.info(request, "The PDF is not ready yet: it appears here when it is.")
        return redirect(f"{reverse('review:list')}?export={export.pk}")
    response = HttpResponse(bytes(document), content_type="application/pdf")
    stamp = timezone.localtime(export.created_at).strftime("%Y-%m-%d")
    name = f"call-plans-{stamp}-{export.total}-plans.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response
