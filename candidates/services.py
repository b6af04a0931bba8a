import copy
import datetime
from collections.abc import Sequence
from decimal import Decimal
from types import EllipsisType
from typing import Required, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import User
from candidates.models import Candidate, CandidateSkill, Engagement, Skill, SkillFamily
from candidates.selectors import (
    skill_lookup_keys,
    skill_near_matches,
    skill_normalise,
    skill_resolve,
)
from candidates.taxonomy import TAXONOMY, taxonomy_rows
from core.locking import StaleEdit, save_versioned

STALE_FAMILY = (
    "Someone else changed this family since you opened it. Nothing was saved: check the saved "
    "name and members, then save again to keep yours."
)
STALE_SKILL = (
    "Someone else changed this skill since you opened it. Nothing was saved: check the saved "
    "values, then save again to keep yours."
)


class NearDuplicate(ValidationError):
    """A new skill's name is close to skills that exist: the user confirms, or picks one."""

    def __init__(self, text: str, matches: list[Skill], *, field: str = "name"):
        names = " or ".join(s.name for s in matches[:3])
        message = (
            f"Did you mean {names}? “{text}” would be a new skill beside it: tick “Yes, add "
            f"it as a new skill” to add it anyway, or type the existing name."
        )
        super().__init__({field: ValidationError(message, code="near_duplicate")})
        self.matches = matches


@transaction.atomic
def skill_create(
    *, name: str, aliases: str = "", family: SkillFamily | None = None, confirmed: bool = True
) -> Skill:
    """A new skill. With `confirmed=False` (a form where someone just typed the name) a name
    close to an existing skill is refused with NearDuplicate until they confirm."""
    name = " ".join(name.split())
    aliases = _clean_aliases(aliases)
    skill = Skill(
        name=name, aliases=aliases, family=family, lookup_keys=skill_lookup_keys(name, aliases)
    )
    _refuse_taken_keys(skill)
    if not confirmed:
        near = skill_near_matches(name)
        if near:
            raise NearDuplicate(name, near)
    skill.full_clean()
    skill.save()
    return skill


@transaction.atomic
def skill_update(
    *,
    skill: Skill,
    name: str,
    aliases: str,
    family: SkillFamily | None | EllipsisType = ...,
    version: int | None = None,
) -> Skill:
    """Rename a skill, replace its aliases and (when given) its family. `version` is the one
    the editor opened: a stale one is StaleEdit and nothing is written."""
    if skill.merged_into_id is not None:
        raise ValidationError("This skill was merged into another: edit that one instead.")
    draft = copy.copy(skill)
    draft.name = " ".join(name.split())
    draft.aliases = _clean_aliases(aliases)
    draft.lookup_keys = skill_lookup_keys(draft.name, draft.aliases)
    if family is not ...:
        draft.family = family
    _refuse_taken_keys(draft)
    draft.full_clean()
    changes = {
        "name": draft.name,
        "aliases": draft.aliases,
        "lookup_keys": draft.lookup_keys,
        "family": draft.family,
    }
    return save_versioned(skill, version=version, changes=changes, stale=STALE_SKILL)


@transaction.atomic
def skill_alias_add(*, skill: Skill, alias: str, version: int | None = None) -> Skill:
    alias = " ".join(alias.split())
    if not alias:
        raise ValidationError({"alias": "Type the other name."})
    aliases = f"{skill.aliases}, {alias}" if skill.aliases else alias
    try:
        return skill_update(skill=skill, name=skill.name, aliases=aliases, version=version)
    except ValidationError as error:
        if isinstance(error, StaleEdit) or not hasattr(error, "error_dict"):
            raise
        raise ValidationError({"alias": error.messages}) from None


@transaction.atomic
def skill_alias_remove(*, skill: Skill, alias: str, version: int | None = None) -> Skill:
    kept = [a for a in _clean_aliases(skill.aliases).split(", ") if a and a != alias]
    return skill_update(skill=skill, name=skill.name, aliases=", ".join(kept), version=version)


@transaction.atomic
def skillfamily_create(*, name: str) -> SkillFamily:
    family = SkillFamily(name=" ".join(name.split()))
    family.full_clean()
    family.save()
    return family


@transaction.atomic
def skillfamily_update(
    *, family: SkillFamily, name: str, skills: Sequence[Skill], version: int | None = None
) -> SkillFamily:
    """Rename a family and set its members. `version` is the one the editor opened: a stale one
    is StaleEdit and nothing is written (members included)."""
    draft = copy.copy(family)
    draft.name = " ".join(name.split())
    draft.full_clean()
    members = sorted(s.pk for s in skills)
    before = sorted(family.skills.values_list("pk", flat=True))
    reason = "members" if members != before else ""
    save_versioned(
        family, version=version, changes={"name": draft.name}, stale=STALE_FAMILY, reason=reason
    )
    return skillfamily_set_members(family=family, skills=skills)


