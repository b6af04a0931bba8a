"""Login throttling on top of django-axes (configured in settings), and its refusal page.

Two limits, both over the last `AXES_COOLOFF_TIME`:
1. a username from one address: `AXES_FAILURE_LIMIT` failures (axes itself, per pair), so a
   guesser cannot try passwords for one person, while that person elsewhere and the colleagues
   beside them can still log in;
2. an address across usernames: `LOGIN_ADDRESS_USERNAME_LIMIT` *different* usernames with a
   failure, which is what password spraying looks like (one or two passwords tried on many
   names). It counts names, not failures, so an office behind one NAT address is paused only
   when that many colleagues each got it wrong without logging in since, never by one person's
   repeated typos (those are limit 1's business and clear on their next good login).

A wrong current password on the password-change form counts as a failed login of that user (see
accounts/forms.py), so a borrowed session cannot be used to guess the password either."""

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import (
    get_client_ip_address,
    get_client_username,
    get_cool_off,
    get_failure_limit,
)
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts.middleware import duration_text

logger = logging.getLogger(__name__)
RESET_WINDOW_SECONDS = 60 * 60


def address_usernames_failed(ip_address: str | None, since: datetime) -> dict[str, datetime]:
    """Each username with a failed login from the address since `since`, and its latest failure."""
    rows = (
        AccessAttempt.objects.filter(ip_address=ip_address, attempt_time__gte=since)
        .values("username")
        .annotate(last=Max("attempt_time"))
    )
    return {row["username"] or "": row["last"] for row in rows}


class AddressAwareAxesHandler(AxesDatabaseHandler):
    """Axes' database handler with limit 2 (different usernames from one address) added."""

    def is_locked(self, request, credentials: dict | None = None) -> bool:
        return super().is_locked(request, credentials) or self.address_is_paused(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or request.axes_locked_out or not self.address_is_paused(request):
            return
        request.axes_locked_out = True
        request.axes_credentials = credentials
        user_locked_out.send(
            "axes",
            request=request,
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        )

    @staticmethod
    def address_is_paused(request: HttpRequest) -> bool:
        since = get_cool_off_threshold(request)
        failed = address_usernames_failed(request.axes_ip_address, since)
        return len(failed) >= settings.LOGIN_ADDRESS_USERNAME_LIMIT


@dataclass(frozen=True)
class Pause:
    until: datetime
    whole_address: bool  # limit 2: every username from this address, not just this one

    @property
    def remaining(self) -> str:
        return duration_text(max(60, (self.until - timezone.now()).total_seconds()))


def pause_for(request: HttpRequest, credentials: dict | None) -> Pause:
    """When the pause on this caller ends. Attempts made while paused are not recorded
    (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is off), so the end does not move."""
    cool_off = get_cool_off(request) or timedelta(0)
    now = timezone.now()
    ip_address = getattr(request, "axes_ip_address", None)
    username = get_client_username(request, credentials)
    pair = AccessAttempt.objects.filter(
        ip_address=ip_address, username=username, attempt_time__gte=now - cool_off
    ).aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    ends = []
    if pair["failures"] and pair["failures"] >= get_failure_limit(request, credentials):
        ends.append(Pause(pair["last"] + cool_off, whole_address=False))
    latest = sorted(address_usernames_failed(ip_address, now - cool_off).values(), reverse=True)
    limit = settings.LOGIN_ADDRESS_USERNAME_LIMIT
    if len(latest) >= limit:
        # The pause lasts while `limit` names still have a failure inside the window.
        ends.append(Pause(latest[limit - 1] + cool_off, whole_address=True))
    return max(ends, key=lambda p: p.until, default=Pause(now + cool_off, whole_address=False))


def login_locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """The answer to a login (or password change) refused for too many failures: a page saying
    until when, and for how long (429 Too Many Requests)."""
    pause = pause_for(request, credentials)
    match = getattr(request, "resolver_match", None)
    context = {
        "username": get_client_username(request, credentials) or "",
        "pause": pause,
        "password_change": match is not None and match.url_name == "password_change",
    }
    return render(request, "accounts/locked_out.html", context, status=429)


def forwarded_client_address(request: HttpRequest) -> str:
    """Behind the TLS proxy every request comes from the proxy: the caller is the last
    X-Forwarded-For entry, the one the proxy added (earlier ones are whatever the client sent)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-1] if hops else request.META.get("REMOTE_ADDR", "")


def window_key(scope: str, value: str) -> str:
    # Keys are hashes, so no address, e-mail or secret sits in the cache.
    return f"dialready:{scope}:{hashlib.sha256(value.encode()).hexdigest()}"


def window_count(scope: str, value: str, *, seconds: int) -> int:
    """Count one more event of `scope` for `value` in a window of `seconds` from the first, and
    return the count so far. The counter lives in the cache: losing it only restarts the window."""
    key = window_key(scope, value)
    cache.add(key, 0, seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, seconds)
        return 1


def window_peek(scope: str, value: str) -> int:
    """The count so far of `scope` for `value` in its window, counting nothing."""
    return cache.get(window_key(scope, value), 0)


def password_reset_allowed(request: HttpRequest, email: str) -> bool:
    """Count a request for a reset link against its address and its e-mail address (an hour's
    window from the first), and say whether it may be sent."""
    address = get_client_ip_address(request) or ""
    allowed = True
    for kind, value, limit in (
        ("address", address, settings.PASSWORD_RESET_PER_ADDRESS),
        ("email", email.strip().lower(), settings.PASSWORD_RESET_PER_EMAIL),
    ):
        count = window_count(f"password-reset:{kind}", value, seconds=RESET_WINDOW_SECONDS)
        if count > limit:
            allowed = False
    if not allowed:
        logger.warning("Password reset requests over the hourly limit from %s", address)
    return allowed
