"""For the fuzz tests: a query with a control character or broken UTF-8 is refused by the input
guard with its explanation, before any view runs (core/input_guard.py)."""

from core.input_guard import MESSAGE, unreadable_text


def refused_as_unreadable(response, *values) -> bool:
    """True when one of `values` is unreadable, after checking the guard answered it properly."""
    if not any(unreadable_text(str(v)) for v in values if v is not None):
        return False
    assert response.status_code == 400
    assert MESSAGE.replace("'", "&#x27;") in response.content.decode() or MESSAGE in (
        response.content.decode()
    )
    return True
