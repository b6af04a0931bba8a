"""How django-axes (login throttling, configured in settings) names the caller and answers a
refused login."""

from axes.helpers import get_client_username, get_cool_off
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.middleware import duration_text


def login_locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """The answer to a login attempt refused for too many failures: a page saying for how long
    (429 Too Many Requests)."""
    pause = get_cool_off(request)
    context = {
        "username": get_client_username(request, credentials) or "",
        "pause": duration_text(pause.total_seconds()) if pause else "a while",
    }
    return render(request, "accounts/locked_out.html", context, status=429)


def forwarded_client_address(request: HttpRequest) -> str:
    """Behind the TLS proxy every request comes from the proxy: the caller is the last
    X-Forwarded-For entry, the one the proxy added (earlier ones are whatever the client sent)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-1] if hops else request.META.get("REMOTE_ADDR", "")
