from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from accounts.models import Team, User


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "time_zone", "created_at"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "team", "role", "is_active"]
    list_filter = ["role", "team", "is_active", "is_superuser"]
    list_select_related = ["team"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        ("Team", {"fields": ["team", "role", "led_teams", "time_zone"]}),
    ]
    # A manager leads their home team and these; a director sees and reviews these.
    filter_horizontal = [*BaseUserAdmin.filter_horizontal, "led_teams"]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        ("Team", {"fields": ["team", "role", "led_teams"]}),
    ]
