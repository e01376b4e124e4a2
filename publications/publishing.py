"""Publishing annual reports and evaluations, and following up recommendations.

Each function is one transaction: a report is published once, with the figures of its
year frozen at that moment, and a recommendation's current status always comes from
its latest year's update.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from followup.models import SpendingEntry
from followup.reports import Breakdown, ReportFilters, build_report
from strategy.models import GoalArea, Strategy

from .models import AnnualReport, Evaluation, PublicationStatus, Recommendation, RecommendationUpdate


def year_has_entries(*, strategy: Strategy, year: int) -> bool:
    return SpendingEntry.objects.for_strategy(strategy).for_year(year).exists()


def year_snapshot(*, strategy: Strategy, year: int) -> dict:
    """That year's figures, every breakdown and matrix, as plain JSON data."""
    return build_report(
        strategy=strategy, filters=ReportFilters(first_year=year, last_year=year)
    ).as_snapshot()


def _refuse_if_published(publication: AnnualReport | Evaluation) -> None:
    if publication.is_published:
        raise ValidationError("Den är redan publicerad. Ingenting har ändrats.", code="already_published")


@transaction.atomic
def publish_report(*, report: AnnualReport, user) -> AnnualReport:
    """Make the report public with its year's figures frozen as they are now."""
    report = AnnualReport.objects.select_for_update().select_related("strategy").get(pk=report.pk)
    _refuse_if_published(report)
    report.snapshot = year_snapshot(strategy=report.strategy, year=report.year)
    report.status = PublicationStatus.PUBLISHED
    report.published_at = timezone.now()
    report.published_by = report.updated_by = user
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def publish_evaluation(*, evaluation: Evaluation, user) -> Evaluation:
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    _refuse_if_published(evaluation)
    evaluation.status = PublicationStatus.PUBLISHED
    evaluation.published_at = timezone.now()
    evaluation.published_by = evaluation.updated_by = user
    evaluation.full_clean()
    evaluation.save()
    return evaluation


@transaction.atomic
def record_follow_up(
    *, recommendation: Recommendation, year: int, status: str, response: str, user
) -> RecommendationUpdate:
    """Store (or replace) the year's update; the recommendation takes the latest year's status."""
    recommendation = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    update, _ = RecommendationUpdate.objects.update_or_create(
        recommendation=recommendation,
        year=year,
        defaults={"status": status, "response": response, "updated_by": user},
    )
    latest = recommendation.updates.order_by("-year").first()
    recommendation.status, recommendation.response = latest.status, latest.response
    recommendation.save(update_fields=["status", "response"])
    return update


def spending_per_goal_area(*, strategy: Strategy, last_year: int) -> dict[int, Breakdown]:
    """Each goal area's spending per year from the strategy's start to `last_year` (goal area pk →
    the by-year breakdown of the reports module). A fixed number of queries per goal area."""
    return {
        area.pk: build_report(
            strategy=strategy,
            filters=ReportFilters(first_year=strategy.start_year, last_year=last_year, goal_area=area),
        ).by_year
        for area in GoalArea.objects.filter(strategy=strategy)
    }
