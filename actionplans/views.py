"""The mutual action plan of a submittal (/submittals/<pk>/action-plan/, signed in) and its
shared page for the client's contact (/shared/action-plans/<pk>/<secret>/, no login).

The salesperson's steps save by htmx (the steps section comes back) with a plain-form fallback
(a redirect back to the page); bad input answers 422 with the form as typed."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.throttling import window_count, window_peek
from accounts.types import AuthedRequest
from actionplans.csrf import client_page_csrf
from actionplans.forms import CommentForm, ShareForm, StepForm
from actionplans.models import ActionStep, SharedLink
from actionplans.selectors import get_step_of, link_for_secret, plan_page_of, steps_of
from actionplans.services import (
    actionplan_start_from_template,
    actionstep_add,
    actionstep_delete,
    actionstep_move,
    actionstep_update,
    clientaction_comment,
    clientaction_mark_done,
    sharedlink_create,
    sharedlink_open,
    sharedlink_revoke,
)
from core.access import can_write
from core.forms import INVALID, add_service_errors
from core.htmx import after_removal, done
from core.ids import parse_id
from joborders.selectors import get_submittal_for_user, get_submittal_to_run_for_user

PAGE = "actionplans/plan.html"
SHARED_PAGE = "actionplans/shared.html"
HOUR = 60 * 60


def _may_edit(request: AuthedRequest, submittal) -> bool:
    job_order = submittal.job_order
    return can_write(
        request.user, team_id=job_order.team_id, owner_id=job_order.owner_id
    ) or can_write(request.user, team_id=job_order.team_id, owner_id=submittal.submitted_by_id)


def _context(request: AuthedRequest, submittal, **extra) -> dict:
    plan = plan_page_of(submittal)
    return {
        "plan": plan,
        "submittal": submittal,
        "may_edit": _may_edit(request, submittal),
        "add_form": extra.pop("add_form", None) or StepForm(),
        "share_form": extra.pop("share_form", None) or ShareForm(contacts=plan.contacts),
        "edit_form": extra.pop("edit_form", None),
        "link_days": settings.ACTION_PLAN_LINK_DAYS,
        **extra,
    }


def _page(request: AuthedRequest, submittal, *, status: int = 200, **extra) -> HttpResponse:
    return render(request, PAGE, _context(request, submittal, **extra), status=status)


def _steps_answer(request: AuthedRequest, submittal, *, focus: str, say: str, **extra):
    """After a step's save: the steps section (htmx) or the page again (a plain form)."""
    if not request.htmx:
        messages.success(request, say + ".")
        return redirect(f"{reverse('actionplans:page', args=[submittal.pk])}{focus}")
    response = render(request, f"{PAGE}#steps", _context(request, submittal, **extra))
    return done(response, focus=focus, say=say)


def _refused(request: AuthedRequest, submittal, **extra):
    if request.htmx:
        return render(
            request, f"{PAGE}#steps", _context(request, submittal, **extra), status=INVALID
        )
    return _page(request, submittal, status=INVALID, **extra)


def _step_or_404(submittal, step_pk) -> ActionStep:
    step = get_step_of(submittal, parse_id(step_pk))
    if step is None:
        raise Http404("No such step.")
    return step


@require_GET
def plan_page(request: AuthedRequest, pk: int):
    return _page(request, get_submittal_for_user(request.user, pk))


