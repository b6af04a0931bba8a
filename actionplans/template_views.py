"""The team's action-plan template (/submittals/action-plan-template/): every member reads it;
the team's managers reword, redate, reorder, add and remove its steps. Until they change it the
team uses the starter template (actionplans/rules.py). Plain forms, as the loss reasons page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from accounts.types import AuthedRequest
from actionplans.forms import TemplateStepForm
from actionplans.models import TemplateStep
from actionplans.rules import STARTER_TEMPLATE
from actionplans.selectors import template_rows_of
from actionplans.services import (
    require_template_manager,
    templatestep_add,
    templatestep_delete,
    templatestep_move,
    templatestep_update,
    templatesteps_customize,
)
from core.forms import INVALID, add_service_errors
from core.ids import parse_id

PAGE = "actionplans/template.html"


def _team_or_404(request: AuthedRequest):
    if request.user.team_id is None:
        raise Http404("The template belongs to a team.")
    return request.user.team


def _row_or_404(request: AuthedRequest, pk) -> TemplateStep:
    row = template_rows_of(request.user.team_id).filter(pk=parse_id(pk)).first()
    if row is None:
        raise Http404("No such template step.")
    return row


def _back(row_pk: int | None = None):
    anchor = f"#template-{row_pk}" if row_pk else ""
    return redirect(reverse("actionplans:template") + anchor)


def _page(request: AuthedRequest, *, add_form=None, edit_form=None, status: int = 200):
    team = _team_or_404(request)
    rows = list(template_rows_of(team.pk))
    context = {
        "team": team,
        "rows": [
            (row, edit_form if edit_form and edit_form.row == row else TemplateStepForm(row=row))
            for row in rows
        ],
        "starter": STARTER_TEMPLATE,
        "may_edit": request.user.is_superuser or request.user.is_manager,
        "add_form": add_form or TemplateStepForm(),
    }
    return render(request, PAGE, context, status=status)


@require_GET
def template_page(request: AuthedRequest):
    return _page(request)


@require_POST
def template_customize(request: AuthedRequest):
    team = _team_or_404(request)
    require_template_manager(request.user)
    added = templatesteps_customize(team=team)
    messages.success(
        request,
        f"The {added} usual steps are now your team's to change."
        if added
        else "Your team already has its own template.",
    )
    return _back()


@require_POST
def template_add(request: AuthedRequest):
    team = _team_or_404(request)
    require_template_manager(request.user)
    form = TemplateStepForm(request.POST)
    if form.is_valid():
        try:
            row = templatestep_add(team=team, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        return _page(request, add_form=form, status=INVALID)
    messages.success(request, f"Added “{row}” to the template.")
    return _back(row.pk)


@require_POST
def template_edit(request: AuthedRequest, template_pk: int):
    _team_or_404(request)
    require_template_manager(request.user)
    row = _row_or_404(request, template_pk)
    form = TemplateStepForm(request.POST, row=row)
    if form.is_valid():
        try:
            templatestep_update(row=row, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        row.refresh_from_db()
        return _page(request, edit_form=form, status=INVALID)
    messages.success(request, f"Saved “{row}”.")
    return _back(row.pk)


@require_POST
def template_delete(request: AuthedRequest, template_pk: int):
    _team_or_404(request)
    require_template_manager(request.user)
    row = _row_or_404(request, template_pk)
    title = str(row)
    templatestep_delete(row=row)
    messages.success(request, f"Removed “{title}” from the template.")
    return _back()


@require_POST
def template_move(request: AuthedRequest, template_pk: int, direction: str):
    _team_or_404(request)
    require_template_manager(request.user)
    row = _row_or_404(request, template_pk)
    if direction not in ("up", "down"):
        raise Http404("A step moves up or down.")
    if templatestep_move(row=row, direction=direction):
        messages.success(request, f"Moved “{row}” {direction}.")
    return _back(row.pk)
