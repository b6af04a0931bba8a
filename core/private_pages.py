"""Pages and downloads for a signed-in user carry team data: no browser or proxy may keep them.
Without this, after logging out on a shared machine, Back (or the browser's disk cache) still
showed the last plan. Static files never reach here (WhiteNoise answers them first)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class PrivatePagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # An error page holds no team data, and while the database is down asking who the user
        # is would fail again on the way out (the 503 page is never cached anyway).
        if response.status_code < 500 and request.user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
