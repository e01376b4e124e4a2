"""Template helpers of the report pages: figures in thousands, notes on their rounding,
links, charts."""

import html
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from urllib.parse import urlencode

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString

from followup import charts
from followup.formatting import format_number, format_percent, round_half_up
from followup.reports import NONE_KEY, Breakdown, Figure, Matrix, MatrixRow, ReportFilters, dimension

register = template.Library()

ROUNDED_APART = "{what} är avrundade var för sig och kan därför summera till något annat än {whole}."


@register.simple_tag
def dimension_label(name: str) -> str:
    """The column heading of a breakdown's first column."""
    return dimension(name).label


def _thousands(value: Decimal) -> Decimal:
    """An amount in whole thousands of kronor, as the report's tables show it."""
    return round_half_up(Decimal(value) / 1000, 0)


@register.filter
def tkr_number(value: Decimal | None) -> str:
    """An amount in whole thousands of kronor, without the unit (the heading states it)."""
    return format_number(None if value is None else _thousands(value))


def _adds_up(parts: Iterable[Decimal | None], whole: Decimal | None) -> bool:
    """Whether figures shown rounded add up to their total shown rounded (None is "–")."""
    parts = [part for part in parts if part is not None]
    return whole is None or sum(parts, Decimal(0)) == whole


def _amounts_add_up(parts: Iterable[Figure], whole: Figure) -> bool:
    return _adds_up((_thousands(part.total) for part in parts), _thousands(whole.total))


def _matrix_adds_up(matrix: Matrix) -> bool:
    """Every row to its total, every column to its total, and both to the grand total."""
    return (
        _amounts_add_up(matrix.columns, matrix.total)
        and _amounts_add_up((row.header for row in matrix.rows), matrix.total)
        and all(_amounts_add_up(row.cells, row.header) for row in matrix.rows)
        and all(
            _amounts_add_up((row.cells[index] for row in matrix.rows), column)
            for index, column in enumerate(matrix.columns)
        )
    )


@register.simple_tag
def rounding_note(table: Breakdown | Matrix, *, changes: bool = True) -> str:
    """A sentence saying that the rounded figures of a table do not add up to its rounded
    totals, naming the columns where that happens; "" where they do. `changes=False` for a
    table whose change column has no total (the years, each against the year before)."""
    if isinstance(table, Matrix):
        if _matrix_adds_up(table):
            return ""
        return ROUNDED_APART.format(what="Beloppen", whole="radernas och kolumnernas summor")
    rounded_apart = []
    if not _amounts_add_up(table.figures, table.total):
        rounded_apart.append("beloppen")
    if not _adds_up((figure.share for figure in table.figures), table.total.share):
        rounded_apart.append("andelarna")
    if changes and table.total.change is not None:
        parts = (_thousands(figure.change) for figure in table.figures if figure.change is not None)
        if not _adds_up(parts, _thousands(table.total.change)):
            rounded_apart.append("förändringarna")
    if not rounded_apart:
        return ""
    *others, last = rounded_apart
    what = f"{', '.join(others)} och {last}" if others else last
    return ROUNDED_APART.format(what=what.capitalize(), whole="totalen")


def _signed(text: str, value: Decimal | None) -> str:
    return f"+{text}" if value is not None and value > 0 else text


@register.filter
def signed_tkr(value: Decimal | None) -> str:
    """A change in thousands of kronor with its sign: `+1 235`, `−40`."""
    return _signed(tkr_number(value), value)


@register.filter
def signed_percent(value: Decimal | None) -> str:
    return _signed(format_percent(value), value)


@register.filter
def leverage(value: Decimal | None) -> str:
    """Estimated project size per krona granted, two decimals: `3,25`."""
    return format_number(value, 2)


@register.simple_tag
def report_query(filters: ReportFilters, **extra) -> str:
    """The GET parameters of these filters, for links that keep them."""
    return urlencode({**filters.as_query(), **{key: value for key, value in extra.items() if value}})


@lru_cache(maxsize=64)
def _entries_path(script_prefix: str, urlconf: str | None) -> str:
    return reverse("followup:report_entries", urlconf=urlconf)


@register.simple_tag
def drilldown_url(filters: ReportFilters, figure: Figure | None = None) -> str:
    """The list of entries that sums to exactly this figure (or to the whole report)."""
    narrowed = filters.narrowed(**figure.filter_changes) if figure else filters
    # A report page links every figure (thousands of links): reversed once per address
    # prefix instead of for each.
    path = _entries_path(get_script_prefix(), get_urlconf())
    return f"{path}?{_encoded(narrowed.as_query())}"


@lru_cache(maxsize=4096)
def _encoded_pair(key: str, value: str) -> str:
    return urlencode({key: value})


def _encoded(query: dict[str, str]) -> str:
    """`urlencode(query)`, each parameter encoded once per process: a page's thousands of
    links repeat the same few years and keys."""
    return "&".join(_encoded_pair(key, value) for key, value in query.items())


@register.simple_tag
def area_report_url(name: str, figure: Figure, filters: ReportFilters) -> str:
    """The report page of one value of a dimension (a goal area, focus area or actor),
    keeping the other filters; "" when the dimension has no such page."""
    area = dimension(name)
    if area.area_page is None or figure.key == NONE_KEY:
        return ""
    changes = {name: None}
    for child, chosen in filters.chosen:
        # A value belonging under another value of this dimension is dropped: the page of a
        # goal area offers only its own priorities.
        if (
            dimension(child).parent == name
            and chosen != NONE_KEY
            and area.key(getattr(chosen, name)) != figure.key
        ):
            changes[child] = None
    query = _encoded(filters.narrowed(**changes).as_query())
    return f"{reverse(area.area_page, args=[figure.key])}?{query}"


