"""Small server-side SVG charts: horizontal bar charts, plain or grouped, readable on a phone.

Each chart is an accessible image (role="img", a <title> and <desc> named by aria-labelledby)
and is only a picture of a data table printed under it (the table alternative, same figures).
Every text goes through format_html, so a hostile label ("<script>…") arrives as text. No
style="" attributes (the CSP forbids them): sizes and colours are SVG presentation attributes,
fonts come from static/css/metrics.css.

Why it reads on a phone: the drawing is WIDTH (360) units wide and metrics.css never shows it
wider than 30rem nor narrower than its box, so at 390 px a unit is about a pixel and no text is
under 12 px (tests/browser/test_metrics_page.py measures it). Each row's label sits on its own
line above its bar, with the value and its count ("50% · 3 of 6") at the right end of that line,
so neither is squeezed by a long label; a grouped chart (one group per month or category) has a
heading line per group, then one bar per series coloured as its legend, with the value and count
in a column right of the bars. Below the bars: an x axis with ticks and a gridline at
each tick. In a grouped chart (months), a run of groups with nothing to count is one line,
"No data Jan 2026 – May 2026", not five empty groups."""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from metrics.funnel import Ratio

WIDTH = 360
PLOT_X = 4
PLOT_W = WIDTH - PLOT_X - 12
BAR_MAX = PLOT_W
# A grouped chart keeps its values in a column right of the bars ("100% · 20 of 20").
GROUP_PLOT_W = PLOT_W - 112
LABEL_CHARS = 30
CHAR_WIDTH = 7  # a generous average for 12–13 px sans-serif, to lay out the legend
FONT = 13
SMALL_FONT = 12
TEXT_FILL = "#212529"
AXIS_FILL = "#6c757d"
GRID_FILL = "#dee2e6"
# Dark enough for 3:1 against white (WCAG non-text contrast) and told apart in the legend.
SERIES_FILLS = ("#0b5ed7", "#a34700", "#146c43", "#6f42c1")

type Value = float | int | None


@dataclass(frozen=True)
class Point:
    """A bar's value and what it counts, shown beside it: Point(50, "3 of 6") → "50% · 3 of 6"."""

    value: Value
    count: str = ""


type Datum = Point | float | int | None


def rate(ratio: Ratio) -> Point:
    """A metrics Ratio (numerator, denominator, percent) as a bar with its count beside it."""
    return Point(ratio.percent, f"{ratio.numerator} of {ratio.denominator}")


def _point(datum: Datum) -> Point:
    return datum if isinstance(datum, Point) else Point(datum)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _number(value: float | int) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _value_text(point: Point, unit: str) -> str:
    # A dash: nothing to count (the page's help says so).
    text = "—" if point.value is None else f"{_number(point.value)}{unit}"
    return f"{text} · {point.count}" if point.count else text


def _bar_width(value: Value, scale: float, plot_w: float = BAR_MAX) -> float:
    if not value or scale <= 0:
        return 0
    return round(min(value, scale) / scale * plot_w, 1)


def _ticks(values: Sequence[Value], max_value: float | None) -> tuple[float, list[float]]:
    """The scale's end and the ticks from 0 to it: 0 25 50 75 100 for rates, round steps for
    counts (1, 2, 5, 10, 20, 50 … so that there are at most five steps)."""
    if max_value is not None:
        step = max_value / 4
        return max_value, [step * i for i in range(5)]
    top = max((v for v in values if v is not None), default=0) or 1
    magnitude = 10 ** math.floor(math.log10(top))
    step = next(m * magnitude for m in (0.1, 0.2, 0.5, 1, 2, 5, 10) if top / (m * magnitude) <= 5)
    step = max(step, 1)
    end = math.ceil(top / step) * step
    return end, [step * i for i in range(int(end / step) + 1)]


def _join(parts: Sequence[SafeString]) -> SafeString:
    # Every part was built by format_html, which escaped its arguments.
    return mark_safe("".join(parts))


def _svg(
    chart_id: str, title: str, description: str, height: float, body: SafeString
) -> SafeString:
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


def _text(x: float, y: float, text: str, *, anchor="start", size=FONT, weight="", cls="") -> str:
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" dominant-baseline="middle" fill="{}" '
        'font-size="{}"{}{}>{}</text>',
        x,
        y,
        anchor,
        TEXT_FILL,
        size,
        format_html(' font-weight="{}"', weight) if weight else "",
        format_html(' class="{}"', cls) if cls else "",
        text,
    )


def _labelled_bar(
    y: float, label: str, point: Point, scale: float, unit: str, fill: str, *, bar_height: int
) -> tuple[list[SafeString], float]:
    """A label line (label left, value and count right), then the bar; returns the next y."""
    parts = [
        _text(PLOT_X, y + 8, _short(label), cls="chart-label"),
        _text(PLOT_X + PLOT_W, y + 8, _value_text(point, unit), anchor="end", cls="chart-value"),
        format_html(
            '<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
            PLOT_X,
            y + 18,
            _bar_width(point.value, scale),
            bar_height,
            fill,
        ),
    ]
    return parts, y + 18 + bar_height + 8


