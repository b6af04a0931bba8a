"""One way to write a date and a time on every page, PDF and message.

- an instant: "Thu 19 Nov 2026, 15:00" (`when`), in the current time zone: the signed-in
  user's (accounts.middleware.UserTimeZoneMiddleware), else the firm's (settings.TIME_ZONE);
- a day: "Thu 19 Nov 2026" (`day`); a datetime given is first turned into its local day;
- a month: "Nov 2026" (`month`), for what is known to the month (an engagement's start);
- a length of time: "45 min", "2 h 5 min", "3 days" (`duration`).
The year is always written: a page read in January must not make "Mon 30 Dec" ambiguous, and a
test written in one year passes in the next. Machines read `|iso` (core/templatetags/html_values).
CSV files keep ISO dates (2026-11-19): spreadsheets sort them."""

import datetime

from django.utils import timezone


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def format_day(value: datetime.date | datetime.datetime | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value).date()
    return f"{value:%a} {value.day} {value:%b %Y}"


def format_when(value: datetime.datetime | datetime.date | None, *, zone: bool = False) -> str:
    if value is None or value == "":
        return ""
    if not isinstance(value, datetime.datetime):
        return format_day(value)
    local = _local(value)
    text = f"{format_day(local)}, {local:%H:%M}"
    if zone and local.tzinfo is not None:
        text += f" {local.tzname()}"
    return text


def format_month(value: datetime.date | None) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        value = _local(value).date()
    return f"{value:%b %Y}"


def format_duration(value: datetime.timedelta | None) -> str:
    if value is None or value == "":
        return ""
    minutes = round(value.total_seconds() / 60)
    if minutes < 0:
        return "-" + format_duration(-value)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 24 * 60:
        hours, rest = divmod(minutes, 60)
        return f"{hours} h {rest} min" if rest else f"{hours} h"
    days = round(minutes / (24 * 60))
    return f"{days} day{'' if days == 1 else 's'}"
