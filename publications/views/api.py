"""JSON for other systems: the published annual reports, their frozen figures and the
corrections recorded since (errata), for everyone. A draft is a 404 here even for BHU and
staff: they read drafts on the report's page."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from followup.spreadsheets.workbook import api_timestamp

from .. import queries
from ..models import AnnualReport

_JSON = {"json_dumps_params": {"ensure_ascii": False}}


def _report_fields(request: HttpRequest, report: AnnualReport) -> dict:
    return {
        "strategy": report.strategy.slug,
        "year": report.year,
        "title": report.title,
        "published_at": api_timestamp(report.published_at),
        "url": request.build_absolute_uri(
            reverse("publications:api_report", args=[report.strategy.slug, report.year])
        ),
        "page": request.build_absolute_uri(report.get_absolute_url()),
    }


def _errata(report: AnnualReport) -> list[dict]:
    return [
        {
            "text": erratum.text,
            "recorded_at": api_timestamp(erratum.recorded_at),
            "recorded_by": erratum.recorded_by.get_full_name() or erratum.recorded_by.get_username(),
        }
        for erratum in queries.errata(report)
    ]


@require_safe
def api_reports(request: HttpRequest) -> HttpResponse:
    results = [_report_fields(request, report) for report in queries.published_reports()]
    return JsonResponse({"results": results, "count": len(results)}, **_JSON)


@require_safe
def api_report(request: HttpRequest, strategy: str, year: int) -> HttpResponse:
    """A published report's figures as frozen when it was published, and its corrections."""
    report = queries.published_report(strategy=strategy, year=year)
    if report is None:
        return JsonResponse(
            {"error": f"Det finns ingen publicerad årsrapport för {strategy} {year}."}, status=404, **_JSON
        )
    snapshot = queries.report_figures(report, with_live=False).snapshot
    fields = _report_fields(request, report) | {"snapshot": snapshot, "errata": _errata(report)}
    return JsonResponse(fields, **_JSON)
