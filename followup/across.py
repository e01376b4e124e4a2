"""Spending across strategies: each actor's reported total per year from the first
strategy's first year to the latest year with entries, whichever strategy the year
belongs to, and, where an administrator has mapped an area to the one that continues it
in the next strategy, the spending per mapped area across the change.

Read from the running totals: three small grouped queries at any table size.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum

from strategy.models import Actor, Continuation, Strategy

from .models import EntryTotal, ReportingYear


@dataclass(frozen=True)
class YearColumn:
    year: int
    strategy: Strategy


@dataclass(frozen=True)
class Row:
    label: str
    amounts: list[Decimal]

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, Decimal(0))


@dataclass(frozen=True)
class MappedRow(Row):
    continuation: Continuation


@dataclass(frozen=True)
class AcrossStrategies:
    years: list[YearColumn]
    actors: list[Row]
    mapped: list[MappedRow]

    @property
    def year_totals(self) -> list[Decimal]:
        return [sum(column, Decimal(0)) for column in zip(*(row.amounts for row in self.actors), strict=True)]

    @property
    def total(self) -> Decimal:
        return sum(self.year_totals, Decimal(0))

    @property
    def first_year(self) -> int:
        return self.years[0].year

    @property
    def last_year(self) -> int:
        return self.years[-1].year


def spending_across_strategies() -> AcrossStrategies:
    years = list(ReportingYear.objects.select_related("strategy").order_by("year"))
    by_year_actor = defaultdict(Decimal)
    by_year_area = defaultdict(Decimal)
    reported_year_ids = set()
    for row in EntryTotal.objects.values("reporting_year_id", "actor_id", "goal_area_id").annotate(
        amount=Sum("total")
    ):
        by_year_actor[row["reporting_year_id"], row["actor_id"]] += row["amount"]
        by_year_area[row["reporting_year_id"], row["goal_area_id"]] += row["amount"]
        if row["amount"]:
            reported_year_ids.add(row["reporting_year_id"])
    latest = max((year.year for year in years if year.pk in reported_year_ids), default=None)
    shown = [year for year in years if latest is not None and year.year <= latest]
    columns = [YearColumn(year.year, year.strategy) for year in shown]
    actors = [
        Row(actor.name, [by_year_actor[year.pk, actor.pk] for year in shown])
        for actor in Actor.objects.order_by("name")
    ]
    mapped = []
    for continuation in Continuation.objects.select_related("earlier__strategy", "later__strategy", "set_by"):
        earlier, later = continuation.earlier, continuation.later
        areas = {earlier.strategy_id: earlier, later.strategy_id: later}
        amounts = [
            by_year_area[year.pk, areas[year.strategy_id].pk] if year.strategy_id in areas else Decimal(0)
            for year in shown
        ]
        label = f"{earlier.name} → {later.name}"
        mapped.append(MappedRow(label, amounts, continuation))
    return AcrossStrategies(columns, actors, mapped)