# The rows of the report tables are written here rather than in the templates: a report
# page has hundreds of figures, and the template engine's lookups and filters per cell
# were most of an uncached page's time (issue 17). The markup is the templates' own.
def _escaped(value: object) -> str:
    return value if isinstance(value, SafeString) else html.escape(str(value))


def _html(template: str, *args: object, **kwargs: object) -> SafeString:
    """`format_html` without its checks for lazy strings, which cost more than the escaping
    itself at a report page's thousands of values: every value escaped unless already safe."""
    named = {name: _escaped(value) for name, value in kwargs.items()}
    return SafeString(template.format(*map(_escaped, args), **named))


_FIGURE_CELLS = (
    '<td class="num"><a href="{}">{}<span class="visually-hidden"> tkr: {}</span></a></td>'
    '<td class="num">{}</td><td class="num">{}</td><td class="num">{}</td>'
    '<td class="num">{}</td><td class="num">{}</td>'
)
_AMOUNT_CELL = '<td class="num"><a href="{}">{}<span class="visually-hidden"> tkr: {}</span></a></td>'


@register.simple_tag
def breakdown_rows(breakdown: Breakdown, filters: ReportFilters) -> SafeString:
    """The body rows of a breakdown's table: each value with its figures, its amount linked
    to the entries behind it and its name to its own report page where it has one."""
    rows = []
    for figure in breakdown.figures:
        area_url = area_report_url(breakdown.dimension, figure, filters)
        label = _html('<a href="{}">{}</a>', area_url, figure.label) if area_url else figure.label
        cells = _html(
            _FIGURE_CELLS,
            drilldown_url(filters, figure),
            tkr_number(figure.total),
            f"visa insatserna för {figure.label}",
            format_percent(figure.share),
            format_number(figure.count),
            signed_tkr(figure.change),
            signed_percent(figure.change_percent),
            leverage(figure.leverage),
        )
        rows.append(_html('<tr><th scope="row">{}</th>{}</tr>', label, cells))
    return SafeString("\n".join(rows))


def _matrix_row(row: MatrixRow, filters: ReportFilters) -> SafeString:
    name = row.header.label
    cells = SafeString(
        "".join(
            _html(
                _AMOUNT_CELL,
                drilldown_url(filters, cell),
                tkr_number(cell.total),
                f"visa insatserna för {name}, {cell.label}",
            )
            for cell in row.cells
        )
    )
    total = _html(
        _AMOUNT_CELL,
        drilldown_url(filters, row.header),
        tkr_number(row.header.total),
        f"visa alla insatserna för {name}",
    )
    return _html('<tr><th scope="row">{}</th>{}{}</tr>', name, cells, total)


@register.simple_tag
def matrix_rows(matrix: Matrix, filters: ReportFilters) -> SafeString:
    """The body rows of a matrix: each cell's amount linked to the entries behind it, and
    the row's total."""
    return SafeString("\n".join(_matrix_row(row, filters) for row in matrix.rows))


_BAR = (
    "<g><title>{tooltip}</title>{lines}"
    '<rect x="{x}" y="{top}" width="{length}" height="{height}" fill="{fill}"'
    ' stroke="#005a8c" stroke-width="1"/>'
    '<text x="{length}" dx="{dx}" y="{middle}" dominant-baseline="middle">{value}</text></g>'
)


@register.simple_tag
def chart_bars(chart: charts.BarChart) -> SafeString:
    """The bars of a bar chart, each with its label lines, its bar and its value (written
    here for the same reason as the table rows)."""
    return SafeString(
        "\n".join(
            _html(
                _BAR,
                tooltip=bar.tooltip,
                lines=SafeString(
                    "".join(
                        _html('<text x="{}" y="{}">{}</text>', chart.bar_x, line.y, line.text)
                        for line in bar.lines
                    )
                ),
                x=chart.bar_x,
                top=bar.top,
                length=bar.length,
                height=chart.bar_height,
                fill=f"url(#{chart.hatch_id})" if bar.hatched else "#005a8c",
                dx=chart.value_dx,
                middle=bar.middle,
                value=bar.value,
            )
            for bar in chart.bars
        )
    )


@register.inclusion_tag("followup/charts/_bar_chart.html")
def bar_chart(breakdown: Breakdown, period: str) -> dict:
    return {"chart": charts.bar_chart(breakdown, chart_id=f"diagram-{breakdown.dimension}", period=period)}


@register.inclusion_tag("followup/charts/_trend_chart.html")
def trend_chart(by_year: Breakdown, period: str) -> dict:
    return {"chart": charts.trend_chart(by_year, chart_id="diagram-trend", period=period)}


@register.inclusion_tag("followup/charts/_bar_chart.html")
def trend_bars(by_year: Breakdown, period: str) -> dict:
    """The years as bars, for screens too narrow for the line (the stylesheet shows one of the two)."""
    chart = charts.bar_chart(by_year, chart_id="diagram-trend-staplar", period=period)
    return {"chart": chart, "variant": "narrow"}
