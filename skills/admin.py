from django.contrib import admin

from skills.models import SkillMerge


@admin.register(SkillMerge)
class SkillMergeAdmin(admin.ModelAdmin):
    # Read-only: a merge is made and undone on /skills/, where the moved rows are recorded.
    list_display = ["source", "target", "merged_by", "merged_at", "undone_at"]
    list_select_related = ["source", "target", "merged_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
