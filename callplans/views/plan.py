from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.services import user_remember_paper
from accounts.types import AuthedRequest
from callplans import services
from callplans.forms import PlanForm
from callplans.models import CallPlan
from callplans.pdf import callplan_pdf_download, paper_for
from callplans.selectors import (
    PlanPage,
    callplan_access_for_user,
    callplans_for_list,
    get_callplan_for_user,
    plan_page_for,
)
from core.access import can_write
from core.forms import add_service_errors
from core.htmx import done
from core.ids import parse_id
from core.locking import StaleEdit
from joborders.selectors import get_submittal_for_user

PLAN_PAGE = "callplans/plan.html"


@require_GET
def plan_list(request: AuthedRequest):
    status = request.GET.get("status", "")
    plans = callplans_for_list(
        request.user, status=status, mine_only=request.GET.get("who", "mine") == "mine"
    )
    page_obj = Paginator(plans, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "callplans/plan_list.html",
        {"page_obj": page_obj, "statuses": CallPlan.Status.choices, "status": status},
    )


@require_POST
def plan_prepare(request: AuthedRequest, submittal_pk: int):
    submittal = get_submittal_for_user(request.user, submittal_pk, write=True)
    plan, created = services.callplan_get_or_create(submittal=submittal, author=request.user)
    if created:
        messages.success(request, "Plan started from the gap analysis. Work down the page.")
    return redirect("callplans:detail", pk=plan.pk)


@require_GET
def plan_detail(request: AuthedRequest, pk: int):
    page = plan_page_for(pk, user=request.user)
    return render(request, PLAN_PAGE, plan_context(request, page))


def plan_context(request: AuthedRequest, page: PlanPage, **overrides) -> dict:
    plan = page.plan
    team_id = plan.submittal.job_order.team_id
    plan_form = overrides.pop("plan_form", None) or PlanForm(
        team_id=team_id,
        shown=page.closing_library,
        initial={
            "version": plan.version,
            "candidate_story": plan.candidate_story,
            "next_action": plan.next_action,
            "closing_questions": list(page.chosen_question_ids),
        },
    )
    editing = overrides.pop("editing", None)  # (objection pk, its form) when a row is open
    return {
        "page": page,
        "plan": plan,
        "may_edit": can_write(request.user, team_id=team_id, owner_id=plan.author_id),
        "paper": paper_for(None, request.user.pdf_paper),
        "plan_form": plan_form,
        "editing_pk": editing[0] if editing else None,
        "editing_form": editing[1] if editing else None,
        # Only once asked for ("Write an objection of your own"), or sent back with its errors.
        "new_objection_form": overrides.pop("new_objection_form", None),
        **overrides,
    }


def respond(
    request, plan_pk: int, section: str, *, status=200, also=(), focus="", say="", **overrides
):
    """The section that changed, and out-of-band the plan's version and readiness checklist;
    after a save, the element to focus and the words to announce (`core.htmx.done`).

    Without htmx the browser gets the whole page back (post/redirect/get on success)."""
    if not request.htmx:
        if status == 200:
            return redirect(reverse("callplans:detail", args=[plan_pk]) + f"#{section}")
        page = plan_page_for(plan_pk)
        return render(request, PLAN_PAGE, plan_context(request, page, **overrides), status=status)
    context = plan_context(request, plan_page_for(plan_pk), **overrides)
    html = render_to_string(f"{PLAN_PAGE}#{section}", context, request)
    # The call card (in the header) summarises every section, so it follows every change.
    for name in dict.fromkeys(("version", "checklist", "header", *also)):
        if name != section:
            html += render_to_string(f"{PLAN_PAGE}#{name}", {**context, "oob": True}, request)
    return done(HttpResponse(html, status=status), focus=focus, say=say)


def conflict_status(error: ValidationError) -> int:
    return 409 if isinstance(error, StaleEdit) else 422


@require_POST
def plan_update(request: AuthedRequest, pk: int):
    plan = get_callplan_for_user(request.user, pk, write=True)
    form = PlanForm(request.POST, team_id=plan.submittal.job_order.team_id)
    if form.is_valid():
        try:
            services.callplan_update(
                plan=plan,
                version=form.cleaned_data["version"],
                candidate_story=form.cleaned_data["candidate_story"],
                next_action=form.cleaned_data["next_action"],
                closing_questions=list(form.cleaned_data["closing_questions"]),
            )
            return respond(request, pk, "story", saved=True, focus="#story-saved", say="Plan saved")
        except ValidationError as error:
            status = add_service_errors(form, error)
            return respond(request, pk, "story", status=status, plan_form=form)
    return respond(request, pk, "story", status=422, plan_form=form)


@require_POST
def plan_mark_ready(request: AuthedRequest, pk: int):
    plan = get_callplan_for_user(request.user, pk, write=True)
    page = plan_page_for(plan.pk)
    try:
        services.callplan_mark_ready(
            plan=plan, version=posted_version(request), missing=page.checklist.missing
        )
    except ValidationError as error:
        return respond(
            request, pk, "checklist", status=conflict_status(error), ready_error=error.messages
        )
    if not request.htmx:
        messages.success(request, "Ready to dial. Good luck on the call.")
    return respond(request, pk, "checklist", focus="#plan-ready", say="Ready to dial")


def posted_version(request: AuthedRequest) -> int:
    # No version matches 0: a missing or garbled version is refused as stale, never applied blindly.
    return parse_id(request.POST.get("version")) or 0


@require_GET
def plan_pdf(request: AuthedRequest, pk: int):
    plan = callplan_access_for_user(request.user, pk)
    paper = paper_for(request.GET.get("paper"), request.user.pdf_paper)
    user_remember_paper(user=request.user, paper=paper)
    document = callplan_pdf_download(plan_pk=plan.pk, paper=paper)
    response = HttpResponse(document.content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
