"""An indicator's values against the straight path from its baseline to its target, as the
geometry of a server-rendered SVG chart, its text alternative and its data table.

Everything is computed here so the template only draws: no JavaScript, and only SVG
presentation attributes (the Content-Security-Policy forbids inline styles). The series
differ in line pattern and marker as well as colour, so the chart reads in greyscale.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from .models import Indicator, IndicatorValue
from .numbers import format_value
from .progress import Progress, assess_progress, expected_on_path

WIDTH, HEIGHT = 640, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 40
_STEPS = [
    Decimal(step) for step in ("0.1", "0.2", "0.5", "1", "2", "5", "10", "20", "50", "100", "200", "500")
]
_SERIES_LOOK = [
    {"stroke": "#005a8c", "dash": "", "width": "3", "marker_fill": "#005a8c", "pattern": "heldragen linje"},
    {"stroke": "#4a5560", "dash": "8 4", "width": "2", "marker_fill": "#ffffff", "pattern": "streckad linje"},
    {
        "stroke": "#7a3e00",
        "dash": "3 3",
        "width": "2",
        "marker_fill": "#ffffff",
        "pattern": "tätt streckad linje",
    },
]


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    year: int
    value: Decimal


@dataclass(frozen=True)
class Series:
    label: str
    points: list[Point]
    stroke: str
    dash: str
    width: str
    marker_fill: str
    pattern: str

    @property
    def polyline(self) -> str:
        return " ".join(f"{point.x},{point.y}" for point in self.points)


@dataclass(frozen=True)
class Tick:
    position: str
    label: str


@dataclass(frozen=True)
class TableRow:
    year: int
    values: list[str]
    expected: str


@dataclass(frozen=True)
class IndicatorChart:
    width: int
    height: int
    series: list[Series]
    path: tuple[Point, Point] | None
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int


@dataclass(frozen=True)
class IndicatorSummary:
    indicator: Indicator
    progress: Progress
    chart: IndicatorChart | None
    description: str
    areas: list[str]
    rows: list[TableRow]


def _step(span: Decimal) -> Decimal:
    for step in _STEPS:
        if span / step <= 6:
            return step
    return _STEPS[-1]


def _fmt(number: float) -> str:
    return f"{number:.1f}"


def build_chart(
    *, series: dict[str, dict[int, Decimal]], path: tuple[tuple[int, Decimal], tuple[int, Decimal]] | None
) -> IndicatorChart | None:
    """Scales and coordinates for the series (area → year → value) and the target path."""
    years = [year for values in series.values() for year in values]
    numbers = [value for values in series.values() for value in values.values()]
    if path:
        years += [path[0][0], path[1][0]]
        numbers += [path[0][1], path[1][1]]
    if not years:
        return None
    first, last = min(years), max(years)
    step = _step(max(numbers) - min(numbers) or Decimal(1))
    low = (min(numbers) / step).to_integral_value(rounding=ROUND_FLOOR) * step
    high = (max(numbers) / step).to_integral_value(rounding=ROUND_CEILING) * step
    if high == low:
        high = low + step
    plot_right, plot_bottom = WIDTH - RIGHT, HEIGHT - BOTTOM

    def x_of(year: int) -> float:
        return LEFT + (plot_right - LEFT) * ((year - first) / (last - first) if last > first else 0.5)

    def y_of(value: Decimal) -> float:
        return plot_bottom - (plot_bottom - TOP) * float((value - low) / (high - low))

    def point(year: int, value: Decimal) -> Point:
        return Point(x=_fmt(x_of(year)), y=_fmt(y_of(value)), year=year, value=value)

    drawn = [
        Series(label=area, points=[point(year, values[year]) for year in sorted(values)], **look)
        for (area, values), look in zip(series.items(), _SERIES_LOOK, strict=False)
    ]
    year_step = max(1, round((last - first) / 8))
    x_ticks = [Tick(_fmt(x_of(year)), str(year)) for year in range(first, last + 1, year_step)]
    y_ticks = []
    tick = low
    while tick <= high:
        y_ticks.append(Tick(_fmt(y_of(tick)), format_value(tick)))
        tick += step
    return IndicatorChart(
        width=WIDTH,
        height=HEIGHT,
        series=drawn,
        path=(point(*path[0]), point(*path[1])) if path else None,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        plot_left=LEFT,
        plot_right=plot_right,
        plot_top=TOP,
        plot_bottom=plot_bottom,
    )


def summarise(indicator: Indicator, values: Iterable[IndicatorValue] | None = None) -> IndicatorSummary:
    """Chart, verdict, text alternative and table of an indicator, from the `values` given (those
    a frozen evaluation cites) or else its prefetched `values`."""
    values = indicator.values.all() if values is None else values
    series: dict[str, dict[int, Decimal]] = {}
    for value in sorted(values, key=lambda value: (value.area != indicator.area, value.area)):
        series.setdefault(value.area, {})[value.year] = value.value
    own = series.get(indicator.area, {})
    progress = assess_progress(
        direction=indicator.direction,
        baseline_year=indicator.baseline_year,
        baseline_value=indicator.baseline_value,
        target_year=indicator.target_year,
        target_value=indicator.target_value,
        values=own,
    )
    has_path = None not in (
        indicator.baseline_year,
        indicator.baseline_value,
        indicator.target_year,
        indicator.target_value,
    )
    path = (
        ((indicator.baseline_year, indicator.baseline_value), (indicator.target_year, indicator.target_value))
        if has_path
        else None
    )
    areas = list(series)
    years = sorted({year for values in series.values() for year in values})
    rows = []
    for year in years:
        expected = ""
        if has_path and indicator.baseline_year <= year <= indicator.target_year:
            expected = format_value(
                expected_on_path(
                    baseline_year=indicator.baseline_year,
                    baseline_value=indicator.baseline_value,
                    target_year=indicator.target_year,
                    target_value=indicator.target_value,
                    year=year,
                ).quantize(Decimal("0.1"))
            )
        rows.append(
            TableRow(
                year=year, values=[format_value(series[area].get(year)) for area in areas], expected=expected
            )
        )
    return IndicatorSummary(
        indicator=indicator,
        progress=progress,
        chart=build_chart(series=series, path=path),
        description=describe(indicator, progress, years),
        areas=areas,
        rows=rows,
    )


def describe(indicator: Indicator, progress: Progress, years: list[int]) -> str:
    """The chart's text alternative: what it shows and what it means, in a few sentences."""
    if not years:
        return f"{indicator.name}: inga värden ännu."
    parts = [f"Linjediagram över {indicator.name.lower()} ({indicator.unit}), {years[0]}–{years[-1]}."]
    if progress.latest_year is not None:
        parts.append(
            f"Senaste värdet för {indicator.area} är {format_value(progress.latest_value)} "
            f"({progress.latest_year}); målbanan förväntar {format_value(progress.expected_value)} det året."
        )
    if indicator.target_year is not None and indicator.target_value is not None:
        parts.append(f"Målet är {format_value(indicator.target_value)} år {indicator.target_year}.")
    parts.append(f"Bedömning: {progress.label}.")
    return " ".join(parts)
