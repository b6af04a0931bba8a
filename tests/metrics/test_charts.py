"""The server-drawn SVG charts: accessible, escaped, no inline styles."""

import re
import xml.etree.ElementTree as ET

from metrics.charts import BAR_MAX, Point, bar_chart, grouped_bar_chart

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


def bars(root):
    return [float(r.get("width")) for r in root.iter(f"{SVG}rect") if r.get("class") == "bar"]


def texts_of(root, cls):
    return [t.text for t in root.iter(f"{SVG}text") if t.get("class") == cls]


def test_bars_are_drawn_to_scale_and_missing_values_show_a_dash():
    root = ET.fromstring(simple())
    assert bars(root) == [BAR_MAX / 2, 0]
    assert texts_of(root, "chart-label") == ["Rehearsed", "Neither"]
    assert texts_of(root, "chart-value") == ["50%", "—"]


def test_a_rate_shows_its_count_beside_it():
    root = ET.fromstring(simple(bars=[("Rehearsed", Point(50, "3 of 6"))]))
    assert texts_of(root, "chart-value") == ["50% · 3 of 6"]


def test_a_rate_chart_has_an_axis_with_ticks_and_a_gridline_at_each():
    root = ET.fromstring(simple())
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("class") is None]
    assert ticks == ["0%", "25%", "50%", "75%", "100%"]
    assert len([g for g in root.iter(f"{SVG}line") if g.get("class") == "grid"]) == 5
    assert len([g for g in root.iter(f"{SVG}line") if g.get("class") == "axis"]) == 1


def test_a_count_chart_has_round_ticks_up_past_the_longest_bar():
    root = ET.fromstring(simple(bars=[("a", 3), ("b", 7)], unit="", max_value=None))
    ticks = [t.text for t in root.iter(f"{SVG}text") if t.get("class") is None]
    assert ticks == ["0", "2", "4", "6", "8"]
    assert bars(root) == [round(3 / 8 * BAR_MAX, 1), round(7 / 8 * BAR_MAX, 1)]


def test_no_chart_text_is_smaller_than_12_units_in_a_360_unit_drawing():
    root = ET.fromstring(simple())
    assert root.get("viewBox").split()[2] == "360"
    assert min(int(t.get("font-size")) for t in root.iter(f"{SVG}text")) >= 12


def test_a_run_of_empty_months_is_one_line_saying_so():
    svg = grouped_bar_chart(
        chart_id="m",
        title="By month",
        description="d",
        series=["a", "b"],
        groups=[
            ("Jan 2026", [None, None]),
            ("Feb 2026", [None, None]),
            ("Mar 2026", [None, None]),
            ("Apr 2026", [Point(50, "1 of 2"), None]),
            ("May 2026", [None, None]),
        ],
    )
    root = ET.fromstring(svg)
    assert texts_of(root, "chart-empty") == ["No data Jan 2026 – Mar 2026", "No data May 2026"]
    assert texts_of(root, "chart-group") == ["Apr 2026"]
    assert len(bars(root)) == 2
    assert texts_of(root, "chart-value") == ["50% · 1 of 2", "—"]


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
    assert len(bars(root)) == 6


def test_charts_use_no_inline_style_which_the_csp_would_block():
    svg = simple() + grouped_bar_chart(
        chart_id="c3", title="t", description="d", series=["a"], groups=[("g", [1])]
    )
    assert not re.search(r"\sstyle=", svg)