@require_POST
def plan_start(request: AuthedRequest, pk: int):
    submittal = get_submittal_to_run_for_user(request.user, pk)
    try:
        steps = actionplan_start_from_template(submittal=submittal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("actionplans:page", pk=submittal.pk)
    return _steps_answer(
        request,
        submittal,
        focus=f"#step-{steps[0].pk}",
        say=f"Started from the team's template: {len(steps)} steps",
    )


@require_POST
def step_add(request: AuthedRequest, pk: int):
    submittal = get_submittal_to_run_for_user(request.user, pk)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            step = actionstep_add(submittal=submittal, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        return _refused(request, submittal, add_form=form)
    return _steps_answer(request, submittal, focus=f"#step-{step.pk}", say=f"Added “{step}”")


@require_http_methods(["GET", "POST"])
def step_edit(request: AuthedRequest, pk: int, step_pk: int):
    """GET: the step's form (in its row by htmx; else the page with that row open)."""
    submittal = get_submittal_to_run_for_user(request.user, pk)
    step = _step_or_404(submittal, step_pk)
    if request.method == "GET":
        form = StepForm(step=step)
        if request.htmx:
            context = {"step": step, "edit_form": form, "may_edit": True, "submittal": submittal}
            return render(request, f"{PAGE}#step_row", context)
        return _page(request, submittal, edit_form=form)
    form = StepForm(request.POST, step=step)
    if form.is_valid():
        try:
            actionstep_update(step=step, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        return _refused(request, submittal, edit_form=form)
    return _steps_answer(request, submittal, focus=f"#step-{step.pk}", say=f"Saved “{step}”")


@require_POST
def step_delete(request: AuthedRequest, pk: int, step_pk: int):
    submittal = get_submittal_to_run_for_user(request.user, pk)
    step = _step_or_404(submittal, step_pk)
    ids = list(steps_of(submittal).values_list("pk", flat=True))
    title, removed = str(step), step.pk
    actionstep_delete(step=step)
    after = after_removal(ids, removed)
    focus = f"#step-{after}" if after else "#steps-heading"
    return _steps_answer(request, submittal, focus=focus, say=f"Removed “{title}”")


@require_POST
def step_move(request: AuthedRequest, pk: int, step_pk: int, direction: str):
    submittal = get_submittal_to_run_for_user(request.user, pk)
    step = _step_or_404(submittal, step_pk)
    if direction not in ("up", "down"):
        raise Http404("A step moves up or down.")
    moved = actionstep_move(step=step, direction=direction)
    say = (
        f"Moved “{step}” {direction}"
        if moved
        else f"“{step}” is already at the {'top' if direction == 'up' else 'bottom'}"
    )
    return _steps_answer(request, submittal, focus=f"#step-{step.pk}", say=say)


@require_POST
def link_share(request: AuthedRequest, pk: int):
    """A new secret link for a contact, shown once on the page that answers (201)."""
    submittal = get_submittal_to_run_for_user(request.user, pk)
    plan = plan_page_of(submittal)
    form = ShareForm(request.POST, contacts=plan.contacts)
    if form.is_valid():
        contact = next(c for c in plan.contacts if c.pk == form.cleaned_data["contact"])
        try:
            created = sharedlink_create(
                submittal=submittal, contact=contact, created_by=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        return _page(request, submittal, status=INVALID, share_form=form)
    url = request.build_absolute_uri(
        reverse("sharedplans:page", args=[submittal.pk, created.secret])
    )
    return _page(request, submittal, status=201, new_link=created.link, new_url=url)


@require_POST
def link_revoke(request: AuthedRequest, pk: int, shared_pk: int):
    submittal = get_submittal_to_run_for_user(request.user, pk)
    link = (
        SharedLink.objects.filter(pk=parse_id(shared_pk), submittal=submittal)
        .select_related("contact")
        .first()
    )
    if link is None:
        raise Http404("No such link.")
    if sharedlink_revoke(submittal=submittal, contact=link.contact):
        messages.success(request, f"Link for {link.contact.name} revoked: it opens nothing now.")
    else:
        messages.info(request, "That link was already revoked.")
    return redirect(f"{reverse('actionplans:page', args=[submittal.pk])}#sharing")


# --- The client's page ------------------------------------------------------------------------


class Throttled(Exception):
    pass


def _shared(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _link_or_404(request: HttpRequest, pk: int, token: str) -> SharedLink:
    """The live link, or a 404 that says nothing about why. Each miss counts against the
    caller's address (accounts.throttling's cache window, as for password resets); past the
    limit every link answers 429 to that address for the rest of the hour, right ones too, so
    guessing cannot go on."""
    address = get_client_ip_address(request) or ""
    if window_peek("action-plan-guess", address) >= settings.ACTION_PLAN_GUESSES_PER_ADDRESS:
        raise Throttled
    link = link_for_secret(pk, token)
    if link is None:
        window_count("action-plan-guess", address, seconds=HOUR)
        raise Http404("No such page.")
    return link


def _throttled() -> HttpResponse:
    return _shared(
        HttpResponse(
            "Too many tries from your address: wait an hour, then open the link again.",
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    )


def _shared_page(request, link: SharedLink, *, comment_form=None, error="", status=200):
    token = request.resolver_match.kwargs["token"]
    submittal = link.submittal
    context = {
        "link": link,
        "title": submittal.job_order.title,
        "first_name": submittal.candidate.first_name,
        "steps": list(steps_of(submittal)),
        "comment_form": comment_form or CommentForm(),
        "error": error,
        "sent": request.GET.get("sent") == "1",
        "token": token,
    }
    return _shared(render(request, SHARED_PAGE, context, status=status))


def _address(request: HttpRequest) -> str | None:
    return get_client_ip_address(request) or None


@login_not_required
@require_GET
def shared_page(request: HttpRequest, pk: int, token: str):
    try:
        link = _link_or_404(request, pk, token)
    except Throttled:
        return _throttled()
    sharedlink_open(link=link, ip_address=_address(request))
    return _shared_page(request, link)


def _post_allowed(link: SharedLink) -> bool:
    count = window_count("action-plan-post", str(link.pk), seconds=HOUR)
    return count <= settings.ACTION_PLAN_POSTS_PER_LINK


def _back(pk: int, token: str, anchor: str) -> HttpResponse:
    return _shared(redirect(reverse("sharedplans:page", args=[pk, token]) + anchor))


@login_not_required
@client_page_csrf
@require_POST
def shared_step_done(request: HttpRequest, pk: int, token: str, step_pk: int):
    try:
        link = _link_or_404(request, pk, token)
    except Throttled:
        return _throttled()
    if not _post_allowed(link):
        return _throttled()
    try:
        step = clientaction_mark_done(
            link=link, step_pk=parse_id(step_pk), ip_address=_address(request)
        )
    except ValidationError as error:
        return _shared_page(request, link, error=" ".join(error.messages), status=403)
    return _back(pk, token, f"#step-{step.pk}")


@login_not_required
@client_page_csrf
@require_POST
def shared_comment(request: HttpRequest, pk: int, token: str):
    try:
        link = _link_or_404(request, pk, token)
    except Throttled:
        return _throttled()
    if not _post_allowed(link):
        return _throttled()
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            clientaction_comment(
                link=link, comment=form.cleaned_data["comment"], ip_address=_address(request)
            )
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        return _shared_page(request, link, comment_form=form, status=INVALID)
    return _back(pk, token, "?sent=1#comment")
