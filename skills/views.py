"""/skills/: the firm's skill list. Everyone signed in browses it; managers curate it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.types import AuthedRequest
from candidates.services import (
    skill_alias_add,
    skill_alias_remove,
    skill_create,
    skill_update,
    skillfamily_create,
    skillfamily_set_members,
    skillfamily_update,
)
from core.forms import add_service_errors
from core.ids import parse_id
from core.locking import StaleEdit
from skills.forms import (
    AliasForm,
    FamilyEditForm,
    FamilyForm,
    MergeForm,
    SkillEditForm,
    SkillNewForm,
)
from skills.selectors import (
    get_family,
    get_merge,
    get_skill,
    recent_merges,
    require_curator,
    skill_can_curate,
    skill_families,
    skill_list,
)
from skills.services import skill_merge, skill_merge_undo

PAGE_SIZE = 50


@require_GET
def skill_index(request: AuthedRequest):
    q = request.GET.get("q", "")[:80]
    family_id = parse_id(request.GET.get("family", ""))
    return _index(request, q=q, family_id=family_id)


def _index(request, *, q: str = "", family_id=None, status: int = 200, **forms):
    page_obj = Paginator(skill_list(q=q, family_id=family_id), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page_obj,
        "q": q,
        "family_id": family_id,
        "families": skill_families(),
        "merges": recent_merges(),
        "may_curate": skill_can_curate(request.user),
        "new_form": forms.get("new_form") or SkillNewForm(auto_id="id_new_%s"),
        "family_form": forms.get("family_form") or FamilyForm(auto_id="id_family_%s"),
    }
    return render(request, "skills/list.html", context, status=status)


@require_POST
def skill_new(request: AuthedRequest):
    require_curator(request.user)
    form = SkillNewForm(request.POST, auto_id="id_new_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            skill = skill_create(
                name=data["name"],
                aliases=data["aliases"],
                family=data["family"],
                confirmed=data["confirm_new"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{skill.name} is on the list.")
            return redirect("skills:list")
    return _index(request, new_form=form, status=422)


@require_http_methods(["GET", "POST"])
def skill_edit(request: AuthedRequest, pk: int):
    require_curator(request.user)
    skill = get_skill(pk)
    if request.method == "GET":
        initial = {
            "name": skill.name,
            "aliases": skill.aliases,
            "family": skill.family_id,
            "version": skill.version,
        }
        return _edit_page(request, skill, SkillEditForm(initial=initial))
    form = SkillEditForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            skill_update(skill=skill, **form.cleaned_data)
        except StaleEdit as error:
            form, status = _stale_form(request, pk, error), 409
        except ValidationError as error:
            status = add_service_errors(form, error)
        else:
            messages.success(request, f"{skill.name} saved.")
            return redirect("skills:list")
    return _edit_page(request, get_skill(pk), form, status=status)


def _stale_form(request, pk: int, error: StaleEdit) -> SkillEditForm:
    """What was typed, kept, now carrying the version saved since: saving again keeps it."""
    data = request.POST.copy()
    data["version"] = str(get_skill(pk).version)
    form = SkillEditForm(data)
    form.is_valid()
    add_service_errors(form, error)
    return form


def _edit_page(request, skill, form, *, status: int = 200, alias_form=None, merge_form=None):
    context = {
        "skill": skill,
        "alias_list": [a for a in skill.aliases.split(", ") if a],
        "form": form,
        "alias_form": alias_form or AliasForm(initial={"version": skill.version}),
        "merge_form": merge_form or MergeForm(),
    }
    return render(request, "skills/edit.html", context, status=status)


@require_POST
def alias_add(request: AuthedRequest, pk: int):
    require_curator(request.user)
    skill = get_skill(pk)
    form = AliasForm(request.POST)
    status = 422
    if form.is_valid():
        try:
            skill_alias_add(skill=skill, **form.cleaned_data)
        except ValidationError as error:
            status = add_service_errors(form, error)
        else:
            messages.success(request, f"“{form.cleaned_data['alias']}” now finds {skill.name}.")
            return redirect("skills:edit", pk=skill.pk)
    return _edit_page(
        request, get_skill(pk), _form_for(get_skill(pk)), alias_form=form, status=status
    )


@require_POST
def alias_remove(request: AuthedRequest, pk: int):
    require_curator(request.user)
    skill = get_skill(pk)
    alias = " ".join(request.POST.get("alias", "").split())[:80]
    version = parse_id(request.POST.get("version", ""))
    try:
        skill_alias_remove(skill=skill, alias=alias, version=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("skills:edit", pk=skill.pk)
    messages.success(request, f"“{alias}” no longer finds {skill.name}.")
    return redirect("skills:edit", pk=skill.pk)


def _form_for(skill) -> SkillEditForm:
    initial = {
        "name": skill.name,
        "aliases": skill.aliases,
        "family": skill.family_id,
        "version": skill.version,
    }
    return SkillEditForm(initial=initial)


@require_POST
def skill_merge_view(request: AuthedRequest, pk: int):
    require_curator(request.user)
    source = get_skill(pk)
    form = MergeForm(request.POST)
    if form.is_valid():
        try:
            merge = skill_merge(source=source, target=form.cleaned_data["into"], by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                f"{merge.source.name} is merged into {merge.target.name}. Undo it below if "
                "that was a mistake.",
            )
            return redirect("skills:list")
    return _edit_page(request, source, _form_for(source), merge_form=form, status=422)


@require_POST
def merge_undo(request: AuthedRequest, merge_pk: int):
    require_curator(request.user)
    merge = get_merge(merge_pk)
    try:
        skill_merge_undo(merge=merge, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("skills:list")
    messages.success(
        request, f"Undone: {merge.source.name} is back, with everything the merge moved."
    )
    return redirect("skills:list")


@require_POST
def family_new(request: AuthedRequest):
    require_curator(request.user)
    form = FamilyForm(request.POST, auto_id="id_family_%s")
    if form.is_valid():
        try:
            with transaction.atomic():
                family = skillfamily_create(name=form.cleaned_data["name"])
                skillfamily_set_members(family=family, skills=form.cleaned_data["members"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The family {family.name} is on the list.")
            return redirect("skills:list")
    return _index(request, family_form=form, status=422)


@require_http_methods(["GET", "POST"])
def family_edit(request: AuthedRequest, family_pk: int):
    require_curator(request.user)
    family = get_family(family_pk)
    if request.method == "GET":
        members = ", ".join(s.name for s in family.skills.order_by("name"))
        initial = {"name": family.name, "members": members, "version": family.version}
        return _family_page(request, family, FamilyEditForm(initial=initial))
    form = FamilyEditForm(request.POST)
    status = 422
    if form.is_valid():
        data = form.cleaned_data
        try:
            skillfamily_update(
                family=family, name=data["name"], skills=data["members"], version=data["version"]
            )
        except StaleEdit as error:
            # What was typed stays, now carrying the version saved since: saving again keeps it.
            posted = request.POST.copy()
            posted["version"] = str(get_family(family_pk).version)
            form, status = FamilyEditForm(posted), 409
            form.is_valid()
            add_service_errors(form, error)
        except ValidationError as error:
            status = add_service_errors(form, error)
        else:
            messages.success(request, f"{family.name} saved.")
            return redirect("skills:list")
    return _family_page(request, get_family(family_pk), form, status=status)


def _family_page(request, family, form, *, status: int = 200):
    return render(request, "skills/family.html", {"family": family, "form": form}, status=status)
