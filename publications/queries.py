"""What the publication pages read: the queries behind the archive, the annual reports, the
evaluations, the indicators and the API, so that the views only handle requests.

Writes are in `publishing.py`. Every function here reads a fixed number of queries, however
many entries, reports or indicators there are.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from followup.models import SpendingEntry
from followup.reports import Breakdown, ReportFilters, build_report
from strategy.models import GoalArea, Strategy
from strategy.roles import User

from .charts import IndicatorSummary, summarise
from .models import (
    AnnualReport,
    Assessment,
    Evaluation,
    Indicator,
    IndicatorValue,
    Recommendation,
    RecommendationUpdate,
)
from .snapshots import FigureDifference, compare_snapshots, snapshot_sections

# The archive


@dataclass(frozen=True)
class Archive:
    years: list[tuple[int, list[AnnualReport | Evaluation]]]
    drafts: list[AnnualReport | Evaluation]


def archive(user: User) -> Archive:
    """What this user may read: the published reports and evaluations by year, newest first,
    and the drafts apart (only BHU members and staff have any)."""
    reports = AnnualReport.objects.visible_to(user).select_related("strategy")
    evaluations = Evaluation.objects.visible_to(user).select_related("strategy")
    by_year: dict[int, list] = defaultdict(list)
    drafts = []
    for publication in [*reports, *evaluations]:
        (by_year[publication.year] if publication.is_published else drafts).append(publication)
    return Archive(
        years=sorted(by_year.items(), reverse=True),
        drafts=sorted(drafts, key=lambda publication: publication.year, reverse=True),
    )


# Annual reports


def year_has_entries(*, strategy: Strategy, year: int) -> bool:
    return SpendingEntry.objects.for_strategy(strategy).for_year(year).exists()


def year_snapshot(*, strategy: Strategy, year: int) -> dict:
    """That year's figures, every breakdown and matrix, as plain JSON data."""
    return build_report(
        strategy=strategy, filters=ReportFilters(first_year=year, last_year=year)
    ).as_snapshot()


@dataclass(frozen=True)
class ReportFigures:
    """The figures an annual report shows: frozen once published, today's while a draft, and
    how today's differ from the frozen ones."""

    snapshot: dict
    sections: list[dict]
    differences: list[FigureDifference]


def report_figures(report: AnnualReport) -> ReportFigures:
    live = year_snapshot(strategy=report.strategy, year=report.year)
    snapshot = report.snapshot if report.is_published else live
    return ReportFigures(
        snapshot=snapshot,
        sections=snapshot_sections(snapshot),
        differences=compare_snapshots(report.snapshot, live) if report.is_published else [],
    )


def _with_updates() -> Prefetch:
    return Prefetch("updates", queryset=RecommendationUpdate.objects.order_by("year"))


def recommendations(report: AnnualReport) -> QuerySet[Recommendation]:
    """The report's own recommendations, each with its follow-up year by year."""
    return report.recommendations.prefetch_related(_with_updates())


def earlier_recommendations(report: AnnualReport, user: User) -> QuerySet[Recommendation]:
    """The recommendations of the strategy's earlier reports that this user may read."""
    return (
        Recommendation.objects.filter(
            report__in=AnnualReport.objects.visible_to(user),
            report__strategy=report.strategy,
            report__year__lt=report.year,
        )
        .select_related("report")
        .prefetch_related(_with_updates())
        .order_by("report__year", "number")
    )


def published_reports() -> QuerySet[AnnualReport]:
    return AnnualReport.objects.published().select_related("strategy").order_by("strategy__slug", "-year")


def published_report(*, strategy: str, year: int) -> AnnualReport | None:
    return published_reports().filter(strategy__slug=strategy, year=year).first()


# Evaluations


def spending_per_goal_area(*, strategy: Strategy, last_year: int) -> dict[GoalArea, Breakdown]:
    """Each goal area's spending per year from the strategy's start to `last_year` (the by-year
    breakdown of the reports module), in the order of the goal areas' numbers. A fixed number
    of queries per goal area."""
    return {
        area: build_report(
            strategy=strategy,
            filters=ReportFilters(first_year=strategy.start_year, last_year=last_year, goal_area=area),
        ).by_year
        for area in GoalArea.objects.filter(strategy=strategy).order_by("number")
    }


def spending_last_year(evaluation: Evaluation) -> int:
    """The last year an evaluation's evidence covers: its own year, at most the strategy's last."""
    return min(evaluation.year, evaluation.strategy.end_year)


def evaluation_sections(evaluation: Evaluation) -> list[dict]:
    """One section per goal area: its assessment (or None), its indicators and its spending."""
    strategy = evaluation.strategy
    assessments = {a.goal_area_id: a for a in Assessment.objects.filter(evaluation=evaluation)}
    summaries = defaultdict(list)
    for indicator in indicators_with_values().filter(goal_area__strategy=strategy):
        summaries[indicator.goal_area_id].append(summarise(indicator))
    spending = spending_per_goal_area(strategy=strategy, last_year=spending_last_year(evaluation))
    return [
        {
            "goal_area": area,
            "assessment": assessments.get(area.pk),
            "indicators": summaries[area.pk],
            "spending": by_year,
        }
        for area, by_year in spending.items()
    ]


# Indicators


def indicators_with_values() -> QuerySet[Indicator]:
    return Indicator.objects.select_related("goal_area", "priority", "focus_area").prefetch_related(
        Prefetch("values", queryset=IndicatorValue.objects.order_by("area", "year"))
    )


def indicators_by_goal_area() -> list[tuple[GoalArea, list[IndicatorSummary]]]:
    by_goal_area: dict[GoalArea, list[IndicatorSummary]] = defaultdict(list)
    for indicator in indicators_with_values():
        by_goal_area[indicator.goal_area].append(summarise(indicator))
    return list(by_goal_area.items())
