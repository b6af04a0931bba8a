import re

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from accounts.access import can_write
from accounts.models import User
from candidates.models import Candidate, CandidateSkill, Engagement, Skill

_SPACES = re.compile(r"\s+")


def skill_normalise(text: str) -> str:
    """Case, surrounding and repeated spaces do not distinguish skills: " Node  JS" == "node js"."""
    return _SPACES.sub(" ", text).strip().casefold()


def skill_lookup_keys(name: str, aliases: str) -> str:
    keys = [skill_normalise(name), *(skill_normalise(a) for a in aliases.split(","))]
    unique = dict.fromkeys(k for k in keys if k)
    return "|" + "|".join(unique) + "|"


def skill_resolve(text: str) -> Skill | None:
    """The skill a salesperson means by `text`: its name or any alias, in any case or spacing."""
    key = skill_normalise(text)
    if not key or "|" in key:
        return None
    return Skill.objects.filter(lookup_keys__contains=f"|{key}|").order_by("pk").first()


def candidates_visible_to(user: User) -> QuerySet[Candidate]:
    """Candidates are firm-wide: every signed-in user may read every active candidate."""
    return Candidate.objects.filter(archived=False).select_related("owner")


def candidate_profile(pk: int) -> Candidate:
    skills = CandidateSkill.objects.select_related("skill")
    engagements = Engagement.objects.prefetch_related("skills")
    return get_object_or_404(
        Candidate.objects.select_related("owner").prefetch_related(
            Prefetch("skills", queryset=skills), Prefetch("engagements", queryset=engagements)
        ),
        pk=pk,
    )


def get_candidate_for_user(user: User, pk: int, *, write: bool = False) -> Candidate:
    candidate = get_object_or_404(Candidate.objects.select_related("owner"), pk=pk)
    if write and not can_write(user, team_id=candidate.owner.team_id, owner_id=candidate.owner_id):
        raise PermissionDenied(
            "Only the candidate's owner and their team's managers can change it."
        )
    return candidate


def skill_suggestions(text: str, *, limit: int = 10) -> list[Skill]:
    """Skills whose name or an alias starts a word with what was typed, best first."""
    key = skill_normalise(text)
    if not key or "|" in key:
        return []
    starts = list(Skill.objects.filter(lookup_keys__contains=f"|{key}").order_by("name")[:limit])
    if len(starts) >= limit:
        return starts
    anywhere = Skill.objects.filter(lookup_keys__contains=key).exclude(
        pk__in=[s.pk for s in starts]
    )
    return starts + list(anywhere.order_by("name")[: limit - len(starts)])
