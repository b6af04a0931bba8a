from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from reminders.selectors import unread_count


def notifications(request: HttpRequest) -> dict:
    """The unread count in the navigation. Lazy: counted (one query) only when a page shows
    the navigation, so htmx fragments, downloads and the API pay nothing."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}
