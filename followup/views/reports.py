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
from django.urls import reverse
from django.views.decorators.http import require_safe

from strategy import roles
from strategy.models import Strategy
from strategy.shortcuts import current_strategy_or_404

from ..report_forms import ENTRY_ORDERS, EntryListForm, ReportFilterForm
from ..reports import (
    ReportChoices,
    ReportFilters,
    build_report,
    entry_pages,
    load_choices,
    year_over_year,
)

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


def _report_page(
    request: HttpRequest,
    page: str,
    *,
    strategy: Strategy,
    choices: ReportChoices,
    subject: str | None = None,
    fixed: dict | None = None,
    **context,
) -> HttpResponse:
    """A report page: the overview, or the page of one value of a dimension (`fixed`),
    which is its `subject`."""
    template = f"followup/report_{page}.html"
    named = [subject] if subject else []
    form = ReportFilterForm(request.GET, strategy=strategy, choices=choices, fixed=fixed)
    context |= {
        "strategy": strategy,
        "form": form,
        "crumbs": [("Uppföljning", _overview_url())],
        "title": _title("Uppföljning", *named),
    }
    if not form.is_valid():
        return render(request, template, context, status=400)
    report = build_report(strategy=strategy, filters=form.filters, choices=choices)
    if fixed:
        context["crumbs"] = [("Uppföljning", _overview_url(report.filters.narrowed(**dict.fromkeys(fixed))))]
    context |= {
        "title": _title("Uppföljning", *named, *report.filters.in_brief(leave_out=fixed or ())),
        "report": report,
        "sections": report.sections(page),
        "period": report.filters.period,
        "previous_year": report.comparison_years[0],
        "years": year_over_year(report.by_year),
    }
    return render(request, template, context)


@report_reader_required
def report_overview(request: HttpRequest) -> HttpResponse:
    strategy = current_strategy_or_404(request)
    return _report_page(request, "overview", strategy=strategy, choices=load_choices(strategy))


def _area_page(request: HttpRequest, name: str, **match) -> HttpResponse:
    """The report narrowed to the value of dimension `name` that the address names, or 404."""
    strategy = current_strategy_or_404(request)
    choices = load_choices(strategy)
    value = _find(choices.of(name), **match)
    return _report_page(
        request,
        name,
        strategy=strategy,
        choices=choices,
        subject=value.name,
        fixed={name: value},
        **{name: value},
    )


@report_reader_required
def report_focus_area(request: HttpRequest, number: int) -> HttpResponse:
    return _area_page(request, "focus_area", number=number)


@report_reader_required
def report_goal_area(request: HttpRequest, number: int) -> HttpResponse:
    return _area_page(request, "goal_area", number=number)


@report_reader_required
def report_actor(request: HttpRequest, slug: str) -> HttpResponse:
    return _area_page(request, "actor", slug=slug)


@report_reader_required
def report_entries(request: HttpRequest) -> HttpResponse:
    """The entries behind a figure: its total over all of them, one page of those the user
    may read one by one."""
    strategy = current_strategy_or_404(request)
    form = EntryListForm(request.GET, strategy=strategy, choices=load_choices(strategy))
    context = {
        "strategy": strategy,
        "form": form,
        "crumbs": [("Uppföljning", _overview_url())],
        "title": ENTRIES_HEADING,
    }
    if not form.is_valid():
        return render(request, "followup/report_entries.html", context, status=400)
    filters = form.filters
    visible, totals = entry_pages(strategy, filters, request.user, ordering=form.ordering)
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
    }
    return render(request, "followup/report_entries.html", context)
