"""The team library (/library/): objections with their rebuttals and their record, and closing
questions. Everyone in the team browses, searches and proposes; managers add, edit, accept or
decline proposals, merge, reorder, retire and bring back entries."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.types import AuthedRequest
from callplans import services
from callplans.models import ClosingQuestion, LibraryStatus, ObjectionTemplate
from callplans.selectors import (
    get_question_for_user,
    get_template_for_user,
    library_questions,
    library_templates,
    record_of,
)
from callplans.selectors.library import QUESTION_SORTS, TEMPLATE_SORTS
from core.forms import add_service_errors
from core.htmx import done
from library.forms import (
    MergeForm,
    QuestionEditForm,
    QuestionForm,
    TemplateEditForm,
    TemplateForm,
)

INDEX_PAGE = "library/index.html"
EDIT_PAGE = "library/edit.html"
S = LibraryStatus


@require_GET
def library_index(request: AuthedRequest):
    return _render_index(request)


def _render_index(request: AuthedRequest, *, status: int = 200, **forms):
    user = request.user
    q = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    sort = request.GET.get("sort", "")
    sort = sort if sort in TEMPLATE_SORTS else ""
    templates = list(library_templates(user.team_id, q=q, sort=sort)) if user.team_id else []
    qsort = request.GET.get("qsort", "")
    qsort = qsort if qsort in QUESTION_SORTS else ""
    questions = list(library_questions(user.team_id, q=q, sort=qsort)) if user.team_id else []
    active = [t for t in templates if t.status == S.ACTIVE]
    for template in templates:
        template.record = record_of(template)
        template.merge_choices = [
            t for t in active if t.category == template.category and t.pk != template.pk
        ]
    active_questions = [c for c in questions if c.status == S.ACTIVE]
    for question in questions:
        question.merge_choices = [c for c in active_questions if c.pk != question.pk]
    context = {
        "q": q,
        "sort": sort,
        "qsort": qsort,
        "qsorts": [("", "Your order"), ("asked", "Times asked"), ("offers", "Offers")],
        "sorts": [
            ("", "Kind"),
            ("used", "Used in plans"),
            ("raised", "Raised"),
            ("handled", "Handled well"),
            ("offers", "Offers"),
        ],
        "may_manage": services.may_manage_library(user),
        "has_team": user.team_id is not None,
        "templates": active,
        "proposed_templates": [t for t in templates if t.status == S.PROPOSED],
        "retired_templates": [t for t in templates if t.status == S.RETIRED],
        "questions": active_questions,
        "proposed_questions": [c for c in questions if c.status == S.PROPOSED],
        "retired_questions": [c for c in questions if c.status == S.RETIRED],
        "retired_count": sum(e.status == S.RETIRED for e in [*templates, *questions]),
        "template_form": forms.get("template_form") or TemplateForm(prefix="t"),
        "question_form": forms.get("question_form") or QuestionForm(prefix="c"),
    }
    return render(request, INDEX_PAGE, context, status=status)


def _edit_page(request: AuthedRequest, form, entry, *, status: int = 200):
    """The edit form: over htmx, just the form, opened inside the entry's row."""
    context = {
        "form": form,
        "entry": entry,
        "action": request.path,
        "anchor": _anchor(entry),
    }
    if not request.htmx:
        return render(request, EDIT_PAGE, context, status=status)
    response = render(request, f"{EDIT_PAGE}#form", context, status=status)
    # Opened inside the entry's row: the keyboard goes to its first field.
    first = "[data-testid=library-edit-form] :is(input, select, textarea):not([type=hidden])"
    return done(response, focus=first)


def _team_of(request: AuthedRequest):
    if request.user.team_id is None:
        raise PermissionDenied("Join a team to add to its library.")
    return request.user.team


def _added_message(entry: ObjectionTemplate | ClosingQuestion) -> str:
    if entry.status == S.PROPOSED:
        return "Proposed to your team's library: a manager will accept or decline it."
    return "Added to your team's library."


