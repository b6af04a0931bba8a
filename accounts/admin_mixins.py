"""Admin behaviour shared by the domain apps' ModelAdmins."""


class VersionedAdmin:
    """An admin edit is an edit: it moves the record's version on, so a form opened elsewhere
    before it gets the stale-version refusal instead of overwriting it."""

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)


class SelectRelatedQueryset:
    """Autocomplete results print str(obj), which walks relations; the change list skips
    list_select_related once the queryset has any select_related, so one list serves both."""

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.list_select_related)


class ReadOnlyAdmin:
    """Records written only by their services (a history, a schedule kept in order): shown in
    the admin, never added, changed or deleted there."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
