import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from candidates.models import Candidate, CandidateSkill, Engagement, Skill
from candidates.selectors import skill_lookup_keys, skill_resolve


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
    return skill_resolve(text) or skill_create(name=text)


def _refuse_taken_keys(skill: Skill) -> None:
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
) -> Engagement:
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
    engagement.skills.set(skills)
    return engagement
