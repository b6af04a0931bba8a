"""Editing the plan's objections and confirmed evidence in place (htmx, with plain-POST fallbacks)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts.types import AuthedRequest
from callplans import services
from callplans.forms import EvidenceLinkForm, NewObjectionForm, ObjectionForm
from callplans.models import LibraryStatus, Objection, ObjectionTemplate
from callplans.selectors import (
    active_template_of_team,
    get_callplan_for_user,
    get_evidence_link_of_plan,
    get_objection_of_plan,
    objection_ids_of_plan,
    plan_page_for,
    requirement_of_plan,
)
from callplans.views.plan import PLAN_PAGE, conflict_status, plan_context, posted_version, respond
from core.forms import add_service_errors
from core.htmx import after_removal, done
from core.ids import parse_id


@require_http_methods(["GET", "POST"])
def objection_create(request: AuthedRequest, pk: int):
    """GET opens the form for an objection of one's own (the objections section over htmx, else
    the whole plan page with the form open); ?cancel=1 closes it. POST adds the objection."""
    plan = get_callplan_for_user(request.user, pk, write=True)
    if request.method == "GET":
        if request.GET.get("cancel"):
            return done(_objections_section(request, plan.pk), focus="#write-objection")
        version = parse_id(request.GET.get("version")) or plan.version
        form = NewObjectionForm(prefix="new", initial={"version": version})
        response = _objections_section(request, plan.pk, new_objection_form=form)
        return done(response, focus=f"#{form['text'].auto_id}")
    form = NewObjectionForm(request.POST, prefix="new")
    if form.is_valid():
        data = form.cleaned_data
        requirement = requirement_of_plan(plan, data["requirement"])
        template = active_template_of_team(plan.submittal.job_order.team_id, data["template"])
        try:
            added = services.objection_add(
                plan=plan,
                version=data["version"],
                category=data["category"],
                text=data["text"],
                rebuttal=data["rebuttal"],
                likelihood=data["likelihood"],
                requirement=requirement,
                source=data["source"],
                # Text DialReady filled in (a draft or the library's) is a draft until kept.
                rebuttal_draft=data["source"] != Objection.Source.MANUAL,
                template=template,
            )
            return respond(
                request, pk, "objections", focus=f"#objection-{added.pk}", say="Objection added"
            )
        except ValidationError as error:
            status = add_service_errors(form, error)
            return respond(request, pk, "objections", status=status, new_objection_form=form)
    return respond(request, pk, "objections", status=422, new_objection_form=form)


@require_http_methods(["GET", "POST"])
def objection_edit(request: AuthedRequest, pk: int, objection_pk: int):
    """GET opens the row's form (the objections section over htmx, else the whole plan page with
    that row open); ?cancel=1 closes it. POST saves it."""
    plan = get_callplan_for_user(request.user, pk, write=True)
    objection = get_objection_of_plan(plan, objection_pk)
    if request.method == "GET":
        if request.GET.get("cancel"):
            return done(_objections_section(request, plan.pk), focus=f"#objection-{objection.pk}")
        form = ObjectionForm(
            prefix=f"o{objection.pk}",
            initial={
                "version": parse_id(request.GET.get("version")) or plan.version,
                "text": objection.text,
                "rebuttal": objection.rebuttal,
                "category": objection.category,
                "likelihood": objection.likelihood,
            },
        )
        response = _objections_section(request, plan.pk, editing=(objection.pk, form))
        return done(response, focus=f"#{form['text'].auto_id}")
    form = ObjectionForm(request.POST, prefix=f"o{objection.pk}")
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.objection_update(
                objection=objection,
                version=data["version"],
                category=data["category"],
                text=data["text"],
                rebuttal=data["rebuttal"],
                likelihood=data["likelihood"],
            )
            return respond(
                request, pk, "objections", focus=f"#objection-{objection.pk}", say="Objection saved"
            )
        except ValidationError as error:
            status = add_service_errors(form, error)
            return respond(request, pk, "objections", status=status, editing=(objection.pk, form))
    return respond(request, pk, "objections", status=422, editing=(objection.pk, form))


def _objections_section(request: AuthedRequest, plan_pk: int, **overrides):
    context = plan_context(request, plan_page_for(plan_pk), **overrides)
    if request.htmx:
        return render(request, f"{PLAN_PAGE}#objections", context)
    return render(request, PLAN_PAGE, context)


@require_POST
def objection_action(request: AuthedRequest, pk: int, objection_pk: int, action: str):
    """Remove, move up or down, accept the drafted rebuttal, or save it to the team library."""
    plan = get_callplan_for_user(request.user, pk, write=True)
    objection = get_objection_of_plan(plan, objection_pk)
    version = posted_version(request)
    focus, say = f"#objection-{objection.pk}", ACTION_SAID.get(action, "")
    try:
        if action == "remove":
            removed, order = objection.pk, objection_ids_of_plan(plan)
            services.objection_remove(objection=objection, version=version)
            after = after_removal(order, removed)
            focus = f"#objection-{after}" if after else "#objections-h"
        elif action in ("up", "down"):
            step = -1 if action == "up" else 1
            services.objection_move(objection=objection, version=version, step=step)
        elif action == "accept":
            services.objection_accept_draft(objection=objection, version=version)
        elif action == "to-library":
            saved = services.objection_save_to_library(objection=objection, by=request.user)
            say = _saved_message(saved)
            if not request.htmx:
                messages.success(request, say)
    except ValidationError as error:
        return respond(
            request, pk, "objections", status=conflict_status(error), objection_error=error.messages
        )
    return respond(request, pk, "objections", focus=focus, say=say)


ACTION_SAID = {
    "remove": "Objection removed",
    "up": "Moved up",
    "down": "Moved down",
    "accept": "Draft accepted",
}


def _saved_message(template: ObjectionTemplate) -> str:
    if template.status == LibraryStatus.PROPOSED:
        return "Sent to your team's library as a proposal: a manager will accept or decline it."
    return "Saved to your team's objection library."


@require_POST
def evidence_link(request: AuthedRequest, pk: int):
    plan = get_callplan_for_user(request.user, pk, write=True)
    form = EvidenceLinkForm(request.POST)
    if not form.is_valid():
        return respond(request, pk, "evidence", status=422, evidence_errors=form.errors)
    data = form.cleaned_data
    submittal = plan.submittal
    requirement = get_object_or_404(submittal.job_order.requirements, pk=data["requirement"])
    engagement = get_object_or_404(submittal.candidate.engagements, pk=data["engagement"])
    try:
        services.planevidence_link(
            plan=plan,
            requirement=requirement,
            engagement=engagement,
            similarity_note=data["similarity_note"],
            version=data["version"],
        )
    except ValidationError as error:
        return respond(
            request, pk, "evidence", status=conflict_status(error), evidence_error=error.messages
        )
    return respond(
        request,
        pk,
        "evidence",
        also=("objections",),
        focus=f"#need-{requirement.pk}",
        say=f"Evidence confirmed: {engagement.employer}",
    )


@require_POST
def evidence_unlink(request: AuthedRequest, pk: int, link_pk: int):
    plan = get_callplan_for_user(request.user, pk, write=True)
    link = get_evidence_link_of_plan(plan, link_pk)
    try:
        services.planevidence_unlink(link=link, version=posted_version(request))
    except ValidationError as error:
        return respond(
            request, pk, "evidence", status=conflict_status(error), evidence_error=error.messages
        )
    return respond(
        request,
        pk,
        "evidence",
        also=("objections",),
        focus=f"#need-{link.requirement_id}",
        say="Evidence removed",
    )
