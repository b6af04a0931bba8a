from django.contrib import admin

from accounts.admin_mixins import ReadOnlyAdmin, SelectRelatedQueryset, VersionedAdmin
from joborders.models import (
    Client,
    ClientContact,
    Interview,
    JobOrder,
    LossReason,
    Requirement,
    Submittal,
    SubmittalEvent,
)

# __str__ of these models follows foreign keys; join them so lists and autocompletes stay flat.
JOB_ORDER_RELATED = ["job_order__client"]
SUBMITTAL_RELATED = ["candidate", "job_order__client"]


class ClientContactInline(admin.TabularInline):
    model = ClientContact
    extra = 0


@admin.register(Client)
class ClientAdmin(admin.ModelAdmin):
    list_display = ["name", "industry", "team", "owner", "archived", "created_at"]
    list_filter = ["archived", "team", "industry"]
    list_select_related = ["team", "owner"]
    search_fields = ["name", "industry", "website"]
    autocomplete_fields = ["owner", "team"]
    readonly_fields = ["created_at"]
    inlines = [ClientContactInline]


@admin.register(ClientContact)
class ClientContactAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "client", "email", "phone"]
    list_select_related = ["client"]
    search_fields = ["name", "title", "email", "client__name"]
    autocomplete_fields = ["client"]


class RequirementInline(admin.TabularInline):
    model = Requirement
    extra = 0
    fields = ["position", "kind", "skill", "min_years", "description", "must_have"]
    autocomplete_fields = ["skill"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("skill")


@admin.register(JobOrder)
class JobOrderAdmin(VersionedAdmin, SelectRelatedQueryset, admin.ModelAdmin):
    list_display = [
        "title",
        "client",
        "status",
        "openings",
        "start_date",
        "owner",
        "team",
        "archived",
        "updated_at",
    ]
    list_filter = ["status", "archived", "team"]
    list_select_related = ["client", "owner", "team"]
    search_fields = ["title", "client__name"]
    autocomplete_fields = ["client", "contact", "owner", "team"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [RequirementInline]


@admin.register(Requirement)
class RequirementAdmin(SelectRelatedQueryset, admin.ModelAdmin):
    list_display = ["__str__", "job_order", "kind", "skill", "min_years", "must_have", "position"]
    list_filter = ["kind", "must_have"]
    list_select_related = [*JOB_ORDER_RELATED, "skill"]
    search_fields = ["description", "skill__name", "job_order__title"]
    autocomplete_fields = ["job_order", "skill"]


class SubmittalEventInline(admin.TabularInline):
    model = SubmittalEvent
    extra = 0
    fields = ["changed_at", "from_status", "to_status", "changed_by"]
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Submittal)
class SubmittalAdmin(SelectRelatedQueryset, admin.ModelAdmin):
    list_display = [
        "candidate",
        "job_order",
        "status",
        "submitted_by",
        "submitted_at",
        "interview_at",
    ]
    list_filter = ["status", "submitted_at", "interview_at"]
    list_select_related = [*SUBMITTAL_RELATED, "submitted_by"]
    search_fields = [
        "candidate__first_name",
        "candidate__last_name",
        "job_order__title",
        "job_order__client__name",
    ]
    autocomplete_fields = ["job_order", "candidate", "submitted_by"]
    inlines = [SubmittalEventInline]

    def get_readonly_fields(self, request, obj=None):
        # A stage change must leave a SubmittalEvent, which only the submittal service writes.
        return ["status"] if obj is not None else []


@admin.register(SubmittalEvent)
class SubmittalEventAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Append-only status history: visible, never added, edited or deleted here."""

    list_display = ["submittal", "from_status", "to_status", "changed_by", "changed_at"]
    list_filter = ["to_status", "changed_at"]
    list_select_related = [
        *(f"submittal__{path}" for path in SUBMITTAL_RELATED),
        "changed_by",
    ]
    search_fields = [
        "submittal__candidate__first_name",
        "submittal__candidate__last_name",
        "submittal__job_order__title",
    ]


@admin.register(LossReason)
class LossReasonAdmin(admin.ModelAdmin):
    """The team's reasons a candidate is lost; its managers keep them at /submittals/loss-reasons/."""

    list_display = ["label", "team", "side", "retired", "position"]
    list_filter = ["side", "retired", "team"]
    list_select_related = ["team"]
    search_fields = ["label"]


@admin.register(Interview)
class InterviewAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    """Interview rounds: shown here, written on the submittal's page, whose services keep the
    submittal's interview date on the current round and the rounds in order."""

    list_display = ["submittal", "round", "kind", "starts_at", "ends_at"]
    list_filter = ["kind", "starts_at"]
    list_select_related = [f"submittal__{path}" for path in SUBMITTAL_RELATED]
    search_fields = [
        "submittal__candidate__first_name",
        "submittal__candidate__last_name",
        "submittal__job_order__title",
    ]
