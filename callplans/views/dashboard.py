from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.types import AuthedRequest


@require_GET
def dashboard(request: AuthedRequest):
    return render(request, "callplans/dashboard.html")
