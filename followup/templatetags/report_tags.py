"""Template helpers of the report pages: figures in thousands, links, charts."""

from decimal import Decimal
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from followup import charts
from followup.formatting import format_number, format_percent
from followup.reports import NONE_KEY, Breakdown, Figure, ReportFilters, dimension

register = template.Library()


@register.simple_tag
def dimension_label(name: str) -> str:
    """The column heading of a breakdown's first column."""
    return dimension(name).label


@register.filter
def tkr_number(value: Decimal | None) -> str:
    """An amount in whole thousands of kronor, without the unit (the heading states it)."""
    return format_number(None if value is None else Decimal(value) / 1000, 0)


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


@register.simple_tag
def drilldown_url(filters: ReportFilters, figure: Figure | None = None) -> str:
    """The list of entries that sums to exactly this figure (or to the whole report)."""
    narrowed = filters.narrowed(**figure.filter_changes) if figure else filters
    return f"{reverse('followup:report_entries')}?{urlencode(narrowed.as_query())}"


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
    query = urlencode(filters.narrowed(**changes).as_query())
    return f"{reverse(area.area_page, args=[figure.key])}?{query}"


@register.inclusion_tag("followup/charts/_bar_chart.html")
def bar_chart(breakdown: Breakdown, period: str) -> dict:
    return {"chart": charts.bar_chart(breakdown, chart_id=f"diagram-{breakdown.dimension}", period=period)}


@register.inclusion_tag("followup/charts/_trend_chart.html")
def trend_chart(by_year: Breakdown, period: str) -> dict:
    return {"chart": charts.trend_chart(by_year, chart_id="diagram-trend", period=period)}
