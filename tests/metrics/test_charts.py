"""The server-drawn SVG charts: accessible, escaped, no inline styles."""

import re
import xml.etree.ElementTree as ET

from metrics.charts import BAR_MAX, bar_chart, grouped_bar_chart

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = '<script>alert("x")</script>'


def simple(**overrides):
    return bar_chart(
        **{
            "chart_id": "c1",
            "title": "Interview → offer",
            "description": "Data in the table below.",
            "bars": [("Rehearsed", 50), ("Neither", None)],
            "unit": "%",
            "max_value": 100,
            **overrides,
        }
    )


def test_a_chart_is_an_image_named_by_its_title_and_description():
    root = ET.fromstring(simple())
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "Interview → offer"
    assert root.find(f"{SVG}title").get("id") == "c1-title"
    assert root.find(f"{SVG}desc").get("id") == "c1-desc"


def test_bars_are_drawn_to_scale_and_missing_values_show_a_dash():
    root = ET.fromstring(simple())
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert widths == [BAR_MAX / 2, 0]
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert texts == ["Rehearsed", "50%", "Neither", "—"]


def test_without_a_maximum_the_longest_bar_fills_the_width():
    root = ET.fromstring(simple(bars=[("a", 3), ("b", 6)], unit="", max_value=None))
    assert [float(r.get("width")) for r in root.iter(f"{SVG}rect")] == [BAR_MAX / 2, BAR_MAX]


def test_hostile_labels_and_titles_are_escaped():
    svg = simple(title=HOSTILE, bars=[(HOSTILE, 10)])
    assert "<script>" not in svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in svg
    root = ET.fromstring(svg)  # still well-formed
    assert root.find(f"{SVG}title").text == HOSTILE


def test_a_grouped_chart_has_a_legend_and_one_bar_per_series():
    svg = grouped_bar_chart(
        chart_id="c2",
        title="Offer rate",
        description="Data in the table below.",
        series=["Raised and anticipated", "Raised, not anticipated", HOSTILE],
        groups=[("Skill the candidate lacks", [100, 0, None]), (HOSTILE, [50, 25, 10])],
    )
    assert "<script>" not in svg
    root = ET.fromstring(svg)
    texts = [text.text for text in root.iter(f"{SVG}text")]
    assert texts[:3] == ["Raised and anticipated", "Raised, not anticipated", HOSTILE]
    assert "Skill the candidate lacks" in texts
    assert len(list(root.iter(f"{SVG}rect"))) == 3 + 6  # legend keys + bars


def test_charts_use_no_inline_style_which_the_csp_would_block():
    svg = simple() + grouped_bar_chart(
        chart_id="c3", title="t", description="d", series=["a"], groups=[("g", [1])]
    )
    assert not re.search(r"\sstyle=", svg)
