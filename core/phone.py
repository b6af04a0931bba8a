"""Phone numbers as typed ("+1 512 555 0147", "(512) 555-0147") to E.164 ("+15125550147") for
`tel:` links, which allow no spaces or brackets. No number is rejected: the typed form stays what
people see; only the link's target is normalized."""

import re

# The firm dials from North America: a ten-digit number without a country code is +1.
DEFAULT_COUNTRY_CODE = "1"
_EXTENSION = re.compile(r"\s*(?:;?ext\.?=?|x|#)\s*(\d+)\s*$", re.IGNORECASE)


def e164(phone: str | None) -> str:
    """The number in E.164 with any extension as `;ext=N` (RFC 3966), or "" without digits."""
    text = (phone or "").strip()
    extension = ""
    found = _EXTENSION.search(text)
    if found:
        extension = f";ext={found.group(1)}"
        text = text[: found.start()]
    if text.startswith("+"):
        text = text.replace("(0)", "")  # "+44 (0)20 ...": the trunk zero is not dialled from abroad
    digits = re.sub(r"\D", "", text)
    if not digits:
        return ""
    if text.startswith("+"):
        number = digits
    elif text.startswith("00"):
        number = digits[2:]
    elif len(digits) == 10:
        number = DEFAULT_COUNTRY_CODE + digits
    elif len(digits) == 11 and digits.startswith(DEFAULT_COUNTRY_CODE):
        number = digits
    else:
        return digits + extension  # a local number: dialled as it stands
    return f"+{number}{extension}"