def _grid_and_axis(
    top: float, bottom: float, end: float, ticks: list[float], unit: str, plot_w: float = PLOT_W
):
    """Gridlines at each tick from top to the axis, the axis line, the tick labels under it."""
    parts = []
    for tick in ticks:
        x = PLOT_X + round(tick / end * plot_w, 1)
        parts.append(
            format_html(
                '<line class="grid" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" '
                'stroke-width="1"></line>',
                x,
                top,
                x,
                bottom,
                GRID_FILL,
            )
        )
        anchor = "start" if tick == ticks[0] else "end" if tick == ticks[-1] else "middle"
        parts.append(
            _text(x, bottom + 12, f"{_number(tick)}{unit}", anchor=anchor, size=SMALL_FONT)
        )
    parts.append(
        format_html(
            '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="1">'
            "</line>",
            PLOT_X,
            bottom,
            PLOT_X + plot_w,
            bottom,
            AXIS_FILL,
        )
    )
    return parts, bottom + 24


def bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[tuple[str, Datum]],
    unit: str = "",
    max_value: float | None = None,
) -> SafeString:
    """One horizontal bar per (label, value or Point); None draws no bar and a dash."""
    points = [(label, _point(datum)) for label, datum in bars]
    end, ticks = _ticks([p.value for _, p in points], max_value)
    top = 4
    bars_svg: list[SafeString] = []
    y = top
    for label, point in points:
        parts, y = _labelled_bar(y, label, point, end, unit, SERIES_FILLS[0], bar_height=16)
        bars_svg.extend(parts)
    grid, height = _grid_and_axis(top, y, end, ticks, unit)
    # The gridlines go under the bars: drawn first.
    return _svg(chart_id, title, description, height, _join([*grid, *bars_svg]))


def _collapsed(
    groups: Sequence[tuple[str, Sequence[Point]]],
) -> list[tuple[str, Sequence[Point] | None]]:
    """Runs of groups with nothing to count become one ("No data A – B", None)."""
    out: list[tuple[str, Sequence[Point] | None]] = []
    run: list[str] = []

    def close():
        if run:
            span = run[0] if len(run) == 1 else f"{run[0]} – {run[-1]}"
            out.append((f"No data {span}", None))
            run.clear()

    for label, points in groups:
        if all(p.value is None for p in points):
            run.append(label)
        else:
            close()
            out.append((label, points))
    close()
    return out


def grouped_bar_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    series: Sequence[str],
    groups: Sequence[tuple[str, Sequence[Datum]]],
    unit: str = "%",
    max_value: float | None = 100,
) -> SafeString:
    """For each (group label, values), a heading line then one labelled bar per series, with a
    legend above; runs of empty groups collapsed to one line."""
    parts: list[SafeString] = []
    legend_x, legend_y = PLOT_X, 4
    for index, name in enumerate(series):
        item_width = 24 + CHAR_WIDTH * len(_short(name))
        if legend_x > PLOT_X and legend_x + item_width > WIDTH:
            legend_x, legend_y = PLOT_X, legend_y + 20
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="12" height="12" fill="{}"></rect>',
                legend_x,
                legend_y,
                SERIES_FILLS[index % len(SERIES_FILLS)],
            )
        )
        parts.append(_text(legend_x + 16, legend_y + 6, _short(name), size=SMALL_FONT))
        legend_x += item_width
    top = legend_y + 24
    point_groups = [(label, [_point(d) for d in values]) for label, values in groups]
    end, ticks = _ticks([p.value for _, ps in point_groups for p in ps], max_value)
    bars_svg: list[SafeString] = []
    y = top
    for label, points in _collapsed(point_groups):
        if points is None:
            bars_svg.append(_text(PLOT_X, y + 10, label, cls="chart-empty"))
            y += 28
            continue
        bars_svg.append(_text(PLOT_X, y + 8, _short(label), weight="600", cls="chart-group"))
        y += 18
        for index, point in enumerate(points):
            fill = SERIES_FILLS[index % len(SERIES_FILLS)]
            bars_svg.append(
                format_html(
                    '<rect class="bar" x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
                    PLOT_X,
                    y,
                    _bar_width(point.value, end, GROUP_PLOT_W),
                    12,
                    fill,
                )
            )
            bars_svg.append(
                _text(WIDTH - 12, y + 6, _value_text(point, unit), anchor="end", cls="chart-value")
            )
            y += 17
        y += 8
    grid, height = _grid_and_axis(top, y, end, ticks, unit, GROUP_PLOT_W)
    return _svg(chart_id, title, description, height, _join([*parts, *grid, *bars_svg]))
