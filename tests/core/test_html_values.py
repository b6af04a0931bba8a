"""The filters for machine-read values: `<time datetime>` in ISO 8601 with whole seconds, and
`tel:` links in E.164."""

import datetime

import pytest
from django.template import Context, Template

from core.phone import e164


@pytest.mark.parametrize(
    ("typed", "dialled"),
    [
        ("+1 512 555 0147", "+15125550147"),
        ("(512) 555-0147", "+15125550147"),
        ("1-512-555-0147", "+15125550147"),
        ("512.555.0147 x12", "+15125550147;ext=12"),
        ("+44 (0)20 7946 0958", "+442079460958"),
        ("0044 20 7946 0958", "+442079460958"),
        ("555 0147", "5550147"),
        ("", ""),
        (None, ""),
        ("call the desk", ""),
    ],
)
def test_phone_numbers_become_e164(typed, dialled):
    assert e164(typed) == dialled


def render(source, **context):
    return Template("{% load html_values %}" + source).render(Context(context))


def test_iso_writes_whole_seconds_in_the_current_time_zone(settings):
    settings.TIME_ZONE = "UTC"
    when = datetime.datetime(2026, 12, 2, 21, 7, 59, 711723, tzinfo=datetime.UTC)
    assert render("{{ when|iso }}", when=when) == "2026-12-02T21:07:59+00:00"
    assert render("{{ day|iso }}", day=datetime.date(2026, 12, 2)) == "2026-12-02"
    assert render("{{ nothing|iso }}", nothing=None) == ""


def test_tel_links_carry_the_e164_number():
    html = render('<a href="tel:{{ phone|e164 }}">{{ phone }}</a>', phone="+1 512 555 0166")
    assert html == '<a href="tel:+15125550166">+1 512 555 0166</a>'


def test_no_template_or_form_writes_a_bare_hx_attribute():
    """htmx attributes are written data-hx-*: the W3C checker rejects hx-* (a fast guard for
    machines without the checker; the browser walk checks the rendered pages)."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    bare = re.compile(r"""(?<![-\w])hx-[a-z-]+\s*=|["']hx-[a-z-]+["']\s*:""")
    sources = [
        *root.glob("templates/**/*.html"),
        *root.glob("*/forms.py"),
        *root.glob("*/widgets.py"),
    ]
    found = [
        f"{path.relative_to(root)}:{number}: {line.strip()[:100]}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if bare.search(line)
    ]
    assert found == [], "write data-hx-* instead:\n" + "\n".join(found)
