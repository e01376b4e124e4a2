"""Spreadsheet views: the import template, upload, preview and confirmation, import history,
the entry list as .xlsx, CSV and JSON, and the report's tables as .xlsx, CSV and JSON.
The work happens in followup.spreadsheets.
"""

import logging
import secrets
from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_safe

from followup.models import ImportBatch, ReportingYear, SpendingEntry
from followup.report_forms import ReportFilterForm
from followup.reports import Report, build_report, load_choices
from followup.spreadsheets import exports, pending, report_exports, workbook
from followup.spreadsheets.applying import apply_import
from followup.spreadsheets.forms import ActorYearForm, UploadForm, limits_text
from followup.spreadsheets.plan import ImportOutdated, ImportPlan, ImportRefused, StoredPlan
from followup.spreadsheets.planning import plan_import
from followup.spreadsheets.template import build_template
from followup.spreadsheets.upload import SheetRows
from strategy import page_cache, roles
from strategy.shortcuts import current_strategy_or_404

from .reports import report_reader_required

SESSION_KEY = "followup_import_token"
logger = logging.getLogger(__name__)


def _developer_required(view: Callable) -> Callable:
    """Signed in (else to sign-in), a regional developer with an actor (else 403)."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not roles.is_developer(request.user) or not roles.editable_actors(request.user).exists():
            raise PermissionDenied("Bara regionutvecklare kan importera insatser.")
        return view(request, *args, **kwargs)

    return wrapped


def _made_by(request: HttpRequest) -> str:
    return request.user.get_full_name() or request.user.get_username()


@require_GET
@_developer_required
def import_template(request: HttpRequest) -> HttpResponse:
    strategy = current_strategy_or_404(request)
    actor = get_object_or_404(roles.editable_actors(request.user), slug=request.GET.get("actor", ""))
    year_text = request.GET.get("year", "")
    year = get_object_or_404(
        ReportingYear.objects.select_related("strategy"),
        strategy=strategy,
        year=int(year_text) if year_text.isdigit() else -1,
    )
    content = build_template(actor=actor, reporting_year=year, made_by=_made_by(request))
    response = HttpResponse(content, content_type=workbook.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="importmall-{actor.slug}-{year.year}.xlsx"'
    return response


@require_http_methods(["GET", "POST"])
@_developer_required
def import_upload(request: HttpRequest) -> HttpResponse:
    strategy = current_strategy_or_404(request)
    template_form = ActorYearForm(
        request.GET or None, user=request.user, strategy=strategy, auto_id="mall_%s"
    )
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES, user=request.user, strategy=strategy)
        if form.is_valid():
            sheet: SheetRows = form.cleaned_data["file"]
            token = pending.store(
                sheet,
                user=request.user,
                actor=form.cleaned_data["actor"],
                reporting_year=form.cleaned_data["year"],
            )
            # The session names the one upload it may preview, so an older tab, or
            # another browser, cannot confirm a newer file.
            request.session[SESSION_KEY] = token
            return redirect("followup:import_preview", token=token)
    else:
        form = UploadForm(user=request.user, strategy=strategy, initial=request.GET.dict())
    context = {"form": form, "template_form": template_form, "limits": limits_text(), "crumbs": []}
    return render(request, "followup/import_upload.html", context)


def _gone(request: HttpRequest, message: str) -> HttpResponse:
    messages.warning(request, message)
    return redirect("followup:import_upload")


@require_http_methods(["GET", "POST"])
@_developer_required
def import_preview(request: HttpRequest, token: str) -> HttpResponse:
    if not secrets.compare_digest(request.session.get(SESSION_KEY, ""), token):
        return _gone(request, pending.GONE)
    try:
        # Confirming a kept plan reads the rows only if they must be planned again.
        waiting = pending.load(token, user=request.user, rows=request.method != "POST")
    except pending.PendingGone as gone:
        return _gone(request, str(gone))
    # Not limited to editable actors here: plan_import refuses those with a message.
    actor, year = waiting.actor, waiting.reporting_year
    try:
        if request.method == "POST":
            return _confirm(request, waiting)
        # Read before planning, so that a write while planning makes the confirmation plan again.
        version = page_cache.data_version()
        plan = plan_import(waiting.sheet, user=request.user, actor=actor, reporting_year=year)
        valid = plan.is_valid and version is not None
        kept = StoredPlan.of(plan, data_version=version) if valid else None
        pending.keep_plan(waiting, kept, user=request.user)
    except ArithmeticError:
        # Rows that no amount rule can read must not fail every reload of the page.
        logger.exception("A pending import of user %s could not be planned", request.user.pk)
        pending.discard(token, user=request.user)
        return _gone(request, pending.BROKEN)
    return _render_preview(request, plan, token)


def _confirm(request: HttpRequest, waiting: pending.Pending) -> HttpResponse:
    try:
        batch = apply_import(
            lambda: waiting.sheet,
            user=request.user,
            actor=waiting.actor,
            reporting_year=waiting.reporting_year,
            fingerprint=request.POST.get("fingerprint", ""),
            stored=waiting.plan,
        )
    except ImportRefused as refused:
        return _render_preview(request, refused.plan, waiting.token)
    except ImportOutdated:
        messages.warning(
            request,
            "Insatserna har ändrats sedan du granskade filen. Ingenting har sparats. "
            "Granska den nya förhandsgranskningen och bekräfta igen.",
        )
        return redirect("followup:import_preview", token=waiting.token)
    pending.discard(waiting.token, user=request.user)
    del request.session[SESSION_KEY]
    messages.success(
        request,
        f"Importen av {batch.file_name} är klar: {batch.created_count} nya, "
        f"{batch.updated_count} ändrade och {batch.unchanged_count} oförändrade insatser.",
    )
    return redirect("followup:import_list")


def _render_preview(request: HttpRequest, plan: ImportPlan, token: str) -> HttpResponse:
    context = {
        "plan": plan,
        "token": token,
        "fingerprint": plan.fingerprint(),
        "crumbs": [("Importera", reverse("followup:import_upload"))],
    }
    return render(request, "followup/import_preview.html", context)


@require_GET
@login_required
def import_list(request: HttpRequest) -> HttpResponse:
    batches = ImportBatch.objects.select_related("created_by", "actor", "reporting_year")
    if not roles.can_read_all(request.user):
        if not roles.is_developer(request.user):
            raise PermissionDenied
        batches = batches.filter(actor__in=roles.editable_actors(request.user))
    return render(request, "followup/import_list.html", {"batches": batches[:200]})


def _filters(request: HttpRequest) -> exports.EntryFilters:
    return exports.EntryFilters.from_query(request.GET, strategy=current_strategy_or_404(request))


@require_GET
@login_required
def entry_export(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        filters = _filters(request)
    except exports.FilterError as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    entries = filters.apply(SpendingEntry.objects.visible_to(request.user))
    table = exports.entry_table(entries, filters=filters, made_by=_made_by(request))
    if fmt == "csv":
        return workbook.csv_response(table, f"{filters.file_stem()}.csv")
    return workbook.xlsx_response(table, f"{filters.file_stem()}.xlsx")


@require_GET
def api_entries(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return JsonResponse(
            {"error": "Logga in för att läsa enskilda insatser. Sammanställningar finns i rapporterna."},
            status=401,
        )
    try:
        filters = _filters(request)
    except exports.FilterError as error:
        return JsonResponse({"error": str(error)}, status=400)
    entries = filters.apply(SpendingEntry.objects.visible_to(request.user))
    return workbook.json_response(
        meta={
            "url": request.build_absolute_uri(reverse("followup:api_entries")),
            "filters": filters.as_dict(),
            "generated_at": timezone.now(),
        },
        rows=exports.api_rows(entries),
        total_keys=["amount"],
    )


def _report_or_errors(request: HttpRequest) -> Report | str:
    """The report for the overview's filters in the query string, or the form's Swedish
    messages in one line."""
    strategy = current_strategy_or_404(request)
    choices = load_choices(strategy)
    form = ReportFilterForm(request.GET, strategy=strategy, choices=choices)
    if not form.is_valid():
        return " ".join(
            f"{form.fields[name].label}: {message}" if name in form.fields else message
            for name, messages_of_field in form.errors.items()
            for message in messages_of_field
        )
    return build_report(strategy=strategy, filters=form.filters, choices=choices)


@report_reader_required
def report_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every table of a report as sheets of one workbook, or one table (`?tabell=`) as CSV."""
    report = _report_or_errors(request)
    if isinstance(report, str):
        return HttpResponseBadRequest(report, content_type="text/plain; charset=utf-8")
    made_by = _made_by(request)
    if fmt == "xlsx":
        tables = report_exports.report_tables(report, made_by=made_by)
        return workbook.xlsx_response(tables, f"{report_exports.file_stem(report)}.xlsx")
    name = request.GET.get("tabell", "")
    try:
        table = report_exports.report_table(report, name, made_by=made_by)
    except report_exports.UnknownTable as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    return workbook.csv_response(table, f"{report_exports.file_stem(report, name)}.csv")


@require_safe
def api_report(request: HttpRequest) -> HttpResponse:
    """Today's figures for the filters, as `Report.as_snapshot()`: for report readers only;
    published figures are open to everyone at /api/v1/arsrapporter/."""
    if not request.user.is_authenticated:
        return JsonResponse(
            {"error": "Logga in för att läsa rapporterna. Publicerade siffror: /api/v1/arsrapporter/."},
            status=401,
        )
    if not roles.can_read_reports(request.user):
        return JsonResponse({"error": "Du har inte behörighet att läsa rapporterna."}, status=403)
    report = _report_or_errors(request)
    if isinstance(report, str):
        return JsonResponse({"error": report}, status=400)
    return JsonResponse(report.as_snapshot(), json_dumps_params={"ensure_ascii": False})
