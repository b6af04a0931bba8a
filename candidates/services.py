import copy
import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from accounts.models import User
from candidates.models import Candidate, CandidateSkill, Engagement, Skill
from candidates.selectors import skill_lookup_keys, skill_resolve
from config import pagecache


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
    """Save the main fields if nobody saved the candidate since `version` was read.

    The version check and the write are one UPDATE, so two people saving at once cannot both
    win; the loser gets a ValidationError (code "stale") and `candidate` is left untouched.
    """
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
    now = timezone.now()
    saved = Candidate.objects.filter(pk=candidate.pk, version=version).update(
        **changes, version=F("version") + 1, updated_at=now
    )
    if not saved:
        raise ValidationError(STALE_CANDIDATE, code="stale")
    pagecache.touch_instance(candidate)  # update() sends no signal
    for field, value in changes.items():
        setattr(candidate, field, value)
    candidate.version = version + 1
    candidate.updated_at = now
    # update() bypasses the history signals: record this version explicitly.
    Candidate.history.bulk_history_create([candidate], update=True)
    return candidate


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


@transaction.atomic
def engagement_create(
    *,
    candidate: Candidate,
    employer: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    project_name: str = "",
    role: str = "",
    team_size: int | None = None,
    summary: str = "",
    challenges_solved: str = "",
    deliverables: str = "",
    results: str = "",
    skills: list[Skill] | tuple[Skill, ...] = (),
    skill_names: Sequence[str] = (),
) -> Engagement:
    """`skill_names` are typed names: they resolve through aliases and unknown ones are added."""
    engagement = Engagement(
        candidate=candidate,
        employer=employer,
        start_date=start_date,
        end_date=end_date,
        project_name=project_name,
        role=role,
        team_size=team_size,
        summary=summary,
        challenges_solved=challenges_solved,
        deliverables=deliverables,
        results=results,
    )
    engagement.full_clean()
    engagement.save()
    engagement.skills.set([*skills, *_skills_named(skill_names)])
    return engagement


@transaction.atomic
def engagement_update(
    *,
    engagement: Engagement,
    employer: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    project_name: str = "",
    role: str = "",
    team_size: int | None = None,
    summary: str = "",
    challenges_solved: str = "",
    deliverables: str = "",
    results: str = "",
    skills: list[Skill] | tuple[Skill, ...] = (),
    skill_names: Sequence[str] = (),
) -> Engagement:
    """Replace the engagement's fields and its skills used (`skills` plus `skill_names`)."""
    engagement.employer = employer
    engagement.start_date = start_date
    engagement.end_date = end_date
    engagement.project_name = project_name
    engagement.role = role
    engagement.team_size = team_size
    engagement.summary = summary
    engagement.challenges_solved = challenges_solved
    engagement.deliverables = deliverables
    engagement.results = results
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
