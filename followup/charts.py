"""The geometry of the report's server-rendered SVG charts: no JavaScript, prints as it shows.

Everything is computed here and `templates/followup/charts/` only draws, so every text is
escaped by the template like any other. Each chart names itself for assistive technology
(role="img", <title> and <desc>) and is always shown beside its data table, which holds
the exact figures. Every bar and point carries its value as text, so nothing depends on
telling colours apart; figures that mean "none set" (no priority, outside the focus
areas) are hatched as well, which reads in greyscale and on paper. Coordinates are text
with a decimal point, whatever the locale the page is rendered in.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from .formatting import format_number, format_percent
from .reports import NONE_KEY, Breakdown, Figure

WIDTH = 760
LABEL_WIDTH = 300
VALUE_WIDTH = 150
ROW_HEIGHT = 26
BAR_HEIGHT = 16
LABEL_CHARS = 38
NOTHING_TO_SHOW = "Inga insatser att visa för de valda filtren."


@dataclass(frozen=True)
class Bar:
    label: str  # shortened to fit; `tooltip` holds it whole
    tooltip: str
    value: str
    top: str
    middle: str
    length: str
    value_x: str
    hatched: bool


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    desc: str
    width: int
    height: int
    bars: list[Bar]
    label_x: int = LABEL_WIDTH - 8
    bar_x: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def hatch_id(self) -> str:
        return f"{self.chart_id}-hatch"

    @property
    def axis_bottom(self) -> int:
        return self.height - 2


@dataclass(frozen=True)
class GridLine:
    y: str
    label: str
    dashed: bool


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    value_y: str
    label: str
    value: str


@dataclass(frozen=True)
class TrendChart:
    chart_id: str
    title: str
    desc: str
    width: int
    height: int
    unit: str
    plot_left: int
    plot_right: int
    plot_top: int
    label_y: int
    grid: list[GridLine]
    points: list[Point]

    @property
    def line(self) -> str:
        """The polyline through the points; none for a single year."""
        return " ".join(f"{point.x},{point.y}" for point in self.points) if len(self.points) > 1 else ""


def _unit(largest: Decimal) -> tuple[str, Decimal, int]:
    """Millions once the largest figure reaches ten million kronor, thousands below."""
    if largest >= 10_000_000:
        return "mnkr", Decimal(1_000_000), 1
    return "tkr", Decimal(1000), 0


def _amount(value: Decimal, unit: tuple[str, Decimal, int]) -> str:
    name, divisor, decimals = unit
    return f"{format_number(value / divisor, decimals)}\u00a0{name}"


def _shorten(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _largest(figures: list[Figure]) -> Figure | None:
    nonzero = [figure for figure in figures if figure.total]
    return max(nonzero, key=lambda figure: figure.total) if nonzero else None


def bar_chart(breakdown: Breakdown, *, chart_id: str, period: str) -> BarChart:
    """Horizontal bars, one per figure of the breakdown, each labelled with its amount and share."""
    figures = breakdown.figures
    largest = _largest(figures)
    unit = _unit(largest.total if largest else Decimal(0))
    if largest is None:
        desc = NOTHING_TO_SHOW
    else:
        desc = (
            f"Belopp i {unit[0]}. Störst är {largest.label} med {_amount(largest.total, unit)} "
            f"({format_percent(largest.share)} av totalen). Alla belopp finns i tabellen under diagrammet."
        )
    bar_area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, figure in enumerate(figures):
        middle = 6 + index * ROW_HEIGHT + ROW_HEIGHT / 2
        length = float(figure.total / largest.total) * bar_area if largest else 0
        value = f"{_amount(figure.total, unit)} ({format_percent(figure.share)})"
        bars.append(
            Bar(
                label=_shorten(figure.label),
                tooltip=f"{figure.label}: {value}",
                value=value,
                top=f"{middle - BAR_HEIGHT / 2:.1f}",
                middle=f"{middle:.1f}",
                length=f"{length:.1f}",
                value_x=f"{LABEL_WIDTH + length + 6:.1f}",
                hatched=figure.key == NONE_KEY,
            )
        )
    return BarChart(
        chart_id=chart_id,
        title=f"Stapeldiagram: {breakdown.title.lower()}, {period}",
        desc=desc,
        width=WIDTH,
        height=max(len(figures), 1) * ROW_HEIGHT + 12,
        bars=bars,
    )


def _nice_step(largest: float, steps: int = 4) -> float:
    """A round grid step (1, 2 or 5 times a power of ten) giving about `steps` grid lines."""
    if largest <= 0:
        return 1.0
    rough = largest / steps
    magnitude = 10 ** math.floor(math.log10(rough))
    return next(factor * magnitude for factor in (1, 2, 5, 10) if factor * magnitude >= rough)


def trend_chart(by_year: Breakdown, *, chart_id: str, period: str) -> TrendChart:
    """A line over the years with a marked, labelled point for each year's total."""
    figures = by_year.figures
    largest = _largest(figures)
    unit = _unit(largest.total if largest else Decimal(0))
    name, divisor, _ = unit
    if largest is None:
        desc = NOTHING_TO_SHOW
    else:
        points = "; ".join(f"{figure.label}: {_amount(figure.total, unit)}" for figure in figures)
        desc = f"Belopp i {name} per år. {points}. Samma siffror finns i tabellen under diagrammet."
    left, right, top, bottom = 80, 60, 30, 40
    height = 300
    plot_width, plot_height = WIDTH - left - right, height - top - bottom
    top_value = float(largest.total / divisor) if largest else 1.0
    step = _nice_step(top_value)
    ceiling = step * max(1, -(-top_value // step))
    grid = []
    for tick in range(round(ceiling / step) + 1):
        value = tick * step
        grid.append(
            GridLine(
                y=f"{top + plot_height - value / ceiling * plot_height:.1f}",
                label=format_number(Decimal(str(value)), 0 if step >= 1 else 1),
                dashed=value != 0,
            )
        )
    spacing = plot_width / max(len(figures) - 1, 1)
    drawn = []
    for index, figure in enumerate(figures):
        x = left + (index * spacing if len(figures) > 1 else plot_width / 2)
        y = top + plot_height - float(figure.total / divisor) / ceiling * plot_height
        drawn.append(
            Point(
                x=f"{x:.1f}",
                y=f"{y:.1f}",
                value_y=f"{y - 12:.1f}",
                label=figure.label,
                value=_amount(figure.total, unit),
            )
        )
    return TrendChart(
        chart_id=chart_id,
        title=f"Linjediagram: belopp per år, {period}",
        desc=desc,
        width=WIDTH,
        height=height,
        unit=name,
        plot_left=left,
        plot_right=WIDTH - right,
        plot_top=top,
        label_y=height - bottom + 22,
        grid=grid,
        points=drawn,
    )
