"""Cursor pagination by id: a page is `WHERE id > last ORDER BY id LIMIT n+1`, so a page costs
the same however deep it is, and records written while a client pages never shift it."""

import base64
import binascii

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


def encode_cursor(pk: int) -> str:
    return base64.urlsafe_b64encode(f"after:{pk}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, value = text.partition(":")
        pk = int(value)
        if kind != "after" or not 0 <= pk < 2**63 or not value.isdigit():
            raise ValueError
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise ValidationError({"cursor": "This cursor is not one this API gave out."}) from None
    return pk


def checked_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationError({"limit": f"Ask for 1 to {MAX_LIMIT} records a page."})
    return limit


def page_of(queryset: QuerySet, *, cursor: str | None, limit: int) -> tuple[list, str | None]:
    """The rows of one page, and the cursor of the next (None on the last)."""
    if cursor:
        queryset = queryset.filter(pk__gt=decode_cursor(cursor))
    rows = list(queryset.order_by("pk")[: limit + 1])
    if len(rows) > limit:
        return rows[:limit], encode_cursor(rows[limit - 1].pk)
    return rows, None
