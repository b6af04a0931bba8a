"""A submittal's interview rounds, from its page: schedule the next round, change one, cancel
the last. Each post answers the rounds section (htmx) or the page (a redirect, or 422 with the
form as typed)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.types import AuthedRequest
from core.forms import INVALID, add_service_errors
from core.htmx import done
from joborders.forms import InterviewForm
from joborders.models import Interview
from joborders.selectors import contacts_for_interview, get_submittal_to_run_for_user
from joborders.services import interview_cancel, interview_schedule, interview_update
from joborders.views import _submittal_page, rounds_context

SECTION = "joborders/submittal_detail.html#rounds"


def _answer(request: AuthedRequest, submittal, form, *, said: str, focus: str):
    if form.errors:
        if request.htmx:
            context = {
                "submittal": submittal,
                "can_write": True,
                **rounds_context(request, submittal, writable=True, round_form=form),
            }
            return render(request, SECTION, context, status=INVALID)
        return _submittal_page(request, submittal, round_form=form, status=INVALID)
    if request.htmx:
        context = {
            "submittal": submittal,
            "can_write": True,
            **rounds_context(request, submittal, writable=True),
        }
        return done(render(request, SECTION, context), focus=focus, say=said)
    messages.success(request, said)
    return redirect(f"{reverse('submittals:detail', args=[submittal.pk])}#rounds")


def _values(form: InterviewForm) -> dict:
    data = form.cleaned_data
    return {**data, "interviewers": list(data["interviewers"])}


@require_POST
def interview_add(request: AuthedRequest, pk: int):
    submittal = get_submittal_to_run_for_user(request.user, pk)
    form = InterviewForm(
        request.POST, submittal=submittal, contacts=contacts_for_interview(submittal)
    )
    interview = None
    if form.is_valid():
        try:
            interview = interview_schedule(
                submittal=submittal, scheduled_by=request.user, **_values(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
            submittal.refresh_from_db(fields=["status", "interview_at"])
    said = f"Round {interview.round} scheduled." if interview else ""
    focus = f"#round-{interview.round}" if interview else ""
    return _answer(request, submittal, form, said=said, focus=focus)


def _round_of(request: AuthedRequest, pk: int, number: int):
    submittal = get_submittal_to_run_for_user(request.user, pk)
    return submittal, get_object_or_404(Interview, submittal=submittal, round=number)


@require_POST
def interview_edit(request: AuthedRequest, pk: int, number: int):
    submittal, interview = _round_of(request, pk, number)
    form = InterviewForm(
        request.POST,
        submittal=submittal,
        contacts=contacts_for_interview(submittal),
        interview=interview,
    )
    if form.is_valid():
        try:
            interview_update(interview=interview, **_values(form))
        except ValidationError as error:
            add_service_errors(form, error)
            submittal.refresh_from_db(fields=["status", "interview_at"])
    return _answer(
        request, submittal, form, said=f"Round {number} saved.", focus=f"#round-{number}"
    )


@require_POST
def interview_cancel_round(request: AuthedRequest, pk: int, number: int):
    submittal, interview = _round_of(request, pk, number)
    try:
        interview_cancel(interview=interview)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Round {number} cancelled.")
    return redirect(f"{reverse('submittals:detail', args=[submittal.pk])}#rounds")
