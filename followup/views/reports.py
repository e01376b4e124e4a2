"""Report pages: the overview, one page per focus area, goal area and actor, and the
drill-down list of the entries behind any figure.

Every page reads its filters from the query string, so each view of a report is a
shareable address. Filters it cannot read give the form's Swedish messages with HTTP 400
and no figures; an unknown area or actor in the path gives 404.
"""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_safe

from strategy import roles
from strategy.models import Strategy
from strategy.page_cache import CachedPage, cached_for_version, cached_page, reads_data_version
from strategy.shortcuts import current_strategy_or_404

from ..listing import seek_from
from ..report_forms import ENTRY_ORDERS, EntryListForm, ReportFilterForm
from ..reports import (
    ReportChoices,
    ReportFilters,
    build_report,
    entry_pages,
    load_choices,
    open_report_years,
    year_over_year,
)
from ..templatetags.vg_forms import ERROR_TITLE

ENTRIES_PER_PAGE = 50
ENTRIES_HEADING = "Insatser bakom siffran"


def report_reader_required(view: Callable) -> Callable:
    """Signed-in BHU members, regional developers and administrators; 403 for anyone else.
    Reports are read, never posted to: GET and HEAD only."""

    @login_required
    @require_safe
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not roles.can_read_reports(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _find(objects: list, **match):
    """The object of an already loaded list matching the path, or 404."""
    for item in objects:
        if all(str(getattr(item, name)) == str(value) for name, value in match.items()):
            return item
    raise Http404


def _overview_url(filters: ReportFilters | None = None) -> str:
    url = reverse("followup:report_overview")
    return f"{url}?{urlencode(filters.as_query())}" if filters else url


def _title(heading: str, *parts: str, page: Page | None = None) -> str:
    """What the page shows, for its <title>: "Insatser bakom siffran: Målområde 2, 2016, sida 2"."""
    if page is not None and page.paginator.num_pages > 1:
        parts = (*parts, f"sida {page.number}")
    return f"{heading}: {', '.join(parts)}" if parts else heading


def _report_content(
    request: HttpRequest,
    page: str,
    *,
    strategy: Strategy,
    choices: ReportChoices,
    subject: str | None = None,
    fixed: dict | None = None,
    **context,
) -> CachedPage:
    """A report page's title and content: the overview, or the page of one value of a
    dimension (`fixed`), which is its `subject`."""
    template = f"followup/report_{page}.html"
    named = [subject] if subject else []
    form = ReportFilterForm(request.GET, strategy=strategy, choices=choices, fixed=fixed)
    context |= {"strategy": strategy, "form": form, "crumbs": [("Uppföljning", _overview_url())]}
    if not form.is_valid():
        # The layout around the content does not hold the form, so the title says it here.
        title = ERROR_TITLE + _title("Uppföljning", *named)
        return CachedPage(title, render_to_string(template, context, request), status=400)
    filters = form.filters
    report = build_report(strategy=strategy, filters=filters, choices=choices)
    if fixed:
        context["crumbs"] = [("Uppföljning", _overview_url(filters.narrowed(**dict.fromkeys(fixed))))]
    context |= {
        "report": report,
        "sections": report.sections(page),
        "period": filters.period,
        "previous_year": report.comparison_years[0],
        "years": year_over_year(report.by_year),
        "open_years": open_report_years(strategy, filters),
    }
    title = _title("Uppföljning", *named, *filters.in_brief(leave_out=fixed or ()))
    return CachedPage(title, render_to_string(template, context, request))


def _report_page(request: HttpRequest, page: str, content: Callable[[Strategy], CachedPage]) -> HttpResponse:
    """The page from the cache when nothing it shows has changed: the content depends only
    on the address (path and query), the strategy and the data (the reader's filter input
    is shown back, so the query is part of the key as it was typed)."""
    strategy = current_strategy_or_404(request)
    parts = (page, strategy.pk, sorted(request.GET.lists()))
    found = cached_page(request, "report", parts, lambda: content(strategy))
    context = {"strategy": strategy, "title": found.title, "content": found.content}
    return render(request, "followup/report_page.html", context, status=found.status)


def _choices(request: HttpRequest, strategy: Strategy) -> ReportChoices:
    """The strategy's actors, goal areas, priorities and focus areas that the filters offer,
    from the cache while the data version is the same."""
    return cached_for_version(request, f"report-choices:{strategy.pk}", lambda: load_choices(strategy))


@report_reader_required
@reads_data_version
def report_overview(request: HttpRequest) -> HttpResponse:
    def content(strategy: Strategy) -> CachedPage:
        return _report_content(request, "overview", strategy=strategy, choices=_choices(request, strategy))

    return _report_page(request, "overview", content)


def _area_page(request: HttpRequest, name: str, **match) -> HttpResponse:
    """The report narrowed to the value of dimension `name` that the address names, or 404."""

    def content(strategy: Strategy) -> CachedPage:
        choices = _choices(request, strategy)
        value = _find(choices.of(name), **match)
        return _report_content(
            request,
            name,
            strategy=strategy,
            choices=choices,
            subject=value.name,
            fixed={name: value},
            **{name: value},
        )

    return _report_page(request, name, content)


@report_reader_required
@reads_data_version
def report_focus_area(request: HttpRequest, number: int) -> HttpResponse:
    return _area_page(request, "focus_area", number=number)


@report_reader_required
@reads_data_version
def report_goal_area(request: HttpRequest, number: int) -> HttpResponse:
    return _area_page(request, "goal_area", number=number)


@report_reader_required
@reads_data_version
def report_actor(request: HttpRequest, slug: str) -> HttpResponse:
    return _area_page(request, "actor", slug=slug)


@report_reader_required
def report_entries(request: HttpRequest) -> HttpResponse:
    """The entries behind a figure: its total over all of them, one page of those the user
    may read one by one."""
    strategy = current_strategy_or_404(request)
    form = EntryListForm(request.GET, strategy=strategy, choices=_choices(request, strategy))
    context = {
        "strategy": strategy,
        "form": form,
        "crumbs": [("Uppföljning", _overview_url())],
        "title": ENTRIES_HEADING,
    }
    if not form.is_valid():
        return render(request, "followup/report_entries.html", context, status=400)
    filters = form.filters
    seek = seek_from(request.GET, page_size=ENTRIES_PER_PAGE)
    visible, totals = entry_pages(strategy, filters, request.user, ordering=form.ordering, seek=seek)
    page = Paginator(visible, ENTRIES_PER_PAGE).get_page(request.GET.get("sida"))
    ordering = form.cleaned_data.get("ordning") or ""
    context |= {
        "title": _title(ENTRIES_HEADING, *filters.in_brief(), page=page),
        "crumbs": [("Uppföljning", _overview_url(filters))],
        "filters": filters,
        "totals": totals,
        "page": page,
        "ordering": ordering,
        "ordering_label": ENTRY_ORDERS[ordering][0],
        # Next and previous read on from the page's last or first row, not by offset.
        "next_after": page.object_list[-1].pk if visible.seekable and page.has_next() else "",
        "previous_before": page.object_list[0].pk if visible.seekable and page.has_previous() else "",
    }
    return render(request, "followup/report_entries.html", context)
