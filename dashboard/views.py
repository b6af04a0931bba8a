from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.types import AuthedRequest
from dashboard.selectors import dashboard_for


@require_GET
def dashboard(request: AuthedRequest):
    """The dashboard, "closest to the money" first: calls due, interviews, job orders to finish."""
    return render(request, "dashboard/dashboard.html", {"dashboard": dashboard_for(request.user)})
