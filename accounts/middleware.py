"""Sign out sessions nobody used for `SESSION_IDLE_SECONDS` (DJANGO_SESSION_IDLE_SECONDS).

Saving the session on every request would cost three queries per page, so the last-seen time
is rewritten only when it is more than `REFRESH_SECONDS` old (or when the session is being saved
anyway, as at login). A session without the stamp, such as one made before this middleware or
by a test's `force_login`, counts as seen just now and is left as it is."""

import time
import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django_htmx.http import HttpResponseClientRedirect

LAST_SEEN_KEY = "dialready_last_seen"
REFRESH_SECONDS = 5 * 60


def duration_text(seconds: float) -> str:
    """'8 hours', '1 hour', '90 minutes': a limit as the messages name it."""
    seconds = round(seconds)
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return f"{hours} hour{'' if hours == 1 else 's'}"
    minutes = max(1, round(seconds / 60))
    return f"{minutes} minute{'' if minutes == 1 else 's'}"


class IdleSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._signed_in(request):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if isinstance(last_seen, int):
                if now - last_seen > settings.SESSION_IDLE_SECONDS:
                    return self._sign_out(request)
                if now - last_seen > REFRESH_SECONDS:
                    request.session[LAST_SEEN_KEY] = now
        response = self.get_response(request)
        self._stamp_if_saving(request)
        return response

    @staticmethod
    def _signed_in(request: HttpRequest) -> bool:
        # Without a session cookie there is nothing to load: anonymous pages stay query-free.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        return SESSION_KEY in request.session

    @staticmethod
    def _stamp_if_saving(request: HttpRequest) -> None:
        """A session saved by this request (a login, for one) gets the stamp for free."""
        session = getattr(request, "session", None)
        if session is not None and session.modified and SESSION_KEY in session:
            session[LAST_SEEN_KEY] = int(time.time())

    @staticmethod
    def _sign_out(request: HttpRequest) -> HttpResponse:
        logout(request)
        limit = duration_text(settings.SESSION_IDLE_SECONDS)
        messages.info(request, f"You were signed out after {limit} of inactivity. Log in again.")
        login_redirect = redirect_to_login(request.get_full_path())
        # htmx would swap the login page into a fragment: ask it to load the page instead.
        if request.headers.get("HX-Request") == "true":
            return HttpResponseClientRedirect(login_redirect.url)
        return login_redirect


class UserTimeZoneMiddleware:
    """Times on every page, PDF and CSV, and the times typed into forms, in the signed-in
    person's zone (`User.time_zone_name`: theirs, else their team's, else the firm's); the
    firm's (settings.TIME_ZONE) for everyone else. The user is already loaded with their team
    (accounts/backends.py), so this costs no query."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = getattr(request.user, "time_zone_name", None)
        try:
            zone = zoneinfo.ZoneInfo(name) if name else None
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = None  # a zone the machine no longer knows: the firm's
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
