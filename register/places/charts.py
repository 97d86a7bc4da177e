"""Geometry of the yearly prisoner-figure bar chart drawn as inline SVG on the place page.

Pure functions: they take (year, prisoners) pairs and return coordinates in SVG user units, so the
template needs no arithmetic and the page no JavaScript. A year whose figure is None ("no figure" in
the source, which in the Memorial data includes its 0) gets a marker, never a zero-height bar.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

WIDTH, HEIGHT = 720, 260
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 64, 12, 12, 28
NO_FIGURE_HEIGHT = 6


@dataclass(frozen=True)
class Bar:
    """One year's slot: a bar (value given) or a "no figure" marker (value None)."""

    year: int
    value: int | None
    x: float
    y: float
    width: float
    height: float
    label_x: float
    show_label: bool


@dataclass(frozen=True)
class Tick:
    """A horizontal grid line of the value axis at `y` for `value` prisoners."""

    value: int
    y: float


@dataclass
class BarChart:
    """Everything the template draws: canvas size, plot area, bars and value-axis ticks."""

    width: int
    height: int
    plot_left: int
    plot_right: int
    baseline: float
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    first_year: int = 0
    last_year: int = 0
    peak: Bar | None = None


def nice_step(maximum: float, target_ticks: int = 4) -> int:
    """A round tick step (1, 2 or 5 times a power of ten) giving about `target_ticks` grid lines."""
    if maximum <= 0:
        return 1
    raw = maximum / target_ticks
    power = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 5, 10):
        if raw <= multiple * power:
            return max(1, int(multiple * power))
    return max(1, int(10 * power))


def prisoner_chart(figures: Iterable[tuple[int, int | None]]) -> BarChart | None:
    """Build the chart for (year, prisoners) pairs; None when there are no years at all.

    Years between the first and last are all given a slot, so gaps in the record stay visible.
    When a year occurs twice, the first non-None value wins (a place has one figure a year).
    """
    values: dict[int, int | None] = {}
    for year, prisoners in figures:
        if values.get(year) is None:
            values[year] = prisoners
    if not values:
        return None
    first, last = min(values), max(values)
    known = [value for value in values.values() if value is not None]
    step = nice_step(max(known, default=0))
    top = step * max(1, math.ceil(max(known, default=0) / step))
    chart = BarChart(
        WIDTH,
        HEIGHT,
        MARGIN_LEFT,
        WIDTH - MARGIN_RIGHT,
        HEIGHT - MARGIN_BOTTOM,
        first_year=first,
        last_year=last,
    )
    plot_height = chart.baseline - MARGIN_TOP
    chart.ticks = [
        Tick(value, round(chart.baseline - plot_height * value / top, 2)) for value in range(0, top + 1, step)
    ]
    chart.bars = _bars(values, first, last, chart, top)
    with_value = [bar for bar in chart.bars if bar.value is not None]
    chart.peak = max(with_value, key=lambda bar: bar.value, default=None)
    return chart


def _labelled(year: int, first: int, last: int, every: int) -> bool:
    """Label every `every`-th year from the first, and the last year unless it would crowd the one before."""
    offset = year - first
    return offset % every == 0 or (year == last and offset % every >= min(3, every))


def _bars(values: dict[int, int | None], first: int, last: int, chart: BarChart, top: int) -> list[Bar]:
    slots = last - first + 1
    slot = (chart.plot_right - chart.plot_left) / slots
    label_every = 1 if slots <= 16 else 5
    plot_height = chart.baseline - MARGIN_TOP
    bars = []
    for year in range(first, last + 1):
        if year not in values:
            continue
        value = values[year]
        x = chart.plot_left + (year - first) * slot + slot * 0.15
        height = plot_height * value / top if value is not None else NO_FIGURE_HEIGHT
        bars.append(
            Bar(
                year=year,
                value=value,
                x=round(x, 2),
                y=round(chart.baseline - height, 2),
                width=round(slot * 0.7, 2),
                height=round(height, 2),
                label_x=round(x + slot * 0.35, 2),
                show_label=_labelled(year, first, last, label_every),
            )
        )
    return bars