@transaction.atomic
def skillfamily_set_members(*, family: SkillFamily, skills: Sequence[Skill]) -> SkillFamily:
    """The family holds exactly `skills`: a skill joins it (leaving any other) or leaves it."""
    Skill.objects.filter(family=family).exclude(pk__in=[s.pk for s in skills]).update(family=None)
    Skill.objects.filter(pk__in=[s.pk for s in skills]).update(family=family)
    return family


def _clean_aliases(aliases: str) -> str:
    parts = (" ".join(a.split()) for a in aliases.split(","))
    return ", ".join(dict.fromkeys(a for a in parts if a))


def skill_get_or_create(*, text: str, confirmed: bool = True) -> Skill:
    """The skill a typed name resolves to, or a new one: unknown skills can be added on the fly.
    `confirmed=False` refuses a name close to an existing skill (NearDuplicate) until confirmed."""
    skill = skill_resolve(text)
    if skill is not None:
        return skill
    try:
        return skill_create(name=text, confirmed=confirmed)
    except IntegrityError:
        # Someone added the same skill a moment ago, or the database folds the case of this
        # name differently from Python: use the skill that won instead of failing the save.
        skill = skill_resolve(text)
        if skill is None:
            raise ValidationError({"name": "A skill with this name already exists."}) from None
        return skill


def _refuse_taken_keys(skill: Skill) -> None:
    if "|" in skill.name or "|" in skill.aliases:
        # "|" separates the lookup keys: inside a name it would make other names resolve to it.
        raise ValidationError({"name": "A skill name cannot contain “|”."})
    for key in skill.lookup_keys.strip("|").split("|"):
        clash = skill_resolve(key)
        if clash is not None and clash.pk != skill.pk:
            field = "name" if key == skill_normalise(skill.name) else "aliases"
            raise ValidationError({field: f"“{key}” already names the skill {clash.name}."})


@transaction.atomic
def candidate_create(
    *,
    owner: User,
    first_name: str,
    last_name: str,
    headline: str = "",
    email: str = "",
    phone: str = "",
    location: str = "",
    status: str = Candidate.Status.AVAILABLE,
    summary: str = "",
) -> Candidate:
    candidate = Candidate(
        owner=owner,
        first_name=first_name,
        last_name=last_name,
        headline=headline,
        email=email,
        phone=phone,
        location=location,
        status=status,
        summary=summary,
    )
    candidate.full_clean()
    candidate.save()
    return candidate


STALE_CANDIDATE = (
    "Someone else changed this candidate since you opened it. Nothing was saved: check the "
    "saved values shown below, then save again to keep yours."
)


@transaction.atomic
def candidate_update(
    *,
    candidate: Candidate,
    version: int,
    first_name: str,
    last_name: str,
    headline: str = "",
    email: str = "",
    phone: str = "",
    location: str = "",
    status: str = Candidate.Status.AVAILABLE,
    summary: str = "",
) -> Candidate:
    """Save the main fields if nobody saved the candidate since `version` was read; otherwise
    StaleEdit, and `candidate` is left untouched."""
    changes = {
        "first_name": first_name,
        "last_name": last_name,
        "headline": headline,
        "email": email,
        "phone": phone,
        "location": location,
        "status": status,
        "summary": summary,
    }
    draft = copy.copy(candidate)
    for field, value in changes.items():
        setattr(draft, field, value)
    draft.full_clean()
    return save_versioned(candidate, version=version, changes=changes, stale=STALE_CANDIDATE)


@transaction.atomic
def candidate_skill_set(
    *,
    candidate: Candidate,
    skill: Skill,
    years: Decimal | int | float,
    last_used_year: int | None = None,
) -> CandidateSkill:
    """Record (or correct) how many years the candidate has with a skill."""
    row = CandidateSkill.objects.filter(candidate=candidate, skill=skill).first()
    row = row or CandidateSkill(candidate=candidate, skill=skill)
    row.years = Decimal(str(years))
    row.last_used_year = last_used_year
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def candidate_skill_add(
    *,
    candidate: Candidate,
    skill_name: str,
    years: Decimal | int | float,
    last_used_year: int | None = None,
    confirmed: bool = True,
) -> CandidateSkill:
    """Add a skill by the name a salesperson types: aliases resolve, unknown names become new
    skills (with `confirmed=False`, not one close to an existing skill: NearDuplicate), and a
    skill the candidate already has gets its years corrected."""
    try:
        skill = skill_get_or_create(text=skill_name, confirmed=confirmed)
    except ValidationError as error:
        raise ValidationError({"skill": _errors_of(error)}) from None
    return candidate_skill_set(
        candidate=candidate, skill=skill, years=years, last_used_year=last_used_year
    )


@transaction.atomic
def candidate_skill_remove(*, candidate_skill: CandidateSkill) -> None:
    candidate_skill.delete()


