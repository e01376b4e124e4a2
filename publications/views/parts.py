"""The parts of a publication that staff write on its page: an annual report's recommendations
and their follow-up year by year, and an evaluation's assessment of each goal area. A
draft's parts change only while it is a draft; a recommendation is followed up after its
report is published too. The access rules are in `common.py`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from strategy.models import GoalArea

from .. import publishing
from ..forms import AssessmentForm, FollowUpForm, RecommendationForm
from ..kinds import ANNUAL_REPORT, EVALUATION
from ..models import Assessment
from .common import crumbs, publication_for_writer, refuse


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_edit(
    request: HttpRequest, strategy: str, year: int, number: int | None = None
) -> HttpResponse:
    report = publication_for_writer(request, ANNUAL_REPORT, {"strategy": strategy, "year": year})
    if report.is_published:
        return refuse(request, report)
    recommendation = get_object_or_404(report.recommendations, number=number) if number else None
    form = RecommendationForm(request.POST or None, instance=recommendation, report=report)
    if request.method == "POST" and form.is_valid():
        recommendation = form.save(commit=False)
        recommendation.report = report
        try:
            publishing.save_recommendation(recommendation=recommendation)
        except ValidationError as error:
            return refuse(request, report, error.messages[0])
        messages.success(request, f"Rekommendation {recommendation.number} är sparad.")
        return redirect(report)
    context = {"form": form, "report": report, "recommendation": recommendation, "crumbs": crumbs(report)}
    return render(request, "publications/recommendation_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_follow_up(request: HttpRequest, strategy: str, year: int, number: int) -> HttpResponse:
    report = publication_for_writer(request, ANNUAL_REPORT, {"strategy": strategy, "year": year})
    recommendation = get_object_or_404(
        report.recommendations.select_related("report__strategy"), number=number
    )
    form = FollowUpForm(request.POST or None, recommendation=recommendation)
    if request.method == "POST" and form.is_valid():
        publishing.record_follow_up(recommendation=recommendation, user=request.user, **form.cleaned_data)
        messages.success(request, f"Uppföljningen av rekommendation {number} ({year}) är sparad.")
        return redirect(report)
    context = {
        "form": form,
        "report": report,
        "recommendation": recommendation,
        "updates": recommendation.updates.order_by("year"),
        "crumbs": crumbs(report),
    }
    return render(request, "publications/follow_up_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request: HttpRequest, strategy: str, kind: str, number: int) -> HttpResponse:
    evaluation = publication_for_writer(request, EVALUATION, {"strategy": strategy, "kind": kind})
    if evaluation.is_published:
        return refuse(request, evaluation)
    goal_area = get_object_or_404(GoalArea, strategy=evaluation.strategy, number=number)
    assessment = Assessment.objects.filter(evaluation=evaluation, goal_area=goal_area).first()
    form = AssessmentForm(request.POST or None, instance=assessment)
    if request.method == "POST" and form.is_valid():
        assessment = form.save(commit=False)
        assessment.evaluation, assessment.goal_area = evaluation, goal_area
        try:
            publishing.save_assessment(assessment=assessment, user=request.user)
        except ValidationError as error:
            return refuse(request, evaluation, error.messages[0])
        messages.success(request, f"Bedömningen av målområde {goal_area.number} är sparad.")
        return redirect(evaluation)
    context = {"form": form, "evaluation": evaluation, "goal_area": goal_area, "crumbs": crumbs(evaluation)}
    return render(request, "publications/assessment_form.html", context)
