"""One way to write a date: the |when |day |month |duration filters, and no page writing its own."""

import datetime
import re
import zoneinfo
from pathlib import Path

from django.template import Context, Template
from django.utils import timezone

from core.dates import format_day, format_duration, format_month, format_when

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
AT = datetime.datetime(2026, 11, 19, 14, 0, tzinfo=datetime.UTC)
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def render(text, **context):
    return Template(text).render(Context(context))


def test_an_instant_reads_day_date_and_time_in_the_current_zone():
    with timezone.override(BERLIN):
        assert format_when(AT) == "Thu 19 Nov 2026, 15:00"
        assert format_when(AT, zone=True) == "Thu 19 Nov 2026, 15:00 CET"
    with timezone.override(zoneinfo.ZoneInfo("America/New_York")):
        assert format_when(AT) == "Thu 19 Nov 2026, 09:00"


def test_a_day_is_the_local_day_of_an_instant():
    late = datetime.datetime(2026, 11, 19, 23, 30, tzinfo=datetime.UTC)
    with timezone.override(BERLIN):
        assert format_day(late) == "Fri 20 Nov 2026"
    assert format_day(datetime.date(2026, 3, 4)) == "Wed 4 Mar 2026"
    assert format_month(datetime.date(2026, 3, 4)) == "Mar 2026"


def test_durations_read_as_minutes_hours_or_days():
    assert format_duration(datetime.timedelta(minutes=45)) == "45 min"
    assert format_duration(datetime.timedelta(hours=2, minutes=5)) == "2 h 5 min"
    assert format_duration(datetime.timedelta(hours=3)) == "3 h"
    assert format_duration(datetime.timedelta(days=1)) == "1 day"
    assert format_duration(datetime.timedelta(days=3, hours=2)) == "3 days"


def test_the_filters_need_no_load_and_leave_a_missing_value_to_default():
    with timezone.override(BERLIN):
        text = render(
            "{{ at|when }} | {{ at|day }} | {{ none|when|default:'—' }} | {{ d|duration }}",
            at=AT,
            none=None,
            d=datetime.timedelta(minutes=90),
        )
    assert text == "Thu 19 Nov 2026, 15:00 | Thu 19 Nov 2026 | — | 1 h 30 min"


def test_no_template_writes_a_date_format_of_its_own():
    own = [
        f"{path.relative_to(TEMPLATES)}:{n}"
        for kind in ("*.html", "*.txt")  # pages and e-mails
        for path in TEMPLATES.rglob(kind)
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"\|(date|time)(:|\s*}})", line)
    ]
    assert own == []
