"""Job order pages: the list, the qualification form (create / edit + requirement rows) and the
detail page with status, pipeline, reference calls and "Submit a candidate"."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.types import AuthedRequest
from candidates.selectors import get_candidate_for_user
from core.access import can_write
from core.forms import INVALID, add_service_errors
from core.htmx import after_removal, done
from core.ids import parse_id
from joborders.forms import (
    SECTION_ORDER,
    SECTION_TEXT,
    STATUS_ACTIONS,
    CandidateSearchForm,
    InterviewForm,
    JobOrderCreateForm,
    JobOrderEditForm,
    JobOrderFilterForm,
    JobOrderStatusForm,
    RequirementRowForm,
    SectionText,
    SubmitCandidateForm,
    SubmittalLossForm,
    SubmittalRatesForm,
    SubmittalStageForm,
)
from joborders.losses import is_lost
from joborders.margin import margin_of
from joborders.models import JobOrder, Requirement
from joborders.selectors import (
    candidates_to_submit,
    contacts_for_interview,
    get_client_for_user,
    get_joborder_for_user,
    get_pipeline_submittal_for_user,
    get_requirement_for_user,
    get_submittal_for_user,
    get_submittal_to_run_for_user,
    joborder_list,
    joborder_pipeline,
    joborder_reference_calls,
    qualification_of,
    requirement_ids_of_kind,
    requirement_place,
    requirements_of,
    rounds_of,
    submittal_detail_of,
)
from joborders.services import (
    JOBORDER_TRANSITIONS,
    joborder_change_status,
    joborder_create_qualified,
    joborder_update,
    requirement_add,
    requirement_add_skill,
    requirement_move,
    requirement_remove,
    requirement_update,
    submittal_create,
    submittal_save_row,
    submittal_set_loss,
    submittal_set_rates,
)

PAGE_SIZE = 25


def _writable(request: AuthedRequest, job_order: JobOrder) -> bool:
    return can_write(request.user, team_id=job_order.team_id, owner_id=job_order.owner_id)


def _render_htmx_aware(request: AuthedRequest, template: str, context: dict, status: int = 200):
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ("HX-Request",))
    return response


# --- List ------------------------------------------------------------------------------------


@require_GET
def joborder_list_page(request: AuthedRequest):
    form = JobOrderFilterForm(request.GET, user=request.user)
    paginator = Paginator(joborder_list(request.user, **form.filters()), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(request, "joborders/list.html", {"form": form, "page_obj": page_obj})


# --- Create and edit: the qualification form ------------------------------------------------


@require_http_methods(["GET", "POST"])
def joborder_create_page(request: AuthedRequest):
    data = request.POST if request.method == "POST" else None
    form = JobOrderCreateForm(data, team_id=request.user.team_id)
    if request.method == "POST" and form.is_valid():
        try:
            job_order = joborder_create_qualified(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "Job order saved. Now add the skills and experience it needs."
            )
            return redirect(f"{reverse('joborders:edit', args=[job_order.pk])}#section-skill")
    status = INVALID if form.errors else 200
    return render(request, "joborders/form.html", {"form": form}, status=status)


@require_GET
def contact_options(request: AuthedRequest):
    """The contact picker (or, when the contact changed, its click-to-call line) of the form."""
    client = None
    client_pk = parse_id(request.GET.get("client"))
    if client_pk is not None:
        client = get_client_for_user(request.user, client_pk)
    team_id = client.team_id if client else request.user.team_id
    form = JobOrderCreateForm(initial={"client": client}, team_id=team_id, client=client)
    contact = None
    contact_pk = parse_id(request.GET.get("contact"))
    if contact_pk is not None:
        contact = form.fields["contact"].queryset.filter(pk=contact_pk).first()
    form.initial["contact"] = contact
    partial = "contact_call" if request.htmx.trigger_name == "contact" else "contact_field"
    context = {"form": form, "selected_contact": contact}
    return render(request, f"joborders/form.html#{partial}", context)


@dataclass
class Row:
    requirement: Requirement
    form: RequirementRowForm
    is_first: bool
    is_last: bool
    saved: bool = False


@dataclass
class Section:
    text: SectionText
    rows: list[Row]
    add_form: RequirementRowForm
    focus_add: bool = False

    @property
    def kind(self) -> str:
        return self.text.kind


def _rows(kind: str, requirements: list[Requirement], bound: RequirementRowForm | None):
    same_kind = [r for r in requirements if r.kind == kind]
    rows = []
    for index, requirement in enumerate(same_kind):
        if bound is not None and bound.requirement_pk == requirement.pk:
            form = bound
        else:
            form = RequirementRowForm(kind=kind, requirement=requirement, number=index + 1)
        rows.append(Row(requirement, form, index == 0, index == len(same_kind) - 1))
    return rows


def _section(
    kind: str,
    requirements: list[Requirement],
    *,
    bound: RequirementRowForm | None = None,
    focus_add: bool = False,
) -> Section:
    adding = bound is not None and bound.requirement_pk is None
    add_form = bound if adding and bound.kind == kind else RequirementRowForm(kind=kind)
    row_bound = bound if bound is not None and bound.kind == kind and not adding else None
    if focus_add:
        add_form.focus()
    return Section(SECTION_TEXT[kind], _rows(kind, requirements, row_bound), add_form, focus_add)


def _edit_page(
    request: AuthedRequest,
    job_order: JobOrder,
    *,
    form: JobOrderEditForm | None = None,
    bound: RequirementRowForm | None = None,
    status: int = 200,
):
    requirements = list(requirements_of(job_order))
    if form is None:
        form = JobOrderEditForm(
            initial=JobOrderEditForm.initial_for(job_order), team_id=job_order.team_id
        )
    sections = {kind: _section(kind, requirements, bound=bound) for kind in SECTION_ORDER}
    context = {
        "form": form,
        "job_order": job_order,
        "sections": [sections[k] for k in SECTION_ORDER if not SECTION_TEXT[k].nested],
        "nested_sections": [sections[k] for k in SECTION_ORDER if SECTION_TEXT[k].nested],
        "selected_contact": job_order.contact,
    }
    return render(request, "joborders/form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def joborder_edit_page(request: AuthedRequest, pk: int):
    job_order = get_joborder_for_user(request.user, pk, write=True)
    if request.method == "GET":
        return _edit_page(request, job_order)
    form = JobOrderEditForm(request.POST, team_id=job_order.team_id)
    status = INVALID
    if form.is_valid():
        try:
            joborder_update(job_order=job_order, **form.cleaned_data)
        except ValidationError as error:
            status = add_service_errors(form, error)
        else:
            messages.success(request, "Job order saved.")
            return redirect("joborders:detail", pk=job_order.pk)
    job_order.refresh_from_db()  # the page around the form shows what is saved, not the input
    return _edit_page(request, job_order, form=form, status=status)


# --- Requirement rows (htmx, and plain POST without JavaScript) ------------------------------


def _kind_or_404(kind: str) -> str:
    if kind not in SECTION_TEXT:
        raise Http404("No such requirement list.")
    return kind


def _section_response(
    request: AuthedRequest,
    job_order: JobOrder,
    kind: str,
    *,
    bound: RequirementRowForm | None = None,
    focus_add: bool = False,
) -> HttpResponse:
    status = INVALID if bound is not None else 200
    if not request.htmx:
        if bound is not None:
            return _edit_page(request, job_order, bound=bound, status=status)
        return redirect(f"{reverse('joborders:edit', args=[job_order.pk])}#section-{kind}")
    requirements = list(requirements_of(job_order))
    section = _section(kind, requirements, bound=bound, focus_add=focus_add)
    context = {"job_order": job_order, "section": section}
    return render(request, "joborders/form.html#section", context, status=status)


@require_POST
def requirement_add_row(request: AuthedRequest, pk: int, kind: str):
    job_order = get_joborder_for_user(request.user, pk, write=True)
    kind = _kind_or_404(kind)
    form = RequirementRowForm(request.POST, kind=kind)
    if form.is_valid():
        try:
            if kind == Requirement.Kind.SKILL:
                requirement_add_skill(job_order=job_order, **form.service_values())
            else:
                requirement_add(job_order=job_order, kind=kind, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
            form.ask_confirmation()
    if form.errors:
        return _section_response(request, job_order, kind, bound=form)
    response = _section_response(request, job_order, kind, focus_add=True)
    first_field = next(iter(RequirementRowForm(kind=kind)))
    added = f"{SECTION_TEXT[kind].row_label} added"
    return done(response, focus=f"#{first_field.auto_id}", say=added)


@require_POST
def requirement_update_row(request: AuthedRequest, pk: int, requirement_pk: int):
    requirement = get_requirement_for_user(request.user, pk, requirement_pk, write=True)
    job_order, kind = requirement.job_order, requirement.kind
    number, count = requirement_place(requirement)
    form = RequirementRowForm(request.POST, kind=kind, requirement=requirement, number=number)
    if form.is_valid():
        try:
            requirement_update(requirement=requirement, **form.service_values())
        except ValidationError as error:
            add_service_errors(form, error)
            form.ask_confirmation()
    if not request.htmx:
        if form.errors:
            return _section_response(request, job_order, kind, bound=form)
        return redirect(f"{reverse('joborders:edit', args=[job_order.pk])}#req-{requirement.pk}")
    if not form.errors:
        form = RequirementRowForm(kind=kind, requirement=requirement, number=number)
    row = Row(requirement, form, number == 1, number == count, saved=not form.errors)
    context = {"job_order": job_order, "row": row}
    if form.errors:
        return render(request, "joborders/form.html#row", context, status=INVALID)
    response = render(request, "joborders/form.html#row", context)
    return done(response, focus=f"#req-{requirement.pk}", say=f"{form.row_label} saved")


@require_POST
def requirement_delete_row(request: AuthedRequest, pk: int, requirement_pk: int):
    requirement = get_requirement_for_user(request.user, pk, requirement_pk, write=True)
    job_order, kind = requirement.job_order, requirement.kind
    removed, order = requirement.pk, requirement_ids_of_kind(requirement)
    requirement_remove(requirement=requirement)
    after = after_removal(order, removed)
    focus = f"#req-{after}" if after else f"#heading-{kind}"
    said = f"{SECTION_TEXT[kind].row_label} removed"
    return done(_section_response(request, job_order, kind), focus=focus, say=said)


@require_POST
def requirement_move_row(request: AuthedRequest, pk: int, requirement_pk: int, direction: str):
    if direction not in ("up", "down"):
        raise Http404("Rows move up or down.")
    requirement = get_requirement_for_user(request.user, pk, requirement_pk, write=True)
    requirement_move(requirement=requirement, direction=direction)
    response = _section_response(request, requirement.job_order, requirement.kind)
    return done(response, focus=f"#req-{requirement.pk}", say=f"Moved {direction}")


# --- Detail page -----------------------------------------------------------------------------


def _status_context(request: AuthedRequest, job_order: JobOrder, form=None) -> dict:
    allowed = JOBORDER_TRANSITIONS.get(job_order.status, ())
    return {
        "job_order": job_order,
        "can_write": _writable(request, job_order),
        "status_actions": [(status, STATUS_ACTIONS[status]) for status in allowed],
        "status_form": form,
    }


def _detail_page(
    request: AuthedRequest,
    job_order: JobOrder,
    *,
    stage_form: SubmittalStageForm | None = None,
    status: int = 200,
):
    requirements = list(requirements_of(job_order))
    pipeline = list(joborder_pipeline(job_order))
    writable = _writable(request, job_order)
    for submittal in pipeline:
        # Rows are read-only; the one row asked for (or refused) shows its stage form.
        bound = stage_form is not None and stage_form.submittal.pk == submittal.pk
        submittal.stage_form = stage_form if bound else None
    search = CandidateSearchForm(request.GET)
    query = search.cleaned_data["candidate_q"] if search.is_valid() else ""
    by_kind = {kind: [r for r in requirements if r.kind == kind] for kind in SECTION_ORDER}
    context = {
        **_status_context(request, job_order),
        "can_write": writable,
        "qualification": qualification_of(job_order, requirements),
        "sections": [(SECTION_TEXT[kind], by_kind[kind]) for kind in SECTION_ORDER],
        "pipeline": pipeline,
        "reference_calls": joborder_reference_calls(job_order),
        "search": search,
        "candidate_q": query,
        "candidates": candidates_to_submit(request.user, query) if writable else [],
        "submitted_ids": {s.candidate_id for s in pipeline},
    }
    return _render_htmx_aware(request, "joborders/detail.html", context, status=status)


@require_GET
def joborder_detail_page(request: AuthedRequest, pk: int):
    job_order = get_joborder_for_user(request.user, pk)
    if request.htmx and request.htmx.target == "candidate-results":
        return _candidate_results(request, job_order)
    return _detail_page(request, job_order)


def _candidate_results(request: AuthedRequest, job_order: JobOrder):
    search = CandidateSearchForm(request.GET)
    query = search.cleaned_data["candidate_q"] if search.is_valid() else ""
    writable = _writable(request, job_order)
    submitted = joborder_pipeline(job_order).values_list("candidate_id", flat=True)
    context = {
        "job_order": job_order,
        "search": search,
        "candidate_q": query,
        "can_write": writable,
        "candidates": candidates_to_submit(request.user, query) if writable else [],
        "submitted_ids": set(submitted),
    }
    return _render_htmx_aware(request, "joborders/detail.html#candidate_results", context)


@require_POST
def joborder_status(request: AuthedRequest, pk: int):
    job_order = get_joborder_for_user(request.user, pk, write=True)
    form = JobOrderStatusForm(request.POST, job_order=job_order)
    if form.is_valid():
        try:
            joborder_change_status(job_order=job_order, status=form.cleaned_data["status"])
        except ValidationError as error:
            add_service_errors(form, error)
    if not request.htmx:
        if form.errors:
            messages.error(request, " ".join(m for ms in form.errors.values() for m in ms))
        else:
            messages.success(request, f"The job order is now {job_order.get_status_display()}.")
        return redirect("joborders:detail", pk=job_order.pk)
    context = _status_context(request, job_order, form if form.errors else None)
    if form.errors:
        return render(request, "joborders/detail.html#status", context, status=INVALID)
    response = render(request, "joborders/detail.html#status", context)
    return done(response, focus="#status-heading", say=f"Status: {job_order.get_status_display()}")


@require_POST
def submittal_add(request: AuthedRequest, pk: int):
    job_order = get_joborder_for_user(request.user, pk, write=True)
    form = SubmitCandidateForm(request.POST)
    back = reverse("joborders:detail", args=[job_order.pk])
    if not form.is_valid():
        messages.error(request, "Pick a candidate from the search results to submit.")
        return redirect(f"{back}#submit")
    candidate = get_candidate_for_user(request.user, form.cleaned_data["candidate"])
    query = form.cleaned_data["candidate_q"]
    try:
        submittal_create(job_order=job_order, candidate=candidate, submitted_by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        suffix = f"?{urlencode({'candidate_q': query})}#submit" if query else "#submit"
        return redirect(f"{back}{suffix}")
    messages.success(request, f"{candidate} is submitted: the pipeline shows the new row.")
    return redirect(f"{back}#pipeline")


@require_http_methods(["GET", "POST"])
def submittal_stage(request: AuthedRequest, pk: int, submittal_pk: int):
    """GET: the row's stage form (htmx: the row; without JavaScript: the job order's page with
    that row's form open), or with `show=row` the read-only row again (Cancel). POST: move."""
    submittal = get_pipeline_submittal_for_user(request.user, pk, submittal_pk, write=True)
    job_order = submittal.job_order
    if request.method == "GET":
        return _stage_row_or_page(request, submittal)
    form = SubmittalStageForm(request.POST, submittal=submittal)
    if form.is_valid():
        try:
            submittal_save_row(
                submittal=submittal, changed_by=request.user, **form.service_values()
            )
        except ValidationError as error:
            add_service_errors(form, error)
    if not request.htmx:
        if form.errors:
            return _detail_page(request, job_order, stage_form=form, status=INVALID)
        messages.success(
            request, f"{submittal.candidate}: stage is now {submittal.get_status_display()}."
        )
        return redirect(f"{reverse('joborders:detail', args=[job_order.pk])}#pipeline")
    if form.errors:
        submittal.refresh_from_db(fields=["status", "interview_at", "submitted_at", "start_on"])
    submittal.stage_form = form if form.errors else None
    context = {
        "job_order": job_order,
        "submittal": submittal,
        "can_write": True,
        "saved": not form.errors,
    }
    if form.errors:
        return render(request, "joborders/detail.html#pipeline_row", context, status=INVALID)
    response = render(request, "joborders/detail.html#pipeline_row", context)
    said = f"{submittal.candidate}: {submittal.get_status_display()}"
    return done(response, focus=f"#submittal-{submittal.pk}", say=said)


