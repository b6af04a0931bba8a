from django.contrib import admin

from imports.models import ImportedRecord, ImportMapping, ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ("file_name", "kind", "team", "created_by", "status", "created_at")
    list_filter = ("kind", "status")


@admin.register(ImportedRecord)
class ImportedRecordAdmin(admin.ModelAdmin):
    list_display = ("source", "kind", "key", "object_id", "team", "updated_at")
    list_filter = ("source", "kind")
    search_fields = ("key",)


@admin.register(ImportMapping)
class ImportMappingAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "team")
