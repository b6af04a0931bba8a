from django.contrib import admin

from actionplans.models import ActionStep, ClientAction, SharedLink, TemplateStep


@admin.register(ActionStep)
class ActionStepAdmin(admin.ModelAdmin):
    list_display = ("title", "submittal", "side", "person", "due_on", "status", "position")
    list_filter = ("status", "side")
    raw_id_fields = ("submittal",)


@admin.register(SharedLink)
class SharedLinkAdmin(admin.ModelAdmin):
    # The secret is never stored: the admin shows its first characters and its hash only.
    list_display = ("prefix", "submittal", "contact", "created_at", "expires_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "created_at", "last_used_at")
    raw_id_fields = ("submittal", "contact", "created_by")


@admin.register(ClientAction)
class ClientActionAdmin(admin.ModelAdmin):
    list_display = ("kind", "submittal", "step", "ip_address", "at")
    list_filter = ("kind",)
    raw_id_fields = ("link", "submittal", "step")


@admin.register(TemplateStep)
class TemplateStepAdmin(admin.ModelAdmin):
    list_display = ("title", "team", "side", "offset_days", "position")
    list_filter = ("team",)