def _stage_row_or_page(request: AuthedRequest, submittal) -> HttpResponse:
    editing = request.GET.get("show") != "row"
    form = SubmittalStageForm(submittal=submittal) if editing else None
    if not request.htmx:
        if not editing:
            return redirect(
                f"{reverse('joborders:detail', args=[submittal.job_order_id])}"
                f"#submittal-{submittal.pk}"
            )
        return _detail_page(request, submittal.job_order, stage_form=form)
    submittal.stage_form = form
    context = {"job_order": submittal.job_order, "submittal": submittal, "can_write": True}
    response = render(request, "joborders/detail.html#pipeline_row", context)
    focus = f"#submittal-{submittal.pk}-status" if editing else f"#change-stage-{submittal.pk}"
    return done(response, focus=focus)


# --- A submittal's page ---------------------------------------------------------------------


def _submittal_page(
    request: AuthedRequest,
    submittal,
    *,
    rates_form=None,
    loss_form=None,
    round_form=None,
    status: int = 200,
) -> HttpResponse:
    job_order = submittal.job_order
    writable = _writable(request, job_order) or can_write(
        request.user, team_id=job_order.team_id, owner_id=submittal.submitted_by_id
    )
    rounds = rounds_context(request, submittal, writable=writable, round_form=round_form)
    context = {
        **rounds,
        # The action plan (actionplans, above joborders) is reached by its reverse relation
        # only: one COUNT, no import upwards.
        "open_steps": submittal.action_steps.exclude(status="done").count(),
        "detail": submittal_detail_of(submittal, rounds=rounds["rounds"]),
        "submittal": submittal,
        "job_order": job_order,
        "can_write": writable,
        "margin": margin_of(pay_rate=submittal.pay_rate, bill_rate=submittal.bill_rate),
        "rates_form": rates_form or SubmittalRatesForm(submittal=submittal),
        "lost": is_lost(submittal.status),
        "loss_form": loss_form
        or (SubmittalLossForm(submittal=submittal) if is_lost(submittal.status) else None),
    }
    return render(request, "joborders/submittal_detail.html", context, status=status)


