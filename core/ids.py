"""Record ids typed or posted by users."""

MAX_ID_DIGITS = 18  # a 64-bit column holds every 18-digit number


def parse_id(value: object) -> int | None:
    """The id in `value`, or None for anything that cannot name a record: ASCII digits only
    ("²".isdigit() is true, int("²") fails) and short enough for a bigint column."""
    text = str(value or "")
    if text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS:
        return int(text)
    return None
