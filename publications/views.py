"""Pages of the annual reports, evaluations and indicators.

Who sees what, in every view: anonymous visitors and regional developers read what is
published; BHU members and staff also read drafts; only staff write and publish. A
draft asked for by someone who may not read it is a 404 (it reveals nothing), a write
asked for by a reader who is not staff is a 403, and an anonymous visitor is sent to
sign in before any write. The JSON API (`api_reports`, `api_report`) serves only
published reports, to everyone: a draft is a 404 there even for BHU and staff.
"""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from strategy import roles
from strategy.models import GoalArea
from strategy.shortcuts import current_strategy_or_404

from . import publishing
from .charts import summarise
from .forms import (
    AnnualReportForm,
    AssessmentForm,
    EvaluationForm,
    FollowUpForm,
    IndicatorImportForm,
    PublishForm,
    RecommendationForm,
)
from .indicator_import import ImportRefused, import_indicator_values
from .models import (
    AnnualReport,
    Assessment,
    Evaluation,
    Indicator,
    IndicatorValue,
    Rating,
    Recommendation,
    RecommendationUpdate,
)
from .pdf import render_pdf
from .snapshots import compare_snapshots, snapshot_sections

PUBLISHED_ONLY_MESSAGE = "En publicerad rapport ändras inte. Ingenting har ändrats."


def _require_staff(request: HttpRequest) -> None:
    if not roles.is_admin(request.user):
        raise PermissionDenied("Bara administratörer skriver och publicerar rapporter.")


def _report_for_reader(request: HttpRequest, strategy: str, year: int) -> AnnualReport:
    return get_object_or_404(
        AnnualReport.objects.visible_to(request.user).select_related("strategy", "published_by"),
        strategy__slug=strategy,
        year=year,
    )


def _report_for_writer(request: HttpRequest, strategy: str, year: int) -> AnnualReport:
    report = _report_for_reader(request, strategy, year)
    _require_staff(request)
    return report


def _evaluation_for_reader(request: HttpRequest, strategy: str, kind: str) -> Evaluation:
    return get_object_or_404(
        Evaluation.objects.visible_to(request.user).select_related("strategy", "published_by"),
        strategy__slug=strategy,
        kind=kind,
    )


def _evaluation_for_writer(request: HttpRequest, strategy: str, kind: str) -> Evaluation:
    evaluation = _evaluation_for_reader(request, strategy, kind)
    _require_staff(request)
    return evaluation


def _refuse_published(request: HttpRequest, publication: AnnualReport | Evaluation) -> HttpResponse:
    messages.error(request, PUBLISHED_ONLY_MESSAGE)
    return redirect(publication)


