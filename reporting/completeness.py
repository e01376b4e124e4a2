"""The completeness check an actor sees before submitting its year.

Points out what is often forgotten (priority or focus area where the strategy has them,
municipalities), amounts that changed more than REPORTING_CHANGE_WARNING_SHARE against
the actor's previous year, and shows the year's totals per goal area beside last year's,
read from the running totals in one grouped query.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Exists, OuterRef, Sum

from followup.models import EntryTotal, ReportingYear, SpendingEntry
from strategy.models import Actor, GoalArea, Priority

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Comparison:
    """One goal area (or the whole year): this year's and last year's amounts."""

    label: str
    this_year: Decimal
    last_year: Decimal
    share_limit: Decimal

    @property
    def change_percent(self) -> Decimal | None:
        if not self.last_year:
            return None
        return (self.this_year - self.last_year) / self.last_year * 100

    @property
    def flagged(self) -> bool:
        change = self.change_percent
        return change is not None and abs(change) > self.share_limit * 100


@dataclass(frozen=True)
class Completeness:
    year: int
    entry_count: int
    without_priority: list[SpendingEntry]
    without_focus_area: list[SpendingEntry]
    without_municipality: list[SpendingEntry]
    by_goal_area: list[Comparison]
    total: Comparison
    share_limit: Decimal

    @property
    def share_limit_percent(self) -> Decimal:
        return self.share_limit * 100

    @property
    def no_entries(self) -> bool:
        return self.entry_count == 0

    @property
    def flagged_changes(self) -> list[Comparison]:
        return [row for row in (*self.by_goal_area, self.total) if row.flagged]


def change_share_limit() -> Decimal:
    return Decimal(str(settings.REPORTING_CHANGE_WARNING_SHARE))


def check(actor: Actor, reporting_year: ReportingYear) -> Completeness:
    year = reporting_year.year
    entries = (
        SpendingEntry.objects.filter(reporting_year=reporting_year, actor=actor)
        .select_related("reporting_year__strategy")
        .order_by("title", "pk")
    )
    focus_areas_apply = any(area.applies_in(year) for area in reporting_year.strategy.focus_areas.all())
    has_priorities = Exists(Priority.objects.filter(goal_area=OuterRef("goal_area")))
    previous = ReportingYear.objects.filter(strategy=reporting_year.strategy, year=year - 1).first()
    year_ids = [reporting_year.pk] + ([previous.pk] if previous else [])
    sums = (
        EntryTotal.objects.filter(actor_id=actor.pk, reporting_year_id__in=year_ids)
        .values("reporting_year_id", "goal_area_id")
        .annotate(amount=Sum("total"), count=Sum("entry_count"))
        .order_by()
    )
    amounts = {(row["reporting_year_id"], row["goal_area_id"]): row["amount"] or ZERO for row in sums}
    counts = sum(row["count"] for row in sums if row["reporting_year_id"] == reporting_year.pk)
    limit = change_share_limit()
    previous_id = previous.pk if previous else None
    comparisons = [
        Comparison(
            f"{area.number}. {area.name}",
            amounts.get((reporting_year.pk, area.pk), ZERO),
            amounts.get((previous_id, area.pk), ZERO),
            limit,
        )
        for area in GoalArea.objects.filter(strategy=reporting_year.strategy).order_by("number")
    ]
    total = Comparison(
        "Summa",
        sum((row.this_year for row in comparisons), ZERO),
        sum((row.last_year for row in comparisons), ZERO),
        limit,
    )
    return Completeness(
        year=year,
        entry_count=counts,
        without_priority=list(entries.filter(has_priorities, priority__isnull=True)),
        without_focus_area=list(entries.filter(focus_area__isnull=True)) if focus_areas_apply else [],
        without_municipality=list(entries.filter(municipalities__isnull=True)),
        by_goal_area=comparisons,
        total=total,
        share_limit=limit,
    )
