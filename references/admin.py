from django.contrib import admin

from accounts.admin_mixins import SelectRelatedQueryset, VersionedAdmin
from references.models import Reference, ReferenceCall, ReferenceFinding, ReferenceQuestion


@admin.register(Reference)
class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "company", "relationship", "candidate", "created_at"]
    list_filter = ["relationship"]
    list_select_related = ["candidate"]
    search_fields = [
        "name",
        "company",
        "email",
        "candidate__first_name",
        "candidate__last_name",
    ]
    autocomplete_fields = ["candidate", "engagement"]
    readonly_fields = ["created_at"]


class ReferenceFindingInline(admin.TabularInline):
    model = ReferenceFinding
    extra = 0
    autocomplete_fields = ["requirement"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("requirement__skill")


@admin.register(ReferenceCall)
class ReferenceCallAdmin(VersionedAdmin, SelectRelatedQueryset, admin.ModelAdmin):
    list_display = [
        "__str__",
        "reference",
        "job_order",
        "status",
        "would_rehire",
        "rating",
        "called_by",
        "team",
        "called_at",
    ]
    list_filter = ["status", "would_rehire", "rating", "job_details_shared", "team", "called_at"]
    list_select_related = ["reference", "job_order__client", "called_by", "team"]
    search_fields = [
        "reference__name",
        "reference__company",
        "reference__candidate__first_name",
        "reference__candidate__last_name",
        "job_order__title",
    ]
    autocomplete_fields = ["reference", "job_order", "team", "called_by"]
    readonly_fields = ["version", "updated_at"]
    inlines = [ReferenceFindingInline]


@admin.register(ReferenceFinding)
class ReferenceFindingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "call", "requirement", "assessment"]
    list_filter = ["assessment"]
    list_select_related = ["call__reference", "requirement__skill"]
    search_fields = ["quote", "requirement__description", "call__reference__name"]
    autocomplete_fields = ["call", "requirement"]


@admin.register(ReferenceQuestion)
class ReferenceQuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "category", "team"]
    list_filter = ["team", "category"]
    list_select_related = ["team"]
    search_fields = ["text", "category"]
    autocomplete_fields = ["team"]