@require_GET
def submittal_detail_page(request: AuthedRequest, pk: int):
    """The submittal's page; `?edit_round=<n>` opens round n's form (htmx: the form alone)."""
    submittal = get_submittal_for_user(request.user, pk)
    if request.htmx and "edit_round" in request.GET:
        if not _may_run(request, submittal):
            raise PermissionDenied
        context = {"submittal": submittal, **rounds_context(request, submittal, writable=True)}
        if context["edit_round"] is None:
            raise Http404("No such round.")
        return render(request, "joborders/submittal_detail.html#round_form", context)
    return _submittal_page(request, submittal)


def rounds_context(request: AuthedRequest, submittal, *, writable: bool, round_form=None) -> dict:
    """The rounds section: the rounds, the add form and, with `?edit_round=<n>` (or a refused
    edit's form as typed), that round's form; no form for a teammate who may not write."""
    rounds = rounds_of(submittal)
    context = {"rounds": rounds, "edit_round": None, "round_form": None, "new_round_form": None}
    if not writable:
        return context
    wanted = parse_id(request.GET.get("edit_round", ""))
    if round_form is not None and round_form.interview is not None:
        wanted = round_form.interview.round
    edit = next((r for r in rounds if r.round == wanted), None)
    contacts = contacts_for_interview(submittal)
    context["new_round_form"] = InterviewForm(submittal=submittal, contacts=contacts)
    if edit is not None:
        context["edit_round"] = edit
        context["round_form"] = InterviewForm(
            submittal=submittal, contacts=contacts, interview=edit
        )
    if round_form is not None:
        context["new_round_form" if round_form.interview is None else "round_form"] = round_form
    return context


