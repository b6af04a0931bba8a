"""A friendly 503 instead of a stack trace while the database is unreachable.

Django turns an exception into a 500 response at every middleware layer, so an error raised by the
session or auth middleware (which load the session and the user before any view runs) never
reaches an outer middleware as an exception. `got_request_exception` fires for each of those
with the exception still being handled: the receiver marks the request, and the middleware swaps
the 500 for the 503 page on the way out. Errors from the view itself arrive in `process_exception`
and are answered directly.

The page renders from a plain template with an empty context: no request, no context processors,
no `user`, so it cannot touch the database it is reporting on."""

import contextlib
import logging
import sys
from collections.abc import Callable

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.csp import CSP, build_policy

logger = logging.getLogger(__name__)

MESSAGE = (
    "DialReady can't reach its database right now. Your last saved work is safe; "
    "try again in a minute."
)
RETRY_AFTER_SECONDS = 10
_MARK = "_dialready_database_error"
# Where Django opens a connection: a DatabaseError raised under these is "can't reach it".
_CONNECTING = frozenset({"connect", "ensure_connection", "get_new_connection"})


def is_database_unavailable(exc: BaseException | None) -> bool:
    """True for errors that mean the database is out of reach rather than a query is wrong."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, OperationalError | InterfaceError):
            return True
        if isinstance(exc, DatabaseError) and _raised_while_connecting(exc):
            return True
        exc, seen = exc.__cause__, seen + 1
    return False


def _raised_while_connecting(exc: BaseException) -> bool:
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_name in _CONNECTING and "django/db/backends" in code.co_filename:
            return True
        tb = tb.tb_next
    return False


def _mark_request(sender: object, request: HttpRequest | None = None, **kwargs: object) -> None:
    exc = sys.exception()
    if request is not None and is_database_unavailable(exc):
        setattr(request, _MARK, exc)


got_request_exception.connect(_mark_request, dispatch_uid="dialready-database-unavailable")


def database_unavailable_response(path: str = "/") -> HttpResponse:
    try:
        body = render_to_string("503.html", {"request_path": path})
        content_type = "text/html; charset=utf-8"
    except Exception:
        # A missing static manifest entry, say: the message matters more than the styling.
        logger.exception("The 503 page could not be rendered; answering in plain text")
        body, content_type = MESSAGE, "text/plain; charset=utf-8"
    response = HttpResponse(body, status=503, content_type=content_type)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return add_outer_headers(response)


def add_outer_headers(response: HttpResponse) -> HttpResponse:
    """The headers of the inner middleware, for a response answered before they run."""
    if settings.SECURE_CSP:
        response[str(CSP.HEADER_ENFORCE)] = build_policy(settings.SECURE_CSP)
    response["X-Frame-Options"] = "DENY"
    return response


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        exc = getattr(request, _MARK, None)
        if exc is None:
            return response
        return self._answer(request, exc)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_unavailable(exception):
            return None
        return self._answer(request, exception)

    @staticmethod
    def _answer(request: HttpRequest, exc: BaseException) -> HttpResponse:
        # The cause is enough: a refused connection has no interesting traceback.
        logger.error(
            "Database unavailable, answered 503 to %s %s: %s", request.method, request.path, exc
        )
        # A broken persistent connection is dropped now, so the first request after the
        # database returns opens a fresh one (request_finished does this too; being explicit
        # costs nothing on a connection that is already closed). close() forgets the connection
        # even when closing it fails.
        for connection in connections.all(initialized_only=True):
            with contextlib.suppress(DatabaseError):
                connection.close_if_unusable_or_obsolete()
        return database_unavailable_response(request.get_full_path())
