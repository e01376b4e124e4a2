"""What the publication pages read: the queries behind the archive, the annual reports, the
evaluations, the indicators and the API, so that the views only handle requests.

Writes are in `publishing.py`. Every function here reads a fixed number of queries, however
many entries, reports or indicators there are.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet, Sum

from followup.models import EntryTotal, ReportingYear, SpendingEntry
from followup.reports import ReportFilters, build_report
from strategy.models import GoalArea, Strategy
from strategy.roles import User

from .charts import IndicatorSummary, summarise
from .evidence import (
    EvidenceDifferences,
    Spending,
    SpendingByYear,
    compare_evidence,
    evidence_sections,
    indicator_data,
)
from .models import (
    AnnualReport,
    Assessment,
    Erratum,
    Evaluation,
    Indicator,
    IndicatorValue,
    Recommendation,
    RecommendationUpdate,
)
from .snapshots import FigureDifference, compare_snapshots, snapshot_for_display, snapshot_sections

ZERO = Decimal("0.00")


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
    how today's differ from the frozen ones (None for those who do not read today's figures)."""

    snapshot: dict
    sections: list[dict]
    differences: list[FigureDifference] | None


def report_figures(report: AnnualReport, *, with_live: bool) -> ReportFigures:
    """Today's figures are computed only when they are shown: for a draft, or beside the frozen
    ones for a reader who may read today's."""
    if not report.is_published:
        live = year_snapshot(strategy=report.strategy, year=report.year)
        return ReportFigures(snapshot=live, sections=snapshot_sections(live), differences=None)
    # Every page, PDF and API answer reads a published report's frozen figures here, and only here.
    frozen = snapshot_for_display(report.snapshot, start_year=report.strategy.start_year)
    differences = (
        compare_snapshots(frozen, year_snapshot(strategy=report.strategy, year=report.year))
        if with_live
        else None
    )
    return ReportFigures(snapshot=frozen, sections=snapshot_sections(frozen), differences=differences)


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


def errata(publication: AnnualReport | Evaluation) -> QuerySet[Erratum]:
    """The corrections recorded for a publication, oldest first."""
    return publication.errata.select_related("recorded_by")


def published_report(*, strategy: str, year: int) -> AnnualReport | None:
    return published_reports().filter(strategy__slug=strategy, year=year).first()


# Evaluations


def spending_per_goal_area(*, strategy: Strategy, last_year: int) -> dict[GoalArea, SpendingByYear]:
    """Each goal area's spending per year from the strategy's first year to `last_year`, every
    year listed (at zero too), in the order of the goal areas' numbers.

    Three queries, however many entries and goal areas: the goal areas, the reporting years,
    and one query over the running totals (`EntryTotal`) grouped by year and goal area.
    """
    years = range(strategy.start_year, last_year + 1)
    year_of = dict(ReportingYear.objects.filter(strategy=strategy, year__in=years).values_list("pk", "year"))
    # A literal list of year ids, as the report module does, so that PostgreSQL estimates the rows right.
    rows = (
        EntryTotal.objects.filter(reporting_year_id__in=list(year_of))
        .values("goal_area_id", "reporting_year_id")
        .annotate(total=Sum("total"), count=Sum("entry_count"))
        .order_by()
    )
    sums = {(row["goal_area_id"], year_of[row["reporting_year_id"]]): row for row in rows}
    spending = {}
    for area in GoalArea.objects.filter(strategy=strategy).order_by("number"):
        figures = [_spending(str(year), sums.get((area.pk, year))) for year in years]
        total = Spending(
            label="Totalt",
            total=sum((figure.total for figure in figures), ZERO),
            count=sum(figure.count for figure in figures),
        )
        spending[area] = SpendingByYear(figures=figures, total=total)
    return spending


def _spending(label: str, row: dict | None) -> Spending:
    if row is None:
        return Spending(label=label, total=ZERO, count=0)
    # SQLite sums decimals as floating point; kronor and öre are what the figures mean.
    return Spending(label=label, total=Decimal(row["total"]).quantize(ZERO), count=row["count"])


def spending_last_year(evaluation: Evaluation) -> int:
    """The last year an evaluation's evidence covers: its own year, at most the strategy's last."""
    return min(evaluation.year, evaluation.strategy.end_year)


def live_evidence(evaluation: Evaluation) -> dict:
    """Today's evidence of the evaluation as JSON data (see `evidence.py`): what publishing freezes.

    Only indicator values measured up to the evaluation's own year are cited: an evaluation
    of 2017 knew nothing of 2018."""
    strategy = evaluation.strategy
    spending = spending_per_goal_area(strategy=strategy, last_year=spending_last_year(evaluation))
    number_of = {area.pk: area.number for area in spending}
    indicators = indicators_with_values(up_to=evaluation.year).filter(goal_area__strategy=strategy)
    return {
        "goal_areas": [
            {
                "number": area.number,
                "name": area.name,
                "spending": [
                    {"year": int(figure.label), "total": str(figure.total), "count": figure.count}
                    for figure in by_year.figures
                ],
            }
            for area, by_year in spending.items()
        ],
        "indicators": [
            indicator_data(indicator, number_of[indicator.goal_area_id]) for indicator in indicators
        ],
    }


@dataclass(frozen=True)
class EvaluationEvidence:
    """The evidence an evaluation shows: frozen once published, today's while a draft, and how
    today's differs from the frozen evidence (None for those who do not read today's figures)."""

    sections: list[dict]
    differences: EvidenceDifferences | None


def evaluation_evidence(evaluation: Evaluation, *, with_live: bool) -> EvaluationEvidence:
    """Today's evidence is read only when it is shown: for a draft, or beside the frozen evidence."""
    assessments = list(Assessment.objects.filter(evaluation=evaluation).select_related("goal_area"))
    if not evaluation.is_published:
        return EvaluationEvidence(evidence_sections(live_evidence(evaluation), assessments), None)
    differences = compare_evidence(evaluation.snapshot, live_evidence(evaluation)) if with_live else None
    return EvaluationEvidence(evidence_sections(evaluation.snapshot, assessments), differences)


# Indicators


def indicators_with_values(*, up_to: int | None = None) -> QuerySet[Indicator]:
    """Indicators with their values prefetched, by area and year; only those up to a year if given."""
    values = IndicatorValue.objects.order_by("area", "year")
    if up_to is not None:
        values = values.filter(year__lte=up_to)
    return Indicator.objects.select_related("goal_area", "priority", "focus_area").prefetch_related(
        Prefetch("values", queryset=values)
    )


def indicators_by_goal_area() -> list[tuple[GoalArea, list[IndicatorSummary]]]:
    by_goal_area: dict[GoalArea, list[IndicatorSummary]] = defaultdict(list)
    for indicator in indicators_with_values():
        by_goal_area[indicator.goal_area].append(summarise(indicator))
    return list(by_goal_area.items())