def _may_run(request: AuthedRequest, submittal) -> bool:
    return _writable(request, submittal.job_order) or can_write(
        request.user, team_id=submittal.job_order.team_id, owner_id=submittal.submitted_by_id
    )


def _submittal_form_post(request, submittal, form, save, *, fields, form_key, said, anchor):
    """A form of the submittal page posted: saved through `save`, or the page again (422) with
    the form as typed and the submittal's `fields` as stored."""
    if form.is_valid():
        try:
            save(submittal=submittal, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
    if form.errors:
        submittal.refresh_from_db(fields=fields)
        return _submittal_page(request, submittal, status=INVALID, **{form_key: form})
    messages.success(request, said(submittal))
    return redirect(f"{reverse('submittals:detail', args=[submittal.pk])}#{anchor}")


@require_POST
def submittal_rates(request: AuthedRequest, pk: int):
    submittal = get_submittal_to_run_for_user(request.user, pk)
    return _submittal_form_post(
        request,
        submittal,
        SubmittalRatesForm(request.POST, submittal=submittal),
        submittal_set_rates,
        fields=["pay_rate", "bill_rate"],
        form_key="rates_form",
        said=lambda _: "Rates saved.",
        anchor="rates",
    )


@require_POST
def submittal_loss(request: AuthedRequest, pk: int):
    submittal = get_submittal_to_run_for_user(request.user, pk)
    return _submittal_form_post(
        request,
        submittal,
        SubmittalLossForm(request.POST, submittal=submittal),
        submittal_set_loss,
        fields=["loss_reason", "loss_note"],
        form_key="loss_form",
        said=lambda s: f"Reason saved: {s.loss_reason}." if s.loss_reason else "Note saved.",
        anchor="loss",
    )
