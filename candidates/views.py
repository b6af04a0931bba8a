from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from accounts.types import AuthedRequest
from candidates.forms import (
    CandidateEditForm,
    CandidateForm,
    CandidateSearchForm,
    EngagementForm,
    SkillAddForm,
    SkillSuggestForm,
    SkillYearsForm,
)
from candidates.models import Candidate, CandidateSkill
from candidates.selectors import (
    candidate_can_write,
    candidate_engagements,
    candidate_profile_for,
    candidate_search,
    candidate_skills,
    get_candidate_for_user,
    get_candidate_skill,
    get_engagement,
    skill_suggestions,
)
from candidates.services import (
    candidate_create,
    candidate_skill_add,
    candidate_skill_remove,
    candidate_skill_set,
    candidate_update,
    engagement_create,
    engagement_delete,
    engagement_update,
)
from core.forms import add_service_errors
from core.htmx import after_removal, done
from core.locking import StaleEdit

PAGE_SIZE = 25
PROFILE = "candidates/detail.html"


@require_GET
def skill_suggest(request: AuthedRequest):
    """Typeahead options for any skill input: `<input list=…>` fed by htmx."""
    skills = skill_suggestions(SkillSuggestForm(request.GET).typed())
    return render(request, "candidates/skill_options.html", {"skills": skills})


# ---- Candidates: list, create, profile, edit -------------------------------------------------


