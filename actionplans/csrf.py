"""CSRF for the client's page, whose `Referrer-Policy: no-referrer` makes the browser send
`Origin: null` (and no Referer) with its forms. Django's check would refuse that origin, so the
client's two posts are exempt from the site-wide middleware and checked here instead by the same
middleware with one difference: an Origin of "null" counts as this site's. The CSRF token (the
form's, against the cookie's) is still required and compared as everywhere else, and the cookie
is SameSite=Lax, so another site still cannot post for the client."""

from django.middleware.csrf import CsrfViewMiddleware
from django.utils.decorators import decorator_from_middleware
from django.views.decorators.csrf import csrf_exempt


class NullOriginCsrfMiddleware(CsrfViewMiddleware):
    def _origin_verified(self, request) -> bool:
        return request.META.get("HTTP_ORIGIN") == "null" or super()._origin_verified(request)


_checked = decorator_from_middleware(NullOriginCsrfMiddleware)


def client_page_csrf(view):
    """The site-wide check skipped (csrf_exempt), this one applied to the view itself."""
    return csrf_exempt(_checked(view))