def _add(request: AuthedRequest, form, create, form_key: str):
    """Add an objection or a closing question; a refusal re-renders the library with the form."""
    team = _team_of(request)  # no team, no library: refused before the input is judged
    if form.is_valid():
        try:
            entry = create(team=team, added_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            status = add_service_errors(form, error)
            return _render_index(request, status=status, **{form_key: form})
        messages.success(request, _added_message(entry))
        return redirect(reverse("library:index") + f"#{_anchor(entry)}")
    return _render_index(request, status=422, **{form_key: form})


@require_POST
def template_add(request: AuthedRequest):
    form = TemplateForm(request.POST, prefix="t")
    return _add(request, form, services.objectiontemplate_create, "template_form")


@require_POST
def question_add(request: AuthedRequest):
    form = QuestionForm(request.POST, prefix="c")
    return _add(request, form, services.closingquestion_create, "question_form")


def _save_edit(request: AuthedRequest, form, entry, update, saved: str):
    """The POST half of an entry's edit page: a stale or refused save keeps what was typed."""
    status = 422
    if form.is_valid():
        try:
            update(**form.cleaned_data)
        except ValidationError as error:
            status = add_service_errors(form, error)
        else:
            messages.success(request, saved)
            return redirect(reverse("library:index") + f"#{_anchor(entry)}")
    return _edit_page(request, form, entry, status=status)


@require_http_methods(["GET", "POST"])
def template_edit(request: AuthedRequest, pk: int):
    template = get_template_for_user(request.user, pk)
    services.require_library_manager(request.user)
    if request.method == "GET":
        form = TemplateEditForm(
            initial={
                "version": template.version,
                "category": template.category,
                "text": template.text,
                "rebuttal": template.rebuttal,
                "skill": template.skill_id,
            }
        )
        return _edit_page(request, form, template)
    return _save_edit(
        request,
        TemplateEditForm(request.POST),
        template,
        lambda **data: services.objectiontemplate_update(template=template, **data),
        "Library entry saved.",
    )


@require_http_methods(["GET", "POST"])
def question_edit(request: AuthedRequest, closing_pk: int):
    question = get_question_for_user(request.user, closing_pk)
    services.require_library_manager(request.user)
    if request.method == "GET":
        form = QuestionEditForm(initial={"version": question.version, "text": question.text})
        return _edit_page(request, form, question)
    return _save_edit(
        request,
        QuestionEditForm(request.POST),
        question,
        lambda **data: services.closingquestion_update(question=question, **data),
        "Closing question saved.",
    )


DONE = {
    "accept": "Accepted: the team is offered it from now on.",
    "decline": "Declined: the proposal is gone.",
    "retire": "Retired: plans are no longer offered it; its record stays under “Retired”.",
    "restore": "Brought back into the library.",
    "up": "Moved up.",
    "down": "Moved down.",
}


def _act(request: AuthedRequest, entry: ObjectionTemplate | ClosingQuestion, action: str):
    services.require_library_manager(request.user)
    try:
        if action == "accept":
            services.libraryentry_accept(entry=entry)
        elif action == "decline":
            services.libraryentry_decline(entry=entry)
        elif action == "retire":
            services.libraryentry_retire(entry=entry)
        elif action == "restore":
            services.libraryentry_restore(entry=entry)
        else:
            services.libraryentry_move(entry=entry, step=-1 if action == "up" else 1)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, DONE[action])
    anchor = "" if action == "decline" else f"#{_anchor(entry)}"
    return redirect(reverse("library:index") + anchor)


def _anchor(entry: ObjectionTemplate | ClosingQuestion) -> str:
    return f"t{entry.pk}" if isinstance(entry, ObjectionTemplate) else f"c{entry.pk}"


@require_POST
def template_action(request: AuthedRequest, pk: int, action: str):
    return _act(request, get_template_for_user(request.user, pk), action)


@require_POST
def question_action(request: AuthedRequest, closing_pk: int, action: str):
    return _act(request, get_question_for_user(request.user, closing_pk), action)


def _merge(request: AuthedRequest, entry: ObjectionTemplate | ClosingQuestion, merge):
    services.require_library_manager(request.user)
    form = MergeForm(request.POST, entry=entry)
    if not form.is_valid():
        messages.error(request, "Pick the entry to keep: an active one of the same kind.")
        return redirect(reverse("library:index") + f"#{_anchor(entry)}")
    try:
        kept = merge(source=entry, target=form.cleaned_data["target"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(reverse("library:index") + f"#{_anchor(entry)}")
    messages.success(request, "Merged: the entry kept now counts the uses of both.")
    return redirect(reverse("library:index") + f"#{_anchor(kept)}")


@require_POST
def template_merge(request: AuthedRequest, pk: int):
    template = get_template_for_user(request.user, pk)
    return _merge(request, template, services.objectiontemplate_merge)


@require_POST
def question_merge(request: AuthedRequest, closing_pk: int):
    question = get_question_for_user(request.user, closing_pk)
    return _merge(request, question, services.closingquestion_merge)