@require_GET
def candidate_list(request: AuthedRequest):
    form = CandidateSearchForm(request.GET)
    valid = form.is_valid()
    q = form.cleaned_data["q"] if valid else ""
    status = form.cleaned_data["status"] if valid else ""
    search = candidate_search(request.user, q=q, status=status)
    page_obj = Paginator(search.candidates, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page_obj": page_obj, "skill": search.skill, "q": q}
    partial = request.htmx and not request.htmx.history_restore_request
    template = "candidates/list.html#results" if partial else "candidates/list.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def candidate_new(request: AuthedRequest):
    form = CandidateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            candidate = candidate_create(owner=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{candidate.full_name} is in. Add skills and engagements.")
            return redirect("candidates:detail", pk=candidate.pk)
    status = 422 if form.is_bound else 200
    return render(request, "candidates/form.html", {"form": form}, status=status)


@require_GET
def candidate_detail(request: AuthedRequest, pk: int):
    candidate = candidate_profile_for(request.user, pk)
    return render(request, PROFILE, _profile_context(request, candidate))


@require_http_methods(["GET", "POST"])
def candidate_edit(request: AuthedRequest, pk: int):
    candidate = get_candidate_for_user(request.user, pk, write=True)
    if request.method == "GET":
        form = CandidateEditForm(initial=_candidate_initial(candidate))
        return render(request, "candidates/form.html", {"form": form, "candidate": candidate})
    form = CandidateEditForm(request.POST)
    stale, conflicts = False, []
    if form.is_valid():
        try:
            candidate_update(candidate=candidate, **form.cleaned_data)
        except StaleEdit as error:
            stale = True
            form, conflicts = _stale_form(request, candidate, error)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Candidate saved.")
            return redirect("candidates:detail", pk=candidate.pk)
    context = {"form": form, "candidate": candidate, "conflicts": conflicts}
    return render(request, "candidates/form.html", context, status=409 if stale else 422)


def _stale_form(request, candidate: Candidate, error: ValidationError):
    """The user's input again, carrying the version now saved, and what differs from it."""
    saved = get_candidate_for_user(request.user, candidate.pk)
    data = request.POST.copy()
    data["version"] = str(saved.version)
    fresh = CandidateEditForm(data)
    fresh.is_valid()
    add_service_errors(fresh, error)
    conflicts = [
        (fresh[name].label, _display(saved, name), _display_value(fresh, name))
        for name in CandidateForm._meta.fields
        if getattr(saved, name) != fresh.cleaned_data.get(name)
    ]
    return fresh, conflicts


def _display(candidate: Candidate, name: str) -> str:
    if name == "status":
        return candidate.get_status_display()
    return getattr(candidate, name) or "(empty)"


def _display_value(form: Form, name: str) -> str:
    value = form.cleaned_data.get(name, "")
    if name == "status":
        return dict(Candidate.Status.choices).get(value, value)
    return value or "(empty)"


def _candidate_initial(candidate: Candidate) -> dict:
    initial = {name: getattr(candidate, name) for name in CandidateForm._meta.fields}
    return {**initial, "version": candidate.version}


# ---- Skills: the table on the profile, one small form per row --------------------------------


@require_POST
def skill_add(request: AuthedRequest, pk: int):
    candidate = get_candidate_for_user(request.user, pk, write=True)
    form = _skill_add_form(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            candidate_skill_add(
                candidate=candidate,
                skill_name=data["skill"],
                years=data["years"],
                last_used_year=data["last_used_year"],
                confirmed=data["confirm_new"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            response = _skills_saved(request, candidate, refocus_add=True)
            return done(response, focus="#id_add_skill_skill", say="Skill added")
    return _skills_refused(request, candidate, add_form=form)


@require_POST
def skill_update(request: AuthedRequest, pk: int, skill_pk: int):
    candidate = get_candidate_for_user(request.user, pk, write=True)
    row = get_candidate_skill(candidate, skill_pk)
    form = _skill_row_form(row, request.POST)
    if form.is_valid():
        try:
            candidate_skill_set(candidate=candidate, skill=row.skill, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            response = _skills_saved(request, candidate)
            return done(response, focus=f"#skill-{row.pk}", say=f"{row.skill.name} saved")
    return _skills_refused(request, candidate, row_form=(row.pk, form))


@require_POST
def skill_remove(request: AuthedRequest, pk: int, skill_pk: int):
    candidate = get_candidate_for_user(request.user, pk, write=True)
    row = get_candidate_skill(candidate, skill_pk)
    removed, order = row.pk, list(candidate_skills(candidate).values_list("pk", flat=True))
    candidate_skill_remove(candidate_skill=row)
    after = after_removal(order, removed)
    focus = f"#skill-{after}" if after else "#id_add_skill_skill"
    response = _skills_saved(request, candidate, refocus_add=after is None)
    return done(response, focus=focus, say=f"{row.skill.name} removed")


def _skills_saved(request, candidate: Candidate, *, refocus_add: bool = False):
    if not request.htmx:
        return redirect(_profile_url(candidate, "skills"))
    context = _skills_context(request, candidate, candidate_skills(candidate))
    context["refocus_add"] = refocus_add
    return render(request, f"{PROFILE}#skills", context)


def _skills_refused(request, candidate: Candidate, *, add_form=None, row_form=None):
    if request.htmx:
        context = _skills_context(
            request, candidate, candidate_skills(candidate), add_form=add_form, row_form=row_form
        )
        return render(request, f"{PROFILE}#skills", context, status=422)
    profile = candidate_profile_for(request.user, candidate.pk)
    context = _profile_context(request, profile, add_form=add_form, row_form=row_form)
    return render(request, PROFILE, context, status=422)


def _skill_add_form(data=None) -> SkillAddForm:
    return SkillAddForm(data, auto_id="id_add_skill_%s", html_form="skill-add-form")


def _skill_row_form(row: CandidateSkill, data=None) -> SkillYearsForm:
    initial = {"years": row.years, "last_used_year": row.last_used_year}
    return SkillYearsForm(
        data, initial=initial, auto_id=f"id_skill{row.pk}_%s", html_form=f"skill-form-{row.pk}"
    )


def _skills_context(request, candidate, skills, *, add_form=None, row_form=None) -> dict:
    rows = []
    for row in skills:
        if row_form is not None and row_form[0] == row.pk:
            form = row_form[1]
        else:
            form = _skill_row_form(row)
        rows.append((row, form))
    return {
        "candidate": candidate,
        "can_edit": candidate_can_write(request.user, candidate),
        "skill_rows": rows,
        "add_form": add_form or _skill_add_form(),
    }


# ---- Engagements: cards that switch between view, edit and delete in place ------------------


@require_POST
def engagement_add(request: AuthedRequest, pk: int):
    candidate = get_candidate_for_user(request.user, pk, write=True)
    form = EngagementForm(request.POST, auto_id="id_new_engagement_%s")
    if form.is_valid():
        data = form.cleaned_data
        skill_names = data.pop("skills_used")
        try:
            engagement = engagement_create(candidate=candidate, skill_names=skill_names, **data)
        except ValidationError as error:
            add_service_errors(form, error, rename={"skills": "skills_used"})
        else:
            if not request.htmx:
                return redirect(_profile_url(candidate, f"engagement-{engagement.pk}"))
            context = _engagements_context(request, candidate)
            response = render(request, f"{PROFILE}#engagements", context)
            return done(response, focus=f"#engagement-{engagement.pk}", say="Engagement added")
    if request.htmx:
        context = _engagements_context(request, candidate, new_form=form)
        return render(request, f"{PROFILE}#engagements", context, status=422)
    return _profile_with(request, candidate, status=422, new_engagement_form=form)


@require_GET
def engagement_detail(request: AuthedRequest, pk: int, engagement_pk: int):
    """The card in view mode: what "Cancel" brings back."""
    candidate = get_candidate_for_user(request.user, pk)
    engagement = get_engagement(candidate, engagement_pk)
    if not request.htmx:
        return redirect(_profile_url(candidate, f"engagement-{engagement.pk}"))
    response = _card(request, candidate, engagement, mode="view")
    return done(response, focus=f"#engagement-{engagement.pk}")


@require_http_methods(["GET", "POST"])
def engagement_edit(request: AuthedRequest, pk: int, engagement_pk: int):
    candidate = get_candidate_for_user(request.user, pk, write=True)
    engagement = get_engagement(candidate, engagement_pk)
    auto_id = f"id_engagement{engagement.pk}_%s"
    if request.method == "GET":
        form = EngagementForm(initial=EngagementForm.initial_for(engagement), auto_id=auto_id)
        form.fields["employer"].widget.attrs["autofocus"] = True  # the card just opened
        return _card_or_profile(request, candidate, engagement, "edit", form=form)
    form = EngagementForm(request.POST, auto_id=auto_id)
    if form.is_valid():
        data = form.cleaned_data
        skill_names = data.pop("skills_used")
        try:
            engagement_update(engagement=engagement, skill_names=skill_names, **data)
        except ValidationError as error:
            add_service_errors(form, error, rename={"skills": "skills_used"})
        else:
            response = _engagements_changed(request, candidate, focus_pk=engagement.pk)
            return done(response, focus=f"#engagement-{engagement.pk}", say="Engagement saved")
    return _card_or_profile(request, candidate, engagement, "edit", form=form, status=422)


@require_http_methods(["GET", "POST"])
def engagement_delete_view(request: AuthedRequest, pk: int, engagement_pk: int):
    candidate = get_candidate_for_user(request.user, pk, write=True)
    engagement = get_engagement(candidate, engagement_pk)
    if request.method == "GET":
        return _card_or_profile(request, candidate, engagement, "delete")
    removed, order = (
        engagement.pk,
        list(candidate_engagements(candidate).values_list("pk", flat=True)),
    )
    try:
        engagement_delete(engagement=engagement)
    except ValidationError as error:
        return _card_or_profile(
            request, candidate, engagement, "delete", error=error.messages[0], status=409
        )
    after = after_removal(order, removed)
    focus = f"#engagement-{after}" if after else "#engagements-heading"
    return done(_engagements_changed(request, candidate), focus=focus, say="Engagement deleted")


def _engagements_changed(request, candidate: Candidate, *, focus_pk: int | None = None):
    """After a save or delete the order may change: the whole list comes back."""
    if not request.htmx:
        anchor = f"engagement-{focus_pk}" if focus_pk else "engagements"
        return redirect(_profile_url(candidate, anchor))
    context = _engagements_context(request, candidate)
    response = render(request, f"{PROFILE}#engagement_list", context)
    return reswap(retarget(response, "#engagement-list"), "outerHTML")


def _card_or_profile(request, candidate, engagement, mode: str, *, status=200, **active):
    if request.htmx:
        return _card(request, candidate, engagement, mode=mode, status=status, **active)
    active_card = {"pk": engagement.pk, "mode": mode, **active}
    return _profile_with(request, candidate, status=status, active=active_card)


def _card(request, candidate, engagement, *, mode: str, status=200, **active):
    context = {
        "candidate": candidate,
        "can_edit": candidate_can_write(request.user, candidate),
        "engagement": engagement,
        "active": {"pk": engagement.pk, "mode": mode, **active},
    }
    return render(request, f"{PROFILE}#engagement_card", context, status=status)


def _engagements_context(request, candidate, *, new_form=None) -> dict:
    return {
        "candidate": candidate,
        "can_edit": candidate_can_write(request.user, candidate),
        "engagements": candidate_engagements(candidate),
        "new_engagement_form": new_form or _new_engagement_form(),
    }


def _new_engagement_form() -> EngagementForm:
    return EngagementForm(auto_id="id_new_engagement_%s")


# ---- The profile page ------------------------------------------------------------------------


def _profile_with(request, candidate: Candidate, *, status: int, **overrides):
    profile = candidate_profile_for(request.user, candidate.pk)
    return render(request, PROFILE, _profile_context(request, profile, **overrides), status=status)


def _profile_context(
    request,
    candidate: Candidate,
    *,
    add_form=None,
    row_form=None,
    new_engagement_form=None,
    active=None,
) -> dict:
    context = _skills_context(
        request, candidate, candidate.skills.all(), add_form=add_form, row_form=row_form
    )
    context.update(
        engagements=candidate.engagements.all(),
        new_engagement_form=new_engagement_form or _new_engagement_form(),
        active=active or {},
        references=candidate.references.all(),
        submittals=candidate.team_submittals,
    )
    return context


def _profile_url(candidate: Candidate, anchor: str) -> str:
    return f"{reverse('candidates:detail', args=[candidate.pk])}#{anchor}"
