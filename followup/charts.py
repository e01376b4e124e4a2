"""Server-rendered SVG charts of report breakdowns: no JavaScript, prints as it shows.

Each chart names itself for assistive technology (role="img", <title> and <desc>) and is
always shown beside its data table, which holds the exact figures. Every bar and point
carries its value as text, so nothing depends on telling colours apart; figures that
mean "none set" (no priority, outside the focus areas) are hatched as well, which reads
in greyscale and on paper.

The SVG uses presentation attributes only (fill=, stroke=): the Content-Security-Policy
forbids inline styles.
"""

import math
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .formatting import format_number, format_percent
from .reports import NONE_KEY, Breakdown, Figure

INK = "#1b1f24"
BAR = "#005a8c"
GRID = "#8a959f"
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"

WIDTH = 760
LABEL_WIDTH = 300
VALUE_WIDTH = 150
ROW_HEIGHT = 26
BAR_HEIGHT = 16
LABEL_CHARS = 38


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


def _svg(chart_id: str, width: int, height: int, title: str, desc: str, body: list[str]) -> SafeString:
    return mark_safe(  # noqa: S308 (every text below is escaped where it is put together)
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="{FONT}" font-size="13" fill="{INK}">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def _hatch(pattern_id: str) -> str:
    return (
        f'<defs><pattern id="{pattern_id}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{BAR}" stroke-width="3"/></pattern></defs>'
    )


def bar_chart(breakdown: Breakdown, *, chart_id: str, period: str) -> SafeString:
    """Horizontal bars, one per figure of the breakdown, each labelled with its amount and share."""
    figures = breakdown.figures
    largest = _largest(figures)
    unit = _unit(largest.total if largest else Decimal(0))
    title = f"Stapeldiagram: {breakdown.title.lower()}, {period}"
    if largest is None:
        desc = "Inga insatser att visa för de valda filtren."
    else:
        desc = (
            f"Belopp i {unit[0]}. Störst är {largest.label} med {_amount(largest.total, unit)} "
            f"({format_percent(largest.share)} av totalen). Alla belopp finns i tabellen under diagrammet."
        )
    pattern_id = f"{chart_id}-hatch"
    bar_area = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = max(len(figures), 1) * ROW_HEIGHT + 12
    body = [_hatch(pattern_id)]
    for index, figure in enumerate(figures):
        top = 6 + index * ROW_HEIGHT
        middle = top + ROW_HEIGHT / 2
        length = float(figure.total / largest.total) * bar_area if largest else 0
        fill = f"url(#{pattern_id})" if figure.key == NONE_KEY else BAR
        value = f"{_amount(figure.total, unit)} ({format_percent(figure.share)})"
        body.append(
            f"<g><title>{escape(figure.label)}: {escape(value)}</title>"
            f'<text x="{LABEL_WIDTH - 8}" y="{middle:.1f}" text-anchor="end" dominant-baseline="middle">'
            f"{escape(_shorten(figure.label))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{middle - BAR_HEIGHT / 2:.1f}" width="{length:.1f}" '
            f'height="{BAR_HEIGHT}" fill="{fill}" stroke="{BAR}" stroke-width="1"/>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{middle:.1f}" dominant-baseline="middle">'
            f"{escape(value)}</text></g>"
        )
    body.append(
        f'<line x1="{LABEL_WIDTH}" y1="2" x2="{LABEL_WIDTH}" y2="{height - 2}" '
        f'stroke="{INK}" stroke-width="1"/>'
    )
    return _svg(chart_id, WIDTH, height, title, desc, body)


def _nice_step(largest: float, steps: int = 4) -> float:
    """A round grid step (1, 2 or 5 times a power of ten) giving about `steps` grid lines."""
    if largest <= 0:
        return 1.0
    rough = largest / steps
    magnitude = 10 ** math.floor(math.log10(rough))
    return next(factor * magnitude for factor in (1, 2, 5, 10) if factor * magnitude >= rough)


def trend_chart(by_year: Breakdown, *, chart_id: str, period: str) -> SafeString:
    """A line over the years with a marked, labelled point for each year's total."""
    figures = by_year.figures
    largest = _largest(figures)
    unit = _unit(largest.total if largest else Decimal(0))
    name, divisor, _ = unit
    title = f"Linjediagram: belopp per år, {period}"
    if largest is None:
        desc = "Inga insatser att visa för de valda filtren."
    else:
        points = "; ".join(f"{figure.label}: {_amount(figure.total, unit)}" for figure in figures)
        desc = f"Belopp i {name} per år. {points}. Samma siffror finns i tabellen under diagrammet."
    left, right, top, bottom = 80, 60, 30, 40
    height = 300
    plot_width, plot_height = WIDTH - left - right, height - top - bottom
    top_value = float(largest.total / divisor) if largest else 1.0
    step = _nice_step(top_value)
    ceiling = step * max(1, -(-top_value // step))
    body = [
        f'<text x="{left - 8}" y="{top - 14}" text-anchor="end" font-size="12">{name}</text>',
    ]
    for tick in range(round(ceiling / step) + 1):
        grid = tick * step
        y = top + plot_height - grid / ceiling * plot_height
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{WIDTH - right}" y2="{y:.1f}" stroke="{GRID}" '
            f'stroke-width="1" stroke-dasharray="{"none" if grid == 0 else "3 3"}"/>'
            f'<text x="{left - 8}" y="{y:.1f}" text-anchor="end" dominant-baseline="middle" font-size="12">'
            f"{escape(format_number(Decimal(str(grid)), 0 if step >= 1 else 1))}</text>"
        )
    spacing = plot_width / max(len(figures) - 1, 1)
    coordinates = []
    for index, figure in enumerate(figures):
        x = left + (index * spacing if len(figures) > 1 else plot_width / 2)
        y = top + plot_height - float(figure.total / divisor) / ceiling * plot_height
        coordinates.append((x, y, figure))
    if len(coordinates) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in coordinates)
        body.append(f'<polyline points="{path}" fill="none" stroke="{BAR}" stroke-width="3"/>')
    for x, y, figure in coordinates:
        value = _amount(figure.total, unit)
        body.append(
            f"<g><title>{escape(figure.label)}: {escape(value)}</title>"
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#ffffff" stroke="{INK}" stroke-width="2"/>'
            f'<text x="{x:.1f}" y="{y - 12:.1f}" text-anchor="middle" font-size="12">{escape(value)}</text>'
            f'<text x="{x:.1f}" y="{height - bottom + 22}" text-anchor="middle">'
            f"{escape(figure.label)}</text></g>"
        )
    return _svg(chart_id, WIDTH, height, title, desc, body)
