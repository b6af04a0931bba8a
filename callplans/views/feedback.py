"""Logging the feedback call from the plan page: /plans/<pk>/feedback/ (and its htmx row)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.types import AuthedRequest
from callplans import services
from callplans.forms import (
    MAX_NEW_ROWS,
    FeedbackForms,
    UnanticipatedForm,
    new_row_count,
)
from callplans.models import CallPlan, FeedbackCall
from callplans.selectors import get_callplan_for_user
from core.htmx import done
from joborders.selectors import round_followed

FORM_PAGE = "callplans/feedback_form.html"


@require_http_methods(["GET", "POST"])
def feedback_new(request: AuthedRequest, pk: int):
    plan = get_callplan_for_user(request.user, pk, write=True)
    forms = FeedbackForms(
        plan=plan,
        objections=list(plan.objections.order_by("position", "id")),
        planned_question_id=plan.closing_questions.order_by("position", "id")
        .values_list("pk", flat=True)
        .first(),
        data=request.POST if request.method == "POST" else None,
    )
    if request.method == "GET":
        return render(request, FORM_PAGE, _context(plan, forms))
    if forms.is_valid():
        stage_before = plan.submittal.get_status_display()
        try:
            call = services.feedbackcall_record(
                plan=plan, called_by=request.user, **forms.service_values()
            )
        except ValidationError as error:
            forms.add_error(error)
        else:
            messages.success(request, _logged_message(call, stage_before))
            return redirect(reverse("callplans:detail", args=[pk]) + "#feedback")
    return render(request, FORM_PAGE, _context(plan, forms), status=422)


@require_GET
def feedback_row(request: AuthedRequest, pk: int):
    """One more "objection nobody anticipated" row (htmx), and the row counter out of band."""
    plan = get_callplan_for_user(request.user, pk, write=True)
    index = new_row_count(request.GET)
    if index >= MAX_NEW_ROWS:
        return HttpResponse(status=204)
    context = {"plan": plan, "row": UnanticipatedForm(index=index, autofocus=True)}
    html = render_to_string(f"{FORM_PAGE}#new_row", context, request)
    counter = {"plan": plan, "row_total": index + 1, "can_add": index + 1 < MAX_NEW_ROWS}
    html += render_to_string(f"{FORM_PAGE}#add_row", {**counter, "oob": True}, request)
    said = f"Row added for objection {index + 1} nobody anticipated"
    return done(HttpResponse(html), focus=f"#id_new-{index}-text", say=said)


def _context(plan: CallPlan, forms: FeedbackForms) -> dict:
    return {
        "plan": plan,
        "round": round_followed(plan.submittal, timezone.now()),
        "forms": forms,
        "row_total": len(forms.new_rows),
        "can_add": len(forms.new_rows) < MAX_NEW_ROWS,
    }


def _logged_message(call: FeedbackCall, stage_before: str) -> str:
    submittal = call.plan.submittal
    stage_now = submittal.get_status_display()
    logged = f"Feedback call logged: {call.get_outcome_display()}."
    if stage_now == stage_before:
        return f"{logged} {submittal.candidate} stays at “{stage_now}”."
    return f"{logged} {submittal.candidate} moved from “{stage_before}” to “{stage_now}”."
