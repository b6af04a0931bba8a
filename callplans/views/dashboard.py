from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.types import AuthedRequest
from callplans.selectors.dashboard import dashboard_for
from config.pagecache import cached_page, scopes_for_user

# Interviews move from "upcoming" to "due" as the clock passes them: a minute late at most.
DASHBOARD_SECONDS = 60


@require_GET
def dashboard(request: AuthedRequest):
    """The dashboard, "closest to the money" first: calls due, interviews, job orders to finish."""
    return cached_page(
        request,
        lambda: render(
            request, "callplans/dashboard.html", {"dashboard": dashboard_for(request.user)}
        ),
        scopes=scopes_for_user(request.user),
        seconds=DASHBOARD_SECONDS,
    )
