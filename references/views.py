import datetime
import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, replace_url

from accounts.models import User
from accounts.types import AuthedRequest
from candidates.selectors import get_candidate_for_user
from core.access import can_write
from core.forms import add_service_errors
from core.htmx import done
from core.ids import parse_id
from core.locking import StaleEdit
from joborders.models import JobOrder
from joborders.selectors import get_joborder_for_user
from references.forms import (
    STALE_PAGE,
    JobOrderPickForm,
    ReferenceCallFilterForm,
    ReferenceCallForm,
    ReferenceForm,
    ReferenceQuestionForm,
    baseline_of,
    call_initial,
)
from references.models import Reference, ReferenceCall
from references.selectors import (
    findings_by_kind,
    get_reference_for_user,
    get_referencecall_for_user,
    get_referencequestion_for_user,
    job_brief,
    joborders_to_discuss,
    joborders_with_calls,
    may_edit_question_bank,
    referencecall_by_draft_key,
    referencecall_detail,
    referencecall_search,
    referencequestions_for_team,
    references_for_job,
    requirements_to_discuss,
)
from references.services import (
    EditConflict,
    reference_create,
    referencecall_finish,
    referencecall_save_draft,
    referencecall_start_draft,
    referencequestion_create,
    referencequestion_remove,
)

PAGE_SIZE = 25
QUESTIONS_PAGE = "references/questions.html"
CONFLICT = (
    "Someone else changed this call since you opened it. Your notes are saved as a draft: "
    "open the call again to see their changes, then finish it."
)


