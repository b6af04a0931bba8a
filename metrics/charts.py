"""Small server-side SVG charts: horizontal bar charts, plain or grouped.

Each chart is an accessible image (role="img", a <title> and <desc> named by aria-labelledby)
and is only a picture of a data table printed under it. Every text goes through format_html, so
a hostile label ("<script>…") arrives as text. No style="" attributes (the CSP forbids them):
sizes and colours are SVG presentation attributes, fonts come from static/css/metrics.css."""

from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
LABEL_WIDTH = 240
BAR_X = LABEL_WIDTH + 10
BAR_MAX = 320
LABEL_CHARS = 32
CHAR_WIDTH = 7.5  # a generous average for 12–13 px sans-serif, to lay out the legend
TEXT_FILL = "#212529"
AXIS_FILL = "#6c757d"
# Dark enough for 3:1 against white (WCAG non-text contrast) and told apart in the legend.
SERIES_FILLS = ("#0b5ed7", "#a34700", "#146c43", "#6f42c1")

type Value = float | int | None


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _value_text(value: Value, unit: str) -> str:
    if value is None:
        return "—"  # nothing to count (the page's help says so)
    number = f"{value:g}" if isinstance(value, float) else str(value)
    return f"{number}{unit}"


def _bar_width(value: Value, scale: float) -> float:
    if not value or scale <= 0:
        return 0
    return round(min(value, scale) / scale * BAR_MAX, 1)


def _scale(values: Sequence[Value], max_value: float | None) -> float:
    if max_value is not None:
        return max_value
    return max((v for v in values if v is not None), default=0) or 1


def _join(parts: Sequence[SafeString]) -> SafeString:
    # Every part was built by format_html, which escaped its arguments.
    return mark_safe("".join(parts))


def _svg(chart_id: str, title: str, description: str, height: int, body: SafeString) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="metrics-chart" role="img" '
        'viewBox="0 0 {} {}" width="100%" aria-labelledby="{}-title {}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        body,
    )


def _row_label(y: float, label: str) -> SafeString:
    return format_html(
        '<text x="{}" y="{}" text-anchor="end" dominant-baseline="middle" fill="{}" '
        'font-size="13">{}</text>',
        LABEL_WIDTH,
        y,
        TEXT_FILL,
        _short(label),
    )


def _bar(y: float, height: int, value: Value, scale: float, unit: str, fill: str) -> SafeString:
    width = _bar_width(value, scale)
    return format_html(
        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
        '<text x="{}" y="{}" dominant-baseline="middle" fill="{}" font-size="12">{}</text>',
        BAR_X,
        y,
        width,
        height,
        fill,
        BAR_X + width + 6,
        y + height / 2,
        TEXT_FILL,
        _value_text(value, unit),
    )


def _axis(top: int, bottom: int) -> SafeString:
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1"></line>',
        BAR_X,
        top,
        BAR_X,
        bottom,
        AXIS_FILL,
    )


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[tuple[str, Value]],
    unit: str = "",
    max_value: float | None = None,
) -> SafeString:
    """One horizontal bar per (label, value); None draws no bar and a dash."""
    row, bar_height, top = 28, 18, 8
    scale = _scale([value for _, value in bars], max_value)
    parts = []
    for index, (label, value) in enumerate(bars):
        y = top + index * row
        parts.append(_row_label(y + bar_height / 2, label))
        parts.append(_bar(y, bar_height, value, scale, unit, SERIES_FILLS[0]))
    height = top * 2 + max(len(bars), 1) * row
    parts.append(_axis(top, height - top))
    return _svg(chart_id, title, description, height, _join(parts))


def grouped_bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    series: Sequence[str],
    groups: Sequence[tuple[str, Sequence[Value]]],
    unit: str = "%",
    max_value: float | None = 100,
) -> SafeString:
    """For each (group label, values), one bar per series, with a legend above."""
    bar_height, bar_gap, group_gap = 14, 3, 14
    scale = _scale([v for _, values in groups for v in values], max_value)
    parts = []
    legend_x, legend_y = BAR_X, 6
    for index, name in enumerate(series):
        item_width = 24 + CHAR_WIDTH * len(_short(name))
        if legend_x > BAR_X and legend_x + item_width > WIDTH:
            legend_x, legend_y = BAR_X, legend_y + 18
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"></rect>'
                '<text x="{}" y="{}" dominant-baseline="middle" fill="{}" font-size="12">{}</text>',
                legend_x,
                legend_y,
                SERIES_FILLS[index % len(SERIES_FILLS)],
                legend_x + 16,
                legend_y + 6,
                TEXT_FILL,
                _short(name),
            )
        )
        legend_x += item_width
    legend_height = legend_y + 22
    group_height = len(series) * (bar_height + bar_gap)
    y = legend_height
    for label, values in groups:
        parts.append(_row_label(y + group_height / 2, label))
        for index, value in enumerate(values):
            fill = SERIES_FILLS[index % len(SERIES_FILLS)]
            parts.append(
                _bar(y + index * (bar_height + bar_gap), bar_height, value, scale, unit, fill)
            )
        y += group_height + group_gap
    height = max(y, legend_height + group_height) + 4
    parts.append(_axis(legend_height, height - 4))
    return _svg(chart_id, title, description, height, _join(parts))
