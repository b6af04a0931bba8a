"""One cell to one value, or the reason it cannot be stored (pure: no database).

Text: surrounding spaces go; a NUL is refused; a cell that starts with "=", "@", or "+"/"-"
followed by something other than a number or phone number is a spreadsheet formula
(`=HYPERLINK(…)`, `@SUM(…)`, `-2+3`): it is refused, never stored and never run, so a file
cannot plant a formula that runs when someone opens DialReady's own CSV downloads later.

Dates: 2024-03-31 (ISO, also with a time), 03/31/2024 (US month first, as Bullhorn and
OpenCATS write them), 31.03.2024 (day first, with dots), 2024-03 (a month: its first day),
and Bullhorn's timestamps in milliseconds since 1970.

Years of experience: "5", "5.5", "5,5", "5+", "5 years", "5 yrs", "five" (up to twenty),
"<1" (half a year); 0 to 60."""

import datetime
import re
from decimal import Decimal, InvalidOperation


class CellProblem(ValueError):
    """Why a cell cannot be stored, in words for the preview."""


_NUMBERISH = re.compile(r"^[+-][\d\s().,/-]*$")


def clean_text(value: str, *, max_length: int | None = None) -> str:
    if "\x00" in value:
        raise CellProblem("holds a NUL character, which DialReady cannot store")
    text = value.strip()
    if text[:1] in ("=", "@") or (text[:1] in ("+", "-") and not _NUMBERISH.match(text)):
        raise CellProblem(
            f"starts with “{text[:1]}”, so it is a spreadsheet formula: DialReady stores text "
            "only and never runs formulas. Replace the formula by its value and import again"
        )
    if max_length is not None and len(text) > max_length:
        raise CellProblem(f"is {len(text)} characters long; at most {max_length} fit")
    return text


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_US = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?: [\d:]+(?: ?[AP]M)?)?$", re.IGNORECASE)
_DOTS = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_EPOCH_MS = re.compile(r"^\d{11,13}$")
DATE_FORMATS = "2024-03-31, 03/31/2024 or 31.03.2024"


def parse_date(value: str) -> datetime.date | None:
    text = value.strip()
    if not text:
        return None
    try:
        if match := _ISO.match(text):
            year, month, day = match.groups()
        elif match := _MONTH.match(text):
            year, month, day = (*match.groups(), "1")
        elif match := _US.match(text):
            month, day, year = match.groups()
        elif match := _DOTS.match(text):
            day, month, year = match.groups()
        elif _EPOCH_MS.match(text):
            moment = datetime.datetime.fromtimestamp(int(text) / 1000, tz=datetime.UTC)
            return moment.date()
        else:
            raise CellProblem(f"is not a date: write it as {DATE_FORMATS}")
        return datetime.date(int(year), int(month), int(day))
    except (ValueError, OverflowError, OSError):
        raise CellProblem(f"is not a real date: write it as {DATE_FORMATS}") from None


_WORDS = {
    word: number
    for number, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_YEARS = re.compile(
    r"^(?P<n>\d+(?:[.,]\d+)?|[a-z]+)\s*\+?\s*(?:years?|yrs?|y)?\.?\s*\+?$", re.IGNORECASE
)


def parse_years(value: str) -> Decimal | None:
    text = value.strip().casefold()
    if not text:
        return None
    if text in ("<1", "< 1", "less than 1", "under 1"):
        return Decimal("0.5")
    match = _YEARS.match(text)
    if match is None:
        raise CellProblem("is not a number of years: write 5, 5.5, 5+ or five")
    number = match["n"]
    if number in _WORDS:
        years = Decimal(_WORDS[number])
    else:
        try:
            years = Decimal(number.replace(",", "."))
        except InvalidOperation:
            raise CellProblem("is not a number of years: write 5, 5.5, 5+ or five") from None
    if years > 60:
        raise CellProblem("is more than 60 years")
    return years.quantize(Decimal("0.1"))


def parse_decimal(value: str, *, what: str = "an amount") -> Decimal | None:
    text = re.sub(r"[\s$€£,]|/h(?:ou)?r$|per hour$", "", value.strip(), flags=re.IGNORECASE)
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise CellProblem(f"is not {what}: write a number such as 85 or 85.50") from None
    if amount < 0 or not amount.is_finite():
        raise CellProblem(f"is not {what} DialReady can store (negative or unreadable)")
    return amount


def parse_int(value: str, *, what: str = "a whole number") -> int | None:
    text = value.strip()
    if not text:
        return None
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise CellProblem(f"is not {what}") from None
    if number != number.to_integral_value() or number < 0 or number > 32767:
        raise CellProblem(f"is not {what} between 0 and 32767")
    return int(number)


_SKILL_SPLIT = re.compile(r"[;,\n|]")
_SKILL_YEARS = re.compile(
    r"^(?P<name>.+?)\s*(?:[:=–-]\s*|\(\s*|\s+)(?P<years>(?:\d+(?:[.]\d+)?|[a-z]+)\s*\+?\s*"
    r"(?:years?|yrs?|y)?\.?\s*\+?)\s*\)?$",
    re.IGNORECASE,
)


def parse_skills(value: str) -> list[tuple[str, Decimal | None]]:
    """ "Python (5), Kafka: 3 yrs; SQL" → [("Python", 5), ("Kafka", 3), ("SQL", None)]."""
    found: dict[str, tuple[str, Decimal | None]] = {}
    for part in _SKILL_SPLIT.split(value):
        part = part.strip()
        if not part:
            continue
        name, years = part, None
        match = _SKILL_YEARS.match(part)
        if match:
            try:
                years = parse_years(match["years"])
                name = match["name"].strip()
            except CellProblem:
                name, years = part, None  # "Visual Basic" is a name, not 'Basic' years
        name = " ".join(name.split())
        if len(name) > 80:
            raise CellProblem(f"names a skill of {len(name)} characters; at most 80 fit")
        found.setdefault(name.casefold(), (name, years))
    return list(found.values())
