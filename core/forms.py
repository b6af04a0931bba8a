"""Turning a service's refusal into form errors, the same way on every page."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from core.locking import StaleEdit

CONFLICT = 409
INVALID = 422


def add_service_errors(
    form: forms.Form, error: ValidationError, *, rename: dict[str, str] | None = None
) -> int:
    """Show a service's ValidationError on `form` and return the status that answers it: 409 for
    a stale save (its message names what the newer version changed), 422 otherwise.

    Errors about a field the form has go beside it; the rest go to the top of the form (a
    service may refuse an argument no field shows). `rename` maps a service's argument names to
    the form's field names."""
    if isinstance(error, StaleEdit):
        form.add_error(None, [error.messages[0], *(f"Changed since: {n}" for n in error.newer)])
        return CONFLICT
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return INVALID
    for field, messages in error.error_dict.items():
        name = (rename or {}).get(field, field)
        form.add_error(name if name in form.fields and name != NON_FIELD_ERRORS else None, messages)
    return INVALID
