"""The geometry of the report's server-rendered SVG charts: no JavaScript, prints as it shows.

Everything is computed here and `templates/followup/charts/` only draws, so every text is
escaped by the template like any other. Each chart names itself for assistive technology
(role="img", <title> and <desc>) and is always shown beside its data table, which holds
the exact figures. Every bar and point carries its value as text, so nothing depends on
telling colours apart; figures that mean "none set" (no priority, outside the focus
areas) are hatched as well, which reads in greyscale and on paper. Coordinates are text
with a decimal point, whatever the locale the page is rendered in.

The charts are never scaled to fit, so their text is always the size it is drawn at (13
and 12 CSS px), on a phone as on a wide screen (WCAG 1.4.4 and 1.4.10). They have no
viewBox: heights are in CSS pixels and horizontal positions in percent of the width the
page gives them. A bar chart writes each label above its bar, in at most two lines short
enough for the narrowest screen, and its bars fill at most `BAR_SHARE` of the width so
that the value after the longest bar still fits. The line over the years needs room
between its points, so the stylesheet shows it on wide screens and the same years as
bars (`trend_bars`) on narrow ones.
"""

import math
import textwrap
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .formatting import format_number, format_percent
from .reports import NONE_KEY, Breakdown, Figure

# A bar chart: each row is its label's lines, then the bar with its value after it.
LABEL_CHARS = 34  # per line: fits 288 CSS px (a 320 px screen) at 13 px
LABEL_LINES = 2
LINE_HEIGHT = 16
BAR_HEIGHT = 16
ROW_GAP = 12
BAR_SHARE = 52  # percent of the width: the rest holds the longest value
NOTHING_TO_SHOW = "Inga insatser att visa för de valda filtren."

# The line over the years: its points spread between these percentages of the width.
TREND_HEIGHT = 300
PLOT_TOP, PLOT_BOTTOM = 40, 40
POINTS_FROM, POINTS_TO = 14.0, 92.0


@dataclass(frozen=True)
class LabelLine:
    text: str
    y: str


@dataclass(frozen=True)
class Bar:
    lines: list[LabelLine]  # the label, wrapped and shortened to fit; `tooltip` holds it whole
    tooltip: str
    value: str
    top: str
    middle: str
    length: str  # percent of the chart's width
    hatched: bool


@dataclass(frozen=True)
class BarChart:
    chart_id: str
    title: str
    desc: str
    height: int
    bars: list[Bar]
    bar_x: int = 1
    value_dx: int = 8
    bar_height: int = BAR_HEIGHT

    @property
    def hatch_id(self) -> str:
        return f"{self.chart_id}-hatch"


@dataclass(frozen=True)
class GridLine:
    y: str
    label_y: str
    label: str
    dashed: bool


@dataclass(frozen=True)
class Point:
    x: str  # percent of the chart's width
    y: str
    value_y: str
    label: str
    value: str


@dataclass(frozen=True)
class Segment:
    x1: str
    y1: str
    x2: str
    y2: str


@dataclass(frozen=True)
class TrendChart:
    chart_id: str
    title: str
    desc: str
    height: int
    unit: str
    label_y: int
    grid: list[GridLine]
    points: list[Point]

    @property
    def segments(self) -> list[Segment]:
        """The line through the points, one segment each (a polyline cannot be in percent)."""
        return [
            Segment(before.x, before.y, after.x, after.y)
            for before, after in zip(self.points, self.points[1:], strict=False)
        ]


def _unit(largest: Decimal) -> tuple[str, Decimal, int]:
    """Millions once the largest figure reaches ten million kronor, thousands below."""
    if largest >= 10_000_000:
        return "mnkr", Decimal(1_000_000), 1
    return "tkr", Decimal(1000), 0


def _amount(value: Decimal, unit: tuple[str, Decimal, int]) -> str:
    name, divisor, decimals = unit
    return f"{format_number(value / divisor, decimals)}\u00a0{name}"


def _shorten(text: str, limit: int = LABEL_CHARS) -> str:
    """The text cut at a word to at most `limit` characters with its ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,.;:–-") + "…"


@lru_cache(maxsize=1024)
def _label_lines(text: str) -> tuple[str, ...]:
    """The label in at most `LABEL_LINES` lines of `LABEL_CHARS`, the last shortened if need be."""
    # Wrapping is slow and the labels are the same few names on every page: once each.
    lines = textwrap.wrap(text, LABEL_CHARS) or [""]
    if len(lines) > LABEL_LINES:
        lines = [*lines[: LABEL_LINES - 1], _shorten(" ".join(lines[LABEL_LINES - 1 :]))]
    return tuple(lines)


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
    bars = []
    top = 4
    for figure in figures:
        lines = _label_lines(figure.label)
        bar_top = top + len(lines) * LINE_HEIGHT + 4
        share = float(figure.total / largest.total) * BAR_SHARE if largest else 0
        value = f"{_amount(figure.total, unit)} ({format_percent(figure.share)})"
        bars.append(
            Bar(
                lines=[
                    LabelLine(text=line, y=f"{top + 13 + index * LINE_HEIGHT}")
                    for index, line in enumerate(lines)
                ],
                tooltip=f"{figure.label}: {value}",
                value=value,
                top=f"{bar_top}",
                middle=f"{bar_top + BAR_HEIGHT / 2:.1f}",
                length=f"{share:.1f}%",
                hatched=figure.key == NONE_KEY,
            )
        )
        top = bar_top + BAR_HEIGHT + ROW_GAP
    return BarChart(
        chart_id=chart_id,
        title=f"Stapeldiagram: {breakdown.title.lower()}, {period}",
        desc=desc,
        height=top - ROW_GAP + 4,
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
    plot_height = TREND_HEIGHT - PLOT_TOP - PLOT_BOTTOM
    top_value = float(largest.total / divisor) if largest else 1.0
    step = _nice_step(top_value)
    ceiling = step * max(1, -(-top_value // step))
    grid = []
    for tick in range(round(ceiling / step) + 1):
        value = tick * step
        y = PLOT_TOP + plot_height - value / ceiling * plot_height
        grid.append(
            GridLine(
                y=f"{y:.1f}",
                label_y=f"{y - 4:.1f}",
                label=format_number(Decimal(str(value)), 0 if step >= 1 else 1),
                dashed=value != 0,
            )
        )
    spacing = (POINTS_TO - POINTS_FROM) / max(len(figures) - 1, 1)
    drawn = []
    for index, figure in enumerate(figures):
        x = POINTS_FROM + index * spacing if len(figures) > 1 else (POINTS_FROM + POINTS_TO) / 2
        y = PLOT_TOP + plot_height - float(figure.total / divisor) / ceiling * plot_height
        drawn.append(
            Point(
                x=f"{x:.1f}%",
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
        height=TREND_HEIGHT,
        unit=name,
        label_y=TREND_HEIGHT - PLOT_BOTTOM + 22,
        grid=grid,
        points=drawn,
    )
