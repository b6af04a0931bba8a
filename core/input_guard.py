"""A 400 for an address DialReady cannot read: control characters or broken UTF-8 in the path
or the query string.

PostgreSQL text cannot hold NUL, so a `?q=%00` that reaches a query is a 500, and SQLite would
store it. No link or form of DialReady ever produces such an address; it comes from a scanner or
a mangled paste, so one answer at the door serves every view, including those that read
`request.GET` themselves. Broken UTF-8 is refused too: Django would quietly turn it into U+FFFD
and search for that.

Only the address is read here. Posted form fields go through Django forms, whose CharField
refuses NUL with a form error beside the field (reading `request.POST` here would also parse
every upload before the view could choose how)."""

import re
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from core.middleware import add_outer_headers

MESSAGE = (
    "This address contains characters DialReady can't read. "
    "Go back and try again, or start from the home page."
)
# C0 and C1 controls and DEL. A query string may carry tab, LF and CR: a GET form's textarea
# sends its line breaks. A path never does.
_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_BAD_IN_QUERY = re.compile(f"[{_CONTROL}]")
_BAD_IN_PATH = re.compile(f"[{_CONTROL}\t\n\r]")
_BROKEN_IN_PATH = re.compile("%[89A-F][0-9A-F]")


def unreadable_text(text: str) -> bool:
    """Whether a query value holds a character the guard refuses (the tests ask too)."""
    return bool(_BAD_IN_QUERY.search(text))


def unreadable_address(request: HttpRequest) -> bool:
    return _bad_path(request) or _bad_query(request.META.get("QUERY_STRING", ""))


def _bad_path(request: HttpRequest) -> bool:
    # Django re-percent-encodes broken UTF-8 in the path ("%FF"); no DialReady URL holds a
    # percent sign, so an encoded byte above 0x7F there is one.
    return bool(_BAD_IN_PATH.search(request.path_info) or _BROKEN_IN_PATH.search(request.path_info))


def _bad_query(query_string: str) -> bool:
    # WSGI and ASGI both pass the raw query string as latin-1; separators are ASCII, so the
    # whole string decodes exactly when every key and value does.
    try:
        raw = query_string.encode("iso-8859-1")
        text = unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeError:
        return True
    return bool(_BAD_IN_QUERY.search(text))


def unreadable_address_response() -> HttpResponse:
    # An empty context: the page is answered before sessions and users are loaded.
    body = render_to_string("400_unreadable.html", {"message": MESSAGE})
    return add_outer_headers(HttpResponse(body, status=400))


class InputGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if unreadable_address(request):
            return unreadable_address_response()
        return self.get_response(request)
