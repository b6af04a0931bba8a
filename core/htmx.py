"""What an htmx answer tells the page once it is swapped in: where the keyboard focus goes and
what the live region says (static/js/focus.js does both, on every page).

A view states it in one line: `return done(response, focus="#objection-12", say="Objection saved")`.
It travels as an `HX-Trigger-After-Settle` header ({"dr:done": {"focus": …, "say": …}}), so it
acts after htmx has settled the new markup and the element named exists."""

from collections.abc import Sequence

from django.http import HttpResponse
from django_htmx.http import trigger_client_event

EVENT = "dr:done"


def done(response: HttpResponse, *, focus: str = "", say: str = "") -> HttpResponse:
    """Ask the page to focus the element `focus` (a CSS selector) and announce `say`."""
    params = {key: value for key, value in (("focus", focus), ("say", say)) if value}
    if not params:
        return response
    return trigger_client_event(response, EVENT, params, after="settle")


def after_removal(ids: Sequence[int], removed: int) -> int | None:
    """The row the focus moves to when `removed` leaves the list `ids` (in page order): the one
    after it, else the one before it, else None (the list is empty)."""
    rest = list(ids)
    if removed not in rest:
        return rest[0] if rest else None
    index = rest.index(removed)
    rest.pop(index)
    if not rest:
        return None
    return rest[min(index, len(rest) - 1)]
