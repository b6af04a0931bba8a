"""Reads for the skill list page. Skills are firm-wide records, like candidates: every signed-in
user reads the whole list; managers (of any team) and superusers curate it."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from accounts.models import User
from candidates.models import Skill, SkillFamily
from candidates.selectors import skill_normalise
from skills.models import SkillMerge

RECENT_MERGES = 10


def skill_can_curate(user: User) -> bool:
    return user.is_superuser or user.is_manager


def require_curator(user: User) -> None:
    if not skill_can_curate(user):
        raise PermissionDenied("Only managers rename, merge and group skills.")


def skill_list(*, q: str = "", family_id: int | None = None) -> QuerySet[Skill]:
    """Skills in use (not merged away), by name, with their family; `q` matches a name, an
    alias or the family's name."""
    skills = Skill.objects.filter(merged_into__isnull=True).select_related("family")
    key = skill_normalise(q)
    if key and "|" not in key:
        skills = skills.filter(Q(lookup_keys__contains=key) | Q(family__name__icontains=key))
    if family_id is not None:
        skills = skills.filter(family_id=family_id)
    return skills.order_by("name")


def skill_families() -> QuerySet[SkillFamily]:
    return SkillFamily.objects.order_by("name")


def recent_merges() -> QuerySet[SkillMerge]:
    return SkillMerge.objects.select_related("source", "target", "merged_by", "undone_by")[
        :RECENT_MERGES
    ]


def get_skill(pk: int) -> Skill:
    return get_object_or_404(Skill.objects.select_related("family"), pk=pk, merged_into=None)


def get_family(pk: int) -> SkillFamily:
    return get_object_or_404(SkillFamily, pk=pk)


def get_merge(pk: int) -> SkillMerge:
    return get_object_or_404(SkillMerge.objects.select_related("source", "target"), pk=pk)
