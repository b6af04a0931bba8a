from django.conf import settings
from django.db import models

from candidates.models import Skill


class SkillMerge(models.Model):
    """One skill folded into another, with what moved, so the merge can be undone exactly.

    `moved` holds the ids the merge re-pointed and the rows it combined (see
    skills.services.skill_merge); an undone merge keeps its row, with `undone_at` set."""

    source = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="merges_out")
    target = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="merges_in")
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="skill_merges"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    moved = models.JSONField(default=dict)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="skill_merges_undone",
    )

    class Meta:
        ordering = ["-merged_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.source} into {self.target}"