@require_GET
def call_list(request: AuthedRequest):
    user = request.user
    form = ReferenceCallFilterForm(request.GET or None, job_orders=joborders_with_calls(user))
    filters: dict = {}
    if form.is_bound:
        form.is_valid()  # an invalid filter is reported on the form and ignored
        filters = form.cleaned_data
    job_order = filters.get("joborder")
    calls = referencecall_search(
        user,
        status=filters.get("status", ""),
        job_order_id=job_order.pk if job_order else None,
        mine=filters.get("mine", False),
        query=filters.get("q", ""),
    )
    page_obj = Paginator(calls, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page_obj, "calls": page_obj.object_list}
    partial = request.htmx and not request.htmx.history_restore_request
    template = "references/list.html#results" if partial else "references/list.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def reference_add(request: AuthedRequest):
    """References are firm-wide, like candidates: anyone signed in may add one."""
    candidate = get_candidate_for_user(request.user, _pk_from(request.GET, "candidate"))
    job_order = _job_from(request)  # started from a job: the call opens once the reference exists
    data = request.POST if request.method == "POST" else None
    form = ReferenceForm(data, candidate=candidate)
    if request.method == "POST" and form.is_valid():
        try:
            reference = reference_create(candidate=candidate, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{reference.name} added as a reference.")
            if job_order is not None:
                query = urlencode({"reference": reference.pk, "joborder": job_order.pk})
                return redirect(f"{reverse('references:call_new')}?{query}")
            return redirect("candidates:detail", pk=candidate.pk)
    context = {"form": form, "candidate": candidate, "job_order": job_order}
    status = 422 if form.errors else 200
    return render(request, "references/reference_add.html", context, status=status)


@require_http_methods(["GET", "POST"])
def call_new(request: AuthedRequest):
    """A call starts from a reference (then: which job?) or from a job order or plan (then:
    which of the submitted candidates' references?)."""
    user = request.user
    if user.team_id is None:
        raise PermissionDenied("Only a member of a team can record reference calls.")
    if request.method == "GET" and not request.GET.get("reference") and request.GET.get("joborder"):
        return _pick_reference(request, _job_from(request))
    reference = get_reference_for_user(user, _pk_from(request.GET, "reference"))
    if request.method == "GET" and "joborder" not in request.GET:
        return _pick_job(request, reference)
    job_order = _job_from(request)
    if request.method == "POST":
        return _save_new(request, reference, job_order)
    requirements = requirements_to_discuss(job_order)
    initial = call_initial(None, requirements)
    form = ReferenceCallForm(
        initial=initial, requirements=requirements, candidate_name=reference.candidate.first_name
    )
    return _call_page(
        request,
        form,
        call=None,
        reference=reference,
        job_order=job_order,
        baseline=baseline_of(initial, form.editable_names()),
        post_url=request.get_full_path(),
    )


@require_http_methods(["GET", "POST"])
def call_edit(request: AuthedRequest, pk: int):
    call = get_referencecall_for_user(request.user, pk, write=True)
    if request.method == "POST":
        return _save(request, call, created=False)
    requirements = requirements_to_discuss(call.job_order)
    initial = call_initial(call, requirements)
    form = ReferenceCallForm(
        initial=initial,
        requirements=requirements,
        candidate_name=call.reference.candidate.first_name,
    )
    return _call_page(
        request,
        form,
        call=call,
        reference=call.reference,
        job_order=call.job_order,
        baseline=baseline_of(initial, form.editable_names()),
        post_url=reverse("references:call_edit", args=[call.pk]),
    )


@require_GET
def call_detail(request: AuthedRequest, pk: int):
    user = request.user
    call = referencecall_detail(user, pk)
    requirements = requirements_to_discuss(call.job_order)
    covered = {f.requirement_id for f in call.findings.all()}
    context = {
        "call": call,
        "finding_groups": findings_by_kind(call.findings.all()),
        "uncovered": [r for r in requirements if r.pk not in covered],
        "may_edit": can_write(user, team_id=call.team_id, owner_id=call.called_by_id),
    }
    return render(request, "references/call_detail.html", context)


def _save_new(
    request: AuthedRequest, reference: Reference, job_order: JobOrder | None
) -> HttpResponse:
    """The new-call page's saves: the first creates the draft under the page's draft key (no
    write happens on GET), every later one finds it again by that key."""
    user = request.user
    draft_key = _uuid_or_none(request.POST.get("draft_key"))
    if draft_key is None:
        return HttpResponseBadRequest(STALE_PAGE)
    call = referencecall_by_draft_key(user, draft_key, write=True)
    if call is not None:
        return _save(request, call, created=False)
    call = referencecall_start_draft(
        draft_key=draft_key, reference=reference, called_by=user, job_order=job_order
    )
    if call.called_by_id != user.pk:  # another request created it first: check again
        call = get_referencecall_for_user(user, call.pk, write=True)
    return _save(request, call, created=True)


def _save(request: AuthedRequest, call: ReferenceCall, *, created: bool) -> HttpResponse:
    """Store every valid field the salesperson changed, report the invalid ones next to them,
    and finish the call when asked and nothing is wrong. Nothing typed is ever dropped: a field
    someone else changed meanwhile is not written but shown beside theirs (409) to choose."""
    requirements = requirements_to_discuss(call.job_order)
    form = ReferenceCallForm(
        request.POST, requirements=requirements, candidate_name=call.reference.candidate.first_name
    )
    finished, conflict, changes = _store(form, call, request.user)
    edit_url = reverse("references:call_edit", args=[call.pk])
    if finished:
        messages.success(request, "Reference call finished.")
        detail_url = reverse("references:call_detail", args=[call.pk])
        return HttpResponseClientRedirect(detail_url) if request.htmx else redirect(detail_url)
    finish_refused = form.wants_finish() and not finished
    status = 409 if conflict or form.conflicts else 422 if form.errors else 200
    baseline = form.baseline_after(changes)
    if request.htmx:
        # An autosave that stored the valid fields succeeded: it answers 200 and lists the
        # fields it could not store. Only a refused "Finish call" is a 422.
        if status == 422 and not finish_refused:
            status = 200
        context = {
            "form": form,
            "call": call,
            "baseline": baseline,
            "saved_at": timezone.localtime(),
            "conflict": conflict,
            "finish_refused": finish_refused,
            "edit_url": edit_url,
            "post_url": edit_url,
        }
        response = render(request, "references/call_form.html#autosave", context, status=status)
        if status == 200 and request.htmx.trigger_name == "action" and not form.errors:
            # The Save button pressed (not the autosave while typing, which must not speak over
            # the typing): said in the live region; the focus stays on the button.
            saved = (
                "Changes saved" if call.status == ReferenceCall.Status.COMPLETE else "Draft saved"
            )
            response = done(response, say=saved)
        return replace_url(response, edit_url) if created else response
    if status == 200:
        saved = "Changes saved." if call.status == ReferenceCall.Status.COMPLETE else "Draft saved."
        messages.success(request, saved)
        return redirect(edit_url)
    form.mark_invalid_fields()
    return _call_page(
        request,
        form,
        call=call,
        reference=call.reference,
        job_order=call.job_order,
        baseline=baseline,
        post_url=edit_url,
        status=status,
        conflict=conflict,
        finish_refused=finish_refused,
        saved_at=timezone.localtime(),
    )


def _store(
    form: ReferenceCallForm, call: ReferenceCall, editor: User
) -> tuple[bool, bool, dict[str, object]]:
    """Save what the form changed: (finished, someone finished or re-versioned the call
    meanwhile, the fields stored). Conflicting fields are put on the form, not stored."""
    finish = form.wants_finish() and form.is_valid()
    changes = form.changes()
    call_changes, finding_changes = form.split(changes)
    seen = form.seen()
    call_seen, findings_seen = form.split({n: seen[n] for n in changes if n in seen})
    edits = {
        "call": call,
        "changes": call_changes,
        "findings": finding_changes,
        "seen": call_seen,
        "findings_seen": findings_seen,
        "editor": editor,
    }
    try:
        if finish:
            referencecall_finish(version=form.cleaned_data["version"], **edits)
            return True, False, changes
        conflicts = referencecall_save_draft(**edits)
        stale = False
    except StaleEdit as error:
        conflicts = referencecall_save_draft(**edits)
        stale = not isinstance(error, EditConflict)
    except ValidationError as error:  # the model refused what the form let through: nothing saved
        add_service_errors(form, error)
        return False, False, {}
    form.show_conflicts(conflicts)
    return False, stale, {n: v for n, v in changes.items() if n not in form.conflicts}


def _call_page(
    request: AuthedRequest,
    form: ReferenceCallForm,
    *,
    call: ReferenceCall | None,
    reference: Reference,
    job_order: JobOrder | None,
    baseline: str,
    post_url: str,
    status: int = 200,
    conflict: bool = False,
    finish_refused: bool = False,
    saved_at: datetime.datetime | None = None,
) -> HttpResponse:
    team_id = call.team_id if call else request.user.team_id
    context = {
        "form": form,
        "call": call,
        "reference": reference,
        "candidate": reference.candidate,
        "job_order": job_order,
        "brief": job_brief(job_order, form.requirements),
        "questions": referencequestions_for_team(team_id),
        "baseline": baseline,
        "post_url": post_url,
        "conflict": conflict,
        "finish_refused": finish_refused,
        "saved_at": saved_at,
        "edit_url": reverse("references:call_edit", args=[call.pk]) if call else "",
    }
    return render(request, "references/call_form.html", context, status=status)


def _pick_job(request: AuthedRequest, reference: Reference) -> HttpResponse:
    jobs = joborders_to_discuss(request.user, reference.candidate)
    form = JobOrderPickForm(initial={"reference": reference.pk}, jobs=jobs)
    context = {"form": form, "reference": reference, "candidate": reference.candidate}
    return render(request, "references/call_pick_job.html", context)


def _pick_reference(request: AuthedRequest, job_order: JobOrder) -> HttpResponse:
    candidate_id = parse_id(request.GET.get("candidate"))
    groups = references_for_job(job_order, candidate_id=candidate_id)
    context = {"job_order": job_order, "groups": groups}
    return render(request, "references/call_pick_reference.html", context)


def _pk_from(params: QueryDict, name: str) -> int:
    pk = parse_id(params.get(name))
    if pk is None:
        raise Http404(f"No {name} given.")
    return pk


def _job_from(request: AuthedRequest) -> JobOrder | None:
    if not request.GET.get("joborder"):
        return None
    return get_joborder_for_user(request.user, _pk_from(request.GET, "joborder"))


def _uuid_or_none(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None


# --- The team's bank of reference questions ------------------------------------------------


@require_http_methods(["GET", "POST"])
def question_bank(request: AuthedRequest):
    """Everyone in the team reads the bank; its managers add questions and remove them."""
    user = request.user
    may_edit = may_edit_question_bank(user)
    form = ReferenceQuestionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied("Only the team's managers change its question bank.")
        if form.is_valid():
            try:
                referencequestion_create(team=user.team, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Question added to the team's bank.")
                return redirect("references:questions")
    context = {
        "form": form,
        "may_edit": may_edit,
        "questions": referencequestions_for_team(user.team_id),
    }
    return render(request, QUESTIONS_PAGE, context, status=422 if form.errors else 200)


@require_POST
def question_remove(request: AuthedRequest, question_pk: int):
    question = get_referencequestion_for_user(request.user, question_pk)
    referencequestion_remove(question=question)
    messages.success(request, f"Removed “{question.text}”.")
    return redirect("references:questions")
