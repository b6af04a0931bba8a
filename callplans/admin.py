from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin_mixins import SelectRelatedQueryset, VersionedAdmin
from callplans.models import (
    BulkExport,
    CallPlan,
    ClosingQuestion,
    FeedbackCall,
    Objection,
    ObjectionTemplate,
    PlanEvidence,
    PlanReview,
    PracticeItem,
    PracticeSession,
    RaisedObjection,
)

# str(plan) is "Plan: candidate → job order — client"; join all of it wherever a plan is shown.
PLAN_STR_RELATED = ["submittal__candidate", "submittal__job_order__client"]
PLAN_RELATED = [f"plan__{path}" for path in PLAN_STR_RELATED]


@admin.register(ClosingQuestion)
class ClosingQuestionAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ["text", "team", "status", "position"]
    list_filter = ["status", "team"]
    list_select_related = ["team"]
    readonly_fields = ["version"]
    raw_id_fields = ["proposed_by", "merged_into"]
    search_fields = ["text"]
    autocomplete_fields = ["team"]


class ObjectionInline(admin.TabularInline):
    model = Objection
    extra = 0
    fields = ["position", "category", "requirement", "text", "rebuttal", "likelihood", "source"]
    autocomplete_fields = ["requirement"]


class PlanEvidenceInline(admin.TabularInline):
    model = PlanEvidence
    extra = 0
    autocomplete_fields = ["requirement", "engagement"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("requirement__skill", "engagement")


@admin.register(CallPlan)
class CallPlanAdmin(VersionedAdmin, SelectRelatedQueryset, SimpleHistoryAdmin):
    list_display = ["__str__", "status", "author", "rehearsed_at", "updated_at"]
    list_filter = ["status", "rehearsed_at", "updated_at"]
    list_select_related = [*PLAN_STR_RELATED, "author"]
    search_fields = [
        "submittal__candidate__first_name",
        "submittal__candidate__last_name",
        "submittal__job_order__title",
        "submittal__job_order__client__name",
        "next_action",
    ]
    autocomplete_fields = ["submittal", "author", "closing_questions"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [ObjectionInline, PlanEvidenceInline]


@admin.register(Objection)
class ObjectionAdmin(admin.ModelAdmin):
    list_display = ["text", "plan", "category", "requirement", "likelihood", "source", "position"]
    list_filter = ["category", "likelihood", "source"]
    list_select_related = [*PLAN_RELATED, "requirement__skill"]
    search_fields = ["text", "rebuttal"]
    autocomplete_fields = ["plan", "requirement"]


@admin.register(ObjectionTemplate)
class ObjectionTemplateAdmin(VersionedAdmin, SimpleHistoryAdmin):
    list_display = ["text", "category", "skill", "team", "status", "position"]
    list_filter = ["status", "category", "team"]
    list_select_related = ["skill", "team"]
    readonly_fields = ["version"]
    raw_id_fields = ["proposed_by", "merged_into"]
    search_fields = ["text", "rebuttal", "skill__name"]
    autocomplete_fields = ["team", "skill"]


@admin.register(PlanEvidence)
class PlanEvidenceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "requirement", "engagement"]
    list_select_related = [*PLAN_RELATED, "requirement__skill", "engagement"]
    search_fields = ["similarity_note", "engagement__employer", "requirement__description"]
    autocomplete_fields = ["plan", "requirement", "engagement"]


@admin.register(PlanReview)
class PlanReviewAdmin(admin.ModelAdmin):
    list_display = ["plan", "decision", "reviewer", "created_at"]
    list_filter = ["decision", "created_at"]
    list_select_related = [*PLAN_RELATED, "reviewer"]
    search_fields = [
        "comment",
        "reviewer__username",
        "plan__submittal__candidate__last_name",
        "plan__submittal__job_order__title",
    ]
    autocomplete_fields = ["plan", "reviewer"]
    readonly_fields = ["created_at"]


class RaisedObjectionInline(admin.TabularInline):
    model = RaisedObjection
    extra = 0
    autocomplete_fields = ["objection"]


@admin.register(FeedbackCall)
class FeedbackCallAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "outcome", "called_by", "called_at"]
    list_filter = ["outcome", "called_at"]
    list_select_related = [*PLAN_RELATED, "called_by"]
    search_fields = [
        "commitment",
        "next_step",
        "notes",
        "plan__submittal__candidate__last_name",
        "plan__submittal__job_order__title",
    ]
    autocomplete_fields = ["plan", "called_by", "closing_question_asked"]
    inlines = [RaisedObjectionInline]


@admin.register(RaisedObjection)
class RaisedObjectionAdmin(admin.ModelAdmin):
    list_display = ["text", "feedback_call", "category", "handled", "objection"]
    list_filter = ["category", "handled"]
    list_select_related = ["feedback_call", "objection"]
    search_fields = ["text", "objection__text"]
    autocomplete_fields = ["feedback_call", "objection"]


@admin.register(BulkExport)
class BulkExportAdmin(admin.ModelAdmin):
    """Read-only: exports are made from the review page and rendered by the worker."""

    list_display = ["pk", "team", "requested_by", "status", "done", "total", "created_at"]
    list_filter = ["status"]
    list_select_related = ["team", "requested_by"]
    exclude = ["pdf"]
    readonly_fields = [
        "team",
        "requested_by",
        "plan_ids",
        "paper",
        "total",
        "done",
        "status",
        "error",
    ]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PracticeItemInline(admin.TabularInline):
    model = PracticeItem
    extra = 0
    fields = ["position", "prompt", "answer", "result", "note", "transcript"]
    autocomplete_fields = ["objection"]


@admin.register(PracticeSession)
class PracticeSessionAdmin(admin.ModelAdmin):
    """A practice with a co-worker; recorded from the practice pages."""

    list_display = ["kind", "author", "partner", "practised_at", "covered_most_likely"]
    list_filter = ["kind", "covered_most_likely", "practised_at"]
    list_select_related = ["author"]
    search_fields = ["partner", "author__username", "author__last_name"]
    autocomplete_fields = ["plan", "job_order", "candidate", "author", "closing_question"]
    inlines = [PracticeItemInline]


@admin.register(PracticeItem)
class PracticeItemAdmin(admin.ModelAdmin):
    list_display = ["prompt", "session", "answer", "result"]
    list_filter = ["result", "answer"]
    list_select_related = ["session__author"]
    search_fields = ["prompt", "note", "transcript"]
    autocomplete_fields = ["session", "objection"]