def _pdf_response(request: HttpRequest, template: str, context: dict, filename: str) -> HttpResponse:
    html = render_to_string(template, context, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Archive


@require_safe
def archive(request: HttpRequest) -> HttpResponse:
    reports = AnnualReport.objects.visible_to(request.user).select_related("strategy")
    evaluations = Evaluation.objects.visible_to(request.user).select_related("strategy")
    by_year: dict[int, list] = defaultdict(list)
    drafts = []
    for publication in [*reports, *evaluations]:
        (by_year[publication.year] if publication.is_published else drafts).append(publication)
    return render(
        request,
        "publications/archive.html",
        {
            "years": sorted(by_year.items(), reverse=True),
            "drafts": sorted(drafts, key=lambda publication: publication.year, reverse=True),
        },
    )


# Annual reports


def _report_context(request: HttpRequest, report: AnnualReport) -> dict:
    visible_reports = AnnualReport.objects.visible_to(request.user)
    updates = Prefetch("updates", queryset=RecommendationUpdate.objects.order_by("year"))
    earlier = (
        Recommendation.objects.filter(
            report__in=visible_reports, report__strategy=report.strategy, report__year__lt=report.year
        )
        .select_related("report")
        .prefetch_related(updates)
        .order_by("report__year", "number")
    )
    live = publishing.year_snapshot(strategy=report.strategy, year=report.year)
    snapshot = report.snapshot if report.is_published else live
    return {
        "report": report,
        "strategy": report.strategy,
        "recommendations": report.recommendations.prefetch_related(updates),
        "earlier_recommendations": earlier,
        "snapshot": snapshot,
        "sections": snapshot_sections(snapshot),
        "differences": compare_snapshots(report.snapshot, live) if report.is_published else [],
        "can_write": roles.is_admin(request.user),
    }


@require_safe
def report_detail(request: HttpRequest, strategy: str, year: int) -> HttpResponse:
    report = _report_for_reader(request, strategy, year)
    return render(request, "publications/report_detail.html", _report_context(request, report))


@require_safe
def report_pdf(request: HttpRequest, strategy: str, year: int) -> HttpResponse:
    report = _report_for_reader(request, strategy, year)
    return _pdf_response(
        request,
        "publications/pdf/report.html",
        _report_context(request, report),
        f"arsrapport-{report.strategy.slug}-{report.year}.pdf",
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    strategy = current_strategy_or_404()
    form = AnnualReportForm(request.POST or None, strategy=strategy)
    if request.method == "POST" and form.is_valid():
        report = form.save(commit=False)
        report.strategy = strategy
        report.created_by = report.updated_by = request.user
        report.save()
        messages.success(request, f"Utkastet till årsrapporten för {report.year} är sparat.")
        return redirect(report)
    return render(
        request, "publications/report_form.html", {"form": form, "report": None, "strategy": strategy}
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_edit(request: HttpRequest, strategy: str, year: int) -> HttpResponse:
    report = _report_for_writer(request, strategy, year)
    if report.is_published:
        return _refuse_published(request, report)
    form = AnnualReportForm(request.POST or None, instance=report, strategy=report.strategy)
    if request.method == "POST" and form.is_valid():
        report = form.save(commit=False)
        report.updated_by = request.user
        report.save()
        messages.success(request, "Utkastet är sparat.")
        return redirect(report)
    return render(
        request,
        "publications/report_form.html",
        {"form": form, "report": report, "strategy": report.strategy},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_publish(request: HttpRequest, strategy: str, year: int) -> HttpResponse:
    report = _report_for_writer(request, strategy, year)
    if report.is_published:
        return _refuse_published(request, report)
    has_entries = publishing.year_has_entries(strategy=report.strategy, year=report.year)
    # An empty POST is still a confirmation: the form may have no fields at all.
    data = request.POST if request.method == "POST" else None
    form = PublishForm(data, needs_empty_confirmation=not has_entries)
    if request.method == "POST" and form.is_valid():
        try:
            report = publishing.publish_report(report=report, user=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(report)
        messages.success(
            request, f"Årsrapporten för {report.year} är publicerad och årets siffror är frysta."
        )
        return redirect(report)
    return render(
        request,
        "publications/publish_confirm.html",
        {"form": form, "publication": report, "has_entries": has_entries, "is_report": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_edit(
    request: HttpRequest, strategy: str, year: int, number: int | None = None
) -> HttpResponse:
    report = _report_for_writer(request, strategy, year)
    if report.is_published:
        return _refuse_published(request, report)
    recommendation = get_object_or_404(report.recommendations, number=number) if number else None
    initial = {} if recommendation else {"number": report.recommendations.count() + 1}
    form = RecommendationForm(request.POST or None, instance=recommendation, initial=initial, report=report)
    if request.method == "POST" and form.is_valid():
        recommendation = form.save(commit=False)
        recommendation.report = report
        recommendation.save()
        messages.success(request, f"Rekommendation {recommendation.number} är sparad.")
        return redirect(report)
    return render(
        request,
        "publications/recommendation_form.html",
        {"form": form, "report": report, "recommendation": recommendation},
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_follow_up(request: HttpRequest, strategy: str, year: int, number: int) -> HttpResponse:
    report = _report_for_writer(request, strategy, year)
    recommendation = get_object_or_404(
        report.recommendations.select_related("report__strategy"), number=number
    )
    latest = recommendation.updates.order_by("-year").first()
    initial = {"status": recommendation.status, "response": recommendation.response}
    initial["year"] = latest.year if latest else report.year
    form = FollowUpForm(request.POST or None, initial=initial, recommendation=recommendation)
    if request.method == "POST" and form.is_valid():
        publishing.record_follow_up(recommendation=recommendation, user=request.user, **form.cleaned_data)
        messages.success(request, f"Uppföljningen av rekommendation {number} ({year}) är sparad.")
        return redirect(report)
    return render(
        request,
        "publications/follow_up_form.html",
        {
            "form": form,
            "report": report,
            "recommendation": recommendation,
            "updates": recommendation.updates.order_by("year"),
        },
    )


# Evaluations


def _evaluation_context(request: HttpRequest, evaluation: Evaluation) -> dict:
    strategy = evaluation.strategy
    goal_areas = list(GoalArea.objects.filter(strategy=strategy).order_by("number"))
    assessments = {a.goal_area_id: a for a in Assessment.objects.filter(evaluation=evaluation)}
    indicators = Indicator.objects.filter(goal_area__strategy=strategy).prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.order_by("area", "year"))
    )
    summaries = defaultdict(list)
    for indicator in indicators:
        summaries[indicator.goal_area_id].append(summarise(indicator))
    spending_last_year = min(evaluation.year, strategy.end_year)
    spending = publishing.spending_per_goal_area(strategy=strategy, last_year=spending_last_year)
    sections = [
        {
            "goal_area": area,
            "assessment": assessments.get(area.pk),
            "indicators": summaries[area.pk],
            "spending": spending[area.pk],
        }
        for area in goal_areas
    ]
    return {
        "evaluation": evaluation,
        "strategy": strategy,
        "sections": sections,
        "spending_last_year": spending_last_year,
        "ratings": Rating.choices,
        "can_write": roles.is_admin(request.user),
    }


@require_safe
def evaluation_detail(request: HttpRequest, strategy: str, kind: str) -> HttpResponse:
    evaluation = _evaluation_for_reader(request, strategy, kind)
    return render(request, "publications/evaluation_detail.html", _evaluation_context(request, evaluation))


@require_safe
def evaluation_pdf(request: HttpRequest, strategy: str, kind: str) -> HttpResponse:
    evaluation = _evaluation_for_reader(request, strategy, kind)
    return _pdf_response(
        request,
        "publications/pdf/evaluation.html",
        _evaluation_context(request, evaluation),
        f"utvardering-{evaluation.strategy.slug}-{evaluation.kind}.pdf",
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_create(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    strategy = current_strategy_or_404()
    form = EvaluationForm(request.POST or None, strategy=strategy)
    if request.method == "POST" and form.is_valid():
        evaluation = form.save(commit=False)
        evaluation.strategy = strategy
        evaluation.created_by = evaluation.updated_by = request.user
        evaluation.save()
        messages.success(request, f"Utkastet till {evaluation.get_kind_display().lower()} är sparat.")
        return redirect(evaluation)
    return render(
        request, "publications/evaluation_form.html", {"form": form, "evaluation": None, "strategy": strategy}
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_edit(request: HttpRequest, strategy: str, kind: str) -> HttpResponse:
    evaluation = _evaluation_for_writer(request, strategy, kind)
    if evaluation.is_published:
        return _refuse_published(request, evaluation)
    form = EvaluationForm(request.POST or None, instance=evaluation, strategy=evaluation.strategy)
    if request.method == "POST" and form.is_valid():
        evaluation = form.save(commit=False)
        evaluation.updated_by = request.user
        evaluation.save()
        messages.success(request, "Utkastet är sparat.")
        return redirect(evaluation)
    return render(
        request,
        "publications/evaluation_form.html",
        {"form": form, "evaluation": evaluation, "strategy": evaluation.strategy},
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, strategy: str, kind: str, number: int) -> HttpResponse:
    evaluation = _evaluation_for_writer(request, strategy, kind)
    if evaluation.is_published:
        return _refuse_published(request, evaluation)
    goal_area = get_object_or_404(GoalArea, strategy=evaluation.strategy, number=number)
    assessment = Assessment.objects.filter(evaluation=evaluation, goal_area=goal_area).first()
    form = AssessmentForm(request.POST or None, instance=assessment)
    if request.method == "POST" and form.is_valid():
        assessment = form.save(commit=False)
        assessment.evaluation, assessment.goal_area = evaluation, goal_area
        assessment.save()
        evaluation.updated_by = request.user
        evaluation.save(update_fields=["updated_by", "updated_at"])
        messages.success(request, f"Bedömningen av målområde {goal_area.number} är sparad.")
        return redirect(evaluation)
    return render(
        request,
        "publications/assessment_form.html",
        {"form": form, "evaluation": evaluation, "goal_area": goal_area},
    )


@login_required
@require_http_methods(["GET", "POST"])
def evaluation_publish(request: HttpRequest, strategy: str, kind: str) -> HttpResponse:
    evaluation = _evaluation_for_writer(request, strategy, kind)
    if evaluation.is_published:
        return _refuse_published(request, evaluation)
    form = PublishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = publishing.publish_evaluation(evaluation=evaluation, user=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect(evaluation)
        messages.success(request, f"{evaluation.get_kind_display()} är publicerad.")
        return redirect(evaluation)
    return render(
        request,
        "publications/publish_confirm.html",
        {"form": form, "publication": evaluation, "has_entries": True, "is_report": False},
    )


# Indicators


def _indicators_with_values():
    return Indicator.objects.select_related("goal_area", "priority", "focus_area").prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.order_by("area", "year"))
    )


@require_safe
def indicator_list(request: HttpRequest) -> HttpResponse:
    by_goal_area: dict[GoalArea, list] = defaultdict(list)
    for indicator in _indicators_with_values():
        by_goal_area[indicator.goal_area].append(summarise(indicator))
    return render(
        request,
        "publications/indicator_list.html",
        {"goal_areas": list(by_goal_area.items()), "can_write": roles.is_admin(request.user)},
    )


@require_safe
def indicator_detail(request: HttpRequest, key: str) -> HttpResponse:
    indicator = get_object_or_404(_indicators_with_values(), key=key)
    return render(request, "publications/indicator_detail.html", {"summary": summarise(indicator)})


@login_required
@require_http_methods(["GET", "POST"])
def indicator_import(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    form = IndicatorImportForm(request.POST or None, request.FILES or None)
    problems = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_indicator_values(name=upload.name, data=upload.read())
        except ImportRefused as refused:
            problems = refused.problems
            form.add_error("file", "Filen importerades inte. Ingenting har ändrats. Se felen nedan.")
        else:
            messages.success(
                request,
                f"Importen är klar: {result.created} nya värden, {result.updated} ändrade, "
                f"{result.unchanged} oförändrade.",
            )
            return redirect("publications:indicator_list")
    return render(request, "publications/indicator_import.html", {"form": form, "problems": problems})


def _api_report_fields(request: HttpRequest, report: AnnualReport) -> dict:
    return {
        "strategy": report.strategy.slug,
        "year": report.year,
        "title": report.title,
        "published_at": report.published_at.isoformat(),
        "url": request.build_absolute_uri(
            reverse("publications:api_report", args=[report.strategy.slug, report.year])
        ),
        "page": request.build_absolute_uri(report.get_absolute_url()),
    }


@require_safe
def api_reports(request: HttpRequest) -> HttpResponse:
    """Every published annual report, for everyone: the API publishes only what is published."""
    reports = AnnualReport.objects.published().select_related("strategy").order_by("strategy__slug", "-year")
    results = [_api_report_fields(request, report) for report in reports]
    return JsonResponse(
        {"results": results, "count": len(results)}, json_dumps_params={"ensure_ascii": False}
    )


@require_safe
def api_report(request: HttpRequest, strategy: str, year: int) -> HttpResponse:
    """A published report's figures as frozen when it was published. Drafts are 404 for
    everyone, BHU and staff too: they read drafts on the report's page, not here."""
    report = (
        AnnualReport.objects.published()
        .select_related("strategy")
        .filter(strategy__slug=strategy, year=year)
        .first()
    )
    if report is None:
        return JsonResponse(
            {"error": f"Det finns ingen publicerad årsrapport för {strategy} {year}."},
            status=404,
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse(
        _api_report_fields(request, report) | {"snapshot": report.snapshot},
        json_dumps_params={"ensure_ascii": False},
    )
