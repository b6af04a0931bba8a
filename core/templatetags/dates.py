"""{{ x|when }}, {{ x|day }}, {{ x|month }}, {{ d|duration }}: the one way pages write dates
(core/dates.py says the formats). A built-in library (config/settings.py TEMPLATES), so no
template needs to load it and no template writes a |date:"…" format of its own
(tests/core/test_dates.py refuses one)."""

from django import template

from core.dates import format_day, format_duration, format_month, format_when

register = template.Library()


@register.filter(expects_localtime=False)
def when(value, arg=""):
    """An instant: "Thu 19 Nov 2026, 15:00"; `when:"zone"` adds the zone's name ("15:00 CET")."""
    return format_when(value, zone=arg == "zone")


@register.filter(expects_localtime=False)
def day(value):
    return format_day(value)


@register.filter(expects_localtime=False)
def month(value):
    return format_month(value)


@register.filter
def duration(value):
    return format_duration(value)