class EngagementDetails(TypedDict, total=False):
    """An engagement's own fields, as `engagement_create` and `engagement_update` take them."""

    employer: Required[str]
    start_date: Required[datetime.date]
    end_date: datetime.date | None
    project_name: str
    role: str
    team_size: int | None
    summary: str
    challenges_solved: str
    deliverables: str
    results: str


@transaction.atomic
def engagement_create(
    *,
    candidate: Candidate,
    skills: list[Skill] | tuple[Skill, ...] = (),
    skill_names: Sequence[str] = (),
    confirm_new: bool = True,
    **details: Unpack[EngagementDetails],
) -> Engagement:
    """`skill_names` are typed names: they resolve through aliases and unknown ones are added
    (with `confirm_new=False`, not one close to an existing skill: NearDuplicate)."""
    engagement = Engagement(candidate=candidate, **details)
    engagement.full_clean()
    engagement.save()
    engagement.skills.set([*skills, *_skills_named(skill_names, confirmed=confirm_new)])
    return engagement


@transaction.atomic
def engagement_update(
    *,
    engagement: Engagement,
    skills: list[Skill] | tuple[Skill, ...] = (),
    skill_names: Sequence[str] = (),
    confirm_new: bool = True,
    **details: Unpack[EngagementDetails],
) -> Engagement:
    """Replace the engagement's fields (a field not given goes back to its default) and its
    skills used (`skills` plus `skill_names`; `confirm_new` as for `engagement_create`)."""
    for name in EngagementDetails.__annotations__:
        default = Engagement._meta.get_field(name).get_default()
        setattr(engagement, name, details.get(name, default))
    engagement.full_clean()
    engagement.save()
    engagement.skills.set([*skills, *_skills_named(skill_names, confirmed=confirm_new)])
    return engagement


@transaction.atomic
def engagement_delete(*, engagement: Engagement) -> None:
    """Delete an engagement nobody relies on. References tied to it stay, without the tie.

    Call plans (of any team) cite engagements as evidence; deleting one would silently remove
    that evidence from plans its author may not even see, so it is refused instead.
    """
    cited = engagement.evidence.count()
    if cited:
        plans = "a call plan" if cited == 1 else f"{cited} call plans"
        raise ValidationError(
            f"This engagement is evidence in {plans}, so it cannot be deleted. "
            "Correct it instead, or ask the plan's author to drop it first."
        )
    engagement.delete()


def _skills_named(names: Sequence[str], *, confirmed: bool = True) -> list[Skill]:
    skills = []
    for name in names:
        try:
            skills.append(skill_get_or_create(text=name, confirmed=confirmed))
        except NearDuplicate as error:
            raise ValidationError({"skills": _errors_of(error)}) from None
        except ValidationError as error:
            raise ValidationError({"skills": [f"“{name}”: {m}" for m in error.messages]}) from None
    return skills


def _errors_of(error: ValidationError) -> list[ValidationError]:
    """A refusal's errors with their codes, whichever field they were on."""
    if hasattr(error, "error_dict"):
        return [e for errors in error.error_dict.values() for e in errors]
    return error.error_list


@transaction.atomic
def skill_taxonomy_load() -> dict[str, int]:
    """Load the starter taxonomy (candidates/taxonomy.py); safe to run again.

    A skill already answering to a taxonomy name keeps its name and aliases and only gains a
    family when it has none; a new skill gets the aliases no other skill owns. In a few queries
    whatever the list's size: the keys are read once and the new rows created in bulk."""
    families = {f.name.casefold(): f for f in SkillFamily.objects.all()}
    new_families = [
        SkillFamily(name=name) for name in TAXONOMY if name and name.casefold() not in families
    ]
    for family in SkillFamily.objects.bulk_create(new_families):
        families[family.name.casefold()] = family
    owner: dict[str, Skill] = {}
    for skill in Skill.objects.exclude(lookup_keys=""):
        for key in skill.lookup_keys.strip("|").split("|"):
            owner.setdefault(key, skill)
    new, regrouped = [], []
    for name, aliases, family_name in taxonomy_rows():
        family = families.get(family_name.casefold()) if family_name else None
        existing = owner.get(skill_normalise(name))
        if existing is not None:
            if existing.family_id is None and family is not None:
                existing.family = family
                regrouped.append(existing)
            continue
        free = ", ".join(a.strip() for a in aliases.split(",") if skill_normalise(a) not in owner)
        skill = Skill(
            name=name, aliases=free, family=family, lookup_keys=skill_lookup_keys(name, free)
        )
        for key in skill.lookup_keys.strip("|").split("|"):
            owner[key] = skill
        new.append(skill)
    if new:
        bulk_create_with_history(new, Skill)
    if regrouped:
        bulk_update_with_history(regrouped, Skill, ["family"])
    return {"families": len(new_families), "skills": len(new), "regrouped": len(regrouped)}
