import copy
import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Required, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts.models import User
from candidates.models import Candidate, CandidateSkill, Engagement, Skill
from candidates.selectors import skill_lookup_keys, skill_resolve
from core.locking import save_versioned


@transaction.atomic
def skill_create(*, name: str, aliases: str = "") -> Skill:
    name = " ".join(name.split())
    aliases = ", ".join(a.strip() for a in aliases.split(",") if a.strip())
    skill = Skill(name=name, aliases=aliases, lookup_keys=skill_lookup_keys(name, aliases))
    _refuse_taken_keys(skill)
    skill.full_clean()
    skill.save()
    return skill


@transaction.atomic
def skill_update(*, skill: Skill, name: str, aliases: str) -> Skill:
    skill.name = " ".join(name.split())
    skill.aliases = ", ".join(a.strip() for a in aliases.split(",") if a.strip())
    skill.lookup_keys = skill_lookup_keys(skill.name, skill.aliases)
    _refuse_taken_keys(skill)
    skill.full_clean()
    skill.save()
    return skill


def skill_get_or_create(*, text: str) -> Skill:
    """The skill a typed name resolves to, or a new one: unknown skills can be added on the fly."""
    skill = skill_resolve(text)
    if skill is not None:
        return skill
    try:
        return skill_create(name=text)
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
            raise ValidationError({"aliases": f"“{key}” already names the skill {clash.name}."})


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
) -> CandidateSkill:
    """Add a skill by the name a salesperson types: aliases resolve, unknown names become new
    skills, and a skill the candidate already has gets its years corrected."""
    try:
        skill = skill_get_or_create(text=skill_name)
    except ValidationError as error:
        raise ValidationError({"skill": error.messages}) from None
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
    **details: Unpack[EngagementDetails],
) -> Engagement:
    """`skill_names` are typed names: they resolve through aliases and unknown ones are added."""
    engagement = Engagement(candidate=candidate, **details)
    engagement.full_clean()
    engagement.save()
    engagement.skills.set([*skills, *_skills_named(skill_names)])
    return engagement


@transaction.atomic
def engagement_update(
    *,
    engagement: Engagement,
    skills: list[Skill] | tuple[Skill, ...] = (),
    skill_names: Sequence[str] = (),
    **details: Unpack[EngagementDetails],
) -> Engagement:
    """Replace the engagement's fields (a field not given goes back to its default) and its
    skills used (`skills` plus `skill_names`)."""
    for name in EngagementDetails.__annotations__:
        default = Engagement._meta.get_field(name).get_default()
        setattr(engagement, name, details.get(name, default))
    engagement.full_clean()
    engagement.save()
    engagement.skills.set([*skills, *_skills_named(skill_names)])
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


def _skills_named(names: Sequence[str]) -> list[Skill]:
    skills = []
    for name in names:
        try:
            skills.append(skill_get_or_create(text=name))
        except ValidationError as error:
            raise ValidationError({"skills": [f"“{name}”: {m}" for m in error.messages]}) from None
    return skills
