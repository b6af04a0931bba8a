"""The team's list of reasons candidates are lost: everyone reads it; the team's managers add,
reword, retire and restore reasons (the submittal page's form picks one)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.types import AuthedRequest
from core.forms import INVALID, add_service_errors
from core.ids import parse_id
from joborders.forms import LossReasonForm
from joborders.models import LossReason
from joborders.selectors import loss_reasons_of
from joborders.services import (
    lossreason_create,
    lossreason_set_retired,
    lossreason_update,
    lossreasons_start,
    require_loss_reason_manager,
)


def _team_or_404(request: AuthedRequest):
    if request.user.team_id is None:
        raise Http404("Loss reasons belong to a team.")
    return request.user.team


def _reason_or_404(request: AuthedRequest, pk) -> LossReason:
    reason = loss_reasons_of(request.user.team_id).filter(pk=parse_id(pk)).first()
    if reason is None:
        raise Http404("No such loss reason.")
    return reason


def _list_page(request: AuthedRequest, *, add_form=None, edit_form=None, status: int = 200):
    team = _team_or_404(request)
    reasons = list(loss_reasons_of(team.pk))
    may_edit = request.user.is_superuser or request.user.is_manager
    rows = [
        (
            reason,
            edit_form
            if edit_form and edit_form.reason == reason
            else LossReasonForm(reason=reason),
        )
        for reason in reasons
    ]
    context = {
        "rows": rows,
        "may_edit": may_edit,
        "add_form": add_form or LossReasonForm(),
        "team": team,
    }
    return render(request, "joborders/loss_reasons.html", context, status=status)


@require_GET
def loss_reasons_page(request: AuthedRequest):
    return _list_page(request)


@require_POST
def lossreason_add(request: AuthedRequest):
    team = _team_or_404(request)
    require_loss_reason_manager(request.user)
    form = LossReasonForm(request.POST)
    if form.is_valid():
        try:
            reason = lossreason_create(team=team, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        return _list_page(request, add_form=form, status=INVALID)
    messages.success(request, f"Added “{reason}”.")
    return redirect(f"{reverse('submittals:loss_reasons')}#reason-{reason.pk}")


@require_POST
def lossreason_edit(request: AuthedRequest, reason_pk: int):
    _team_or_404(request)
    require_loss_reason_manager(request.user)
    reason = _reason_or_404(request, reason_pk)
    form = LossReasonForm(request.POST, reason=reason)
    form.reason = reason
    if form.is_valid():
        try:
            lossreason_update(reason=reason, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        reason.refresh_from_db()
        return _list_page(request, edit_form=form, status=INVALID)
    messages.success(request, f"Saved “{reason}”.")
    return redirect(f"{reverse('submittals:loss_reasons')}#reason-{reason.pk}")


@require_POST
def lossreason_retire(request: AuthedRequest, reason_pk: int):
    _team_or_404(request)
    require_loss_reason_manager(request.user)
    reason = _reason_or_404(request, reason_pk)
    retire = request.POST.get("retired") != "0"
    lossreason_set_retired(reason=reason, retired=retire)
    if retire:
        messages.success(request, f"Retired “{reason}”: no longer offered, kept where it was used.")
    else:
        messages.success(request, f"“{reason}” is offered again.")
    return redirect(f"{reverse('submittals:loss_reasons')}#reason-{reason.pk}")


@require_POST
def lossreasons_start_list(request: AuthedRequest):
    team = _team_or_404(request)
    require_loss_reason_manager(request.user)
    added = lossreasons_start(team=team)
    messages.success(
        request,
        f"Added {added} of the usual reasons." if added else "Your list has all the usual reasons.",
    )
    return redirect(reverse("submittals:loss_reasons"))
