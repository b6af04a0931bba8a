from django.contrib import admin

from accounts.admin_mixins import VersionedAdmin
from candidates.models import Candidate, CandidateSkill, Engagement, Skill, SkillFamily
from candidates.services import skill_create, skill_update


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    # lookup_keys is editable=False and kept up to date by the skill services, so it stays out.
    list_display = ["name", "aliases", "family", "merged_into"]
    list_select_related = ["family", "merged_into"]
    search_fields = ["name", "aliases"]
    fields = ["name", "aliases", "family"]

    def save_model(self, request, obj, form, change):
        # Through the services so the lookup keys that resolve aliases stay right.
        if change:
            skill_update(skill=obj, name=obj.name, aliases=obj.aliases)
        else:
            saved = skill_create(name=obj.name, aliases=obj.aliases)
            obj.pk = saved.pk


@admin.register(SkillFamily)
class SkillFamilyAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


class CandidateSkillInline(admin.TabularInline):
    model = CandidateSkill
    extra = 0
    autocomplete_fields = ["skill"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("skill")


class EngagementInline(admin.StackedInline):
    model = Engagement
    extra = 0
    autocomplete_fields = ["skills"]


@admin.register(Candidate)
class CandidateAdmin(VersionedAdmin, admin.ModelAdmin):
    list_display = [
        "full_name",
        "headline",
        "status",
        "owner",
        "location",
        "archived",
        "updated_at",
    ]
    list_filter = ["status", "archived"]
    list_select_related = ["owner"]
    search_fields = ["first_name", "last_name", "email", "headline", "location"]
    autocomplete_fields = ["owner"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [CandidateSkillInline, EngagementInline]

    @admin.display(description="Name", ordering="last_name")
    def full_name(self, obj: Candidate) -> str:
        return obj.full_name


@admin.register(CandidateSkill)
class CandidateSkillAdmin(admin.ModelAdmin):
    list_display = ["candidate", "skill", "years", "last_used_year"]
    list_select_related = ["candidate", "skill"]
    search_fields = ["candidate__first_name", "candidate__last_name", "skill__name"]
    autocomplete_fields = ["candidate", "skill"]


@admin.register(Engagement)
class EngagementAdmin(admin.ModelAdmin):
    list_display = ["__str__", "candidate", "employer", "role", "start_date", "end_date"]
    list_select_related = ["candidate"]
    search_fields = [
        "employer",
        "project_name",
        "role",
        "candidate__first_name",
        "candidate__last_name",
    ]
    list_filter = ["start_date"]
    autocomplete_fields = ["candidate", "skills"]
