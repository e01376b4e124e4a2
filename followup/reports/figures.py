"""A report's figures: plain dataclasses that pages, exports and snapshots read."""

from dataclasses import dataclass, field
from decimal import Decimal

from strategy.models import Strategy

from ..formatting import round_half_up
from .dimensions import PAGES, cross
from .filters import ReportFilters

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


def money(value: Decimal | float | None) -> Decimal:
    # SQLite sums decimals as floating point; kronor and öre are what the figures mean.
    return ZERO if value is None else round_half_up(value, 2)


def percent_of(part: Decimal, whole: Decimal | None) -> Decimal | None:
    """`part` in percent of `whole`, one decimal; None when there is no whole to compare with."""
    return round_half_up(part * HUNDRED / whole, 1) if whole else None


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass
class Figure:
    """One figure of a report: a total with its count, share, change and leverage."""

    key: str
    label: str
    total: Decimal = ZERO
    count: int = 0
    # Sum of estimated total project sizes, and of the amounts granted to the entries
    # that state one: leverage compares like with like.
    project_size_total: Decimal = ZERO
    granted_with_size: Decimal = ZERO
    last_year_total: Decimal = ZERO
    # None when the year before the last lies before the strategy: nothing was reported
    # then, so there is no change to show (not a change from zero).
    previous_year_total: Decimal | None = ZERO
    share: Decimal | None = None
    filter_changes: dict = field(default_factory=dict)

    @property
    def change(self) -> Decimal | None:
        if self.previous_year_total is None:
            return None
        return self.last_year_total - self.previous_year_total

    @property
    def change_percent(self) -> Decimal | None:
        change = self.change
        return None if change is None else percent_of(change, self.previous_year_total)

    @property
    def leverage(self) -> Decimal | None:
        """Estimated total project size per krona granted (1.0 = no co-financing)."""
        if not self.granted_with_size:
            return None
        return round_half_up(self.project_size_total / self.granted_with_size, 2)

    def add(self, row: dict) -> None:
        self.total += row["total"]
        self.count += row["count"]
        self.project_size_total += row["size_total"]
        self.granted_with_size += row["granted_with_size"]

    def as_snapshot(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "total": str(self.total),
            "count": self.count,
            "share": _text(self.share),
            "project_size_total": str(self.project_size_total),
            "granted_with_size": str(self.granted_with_size),
            "last_year_total": str(self.last_year_total),
            "previous_year_total": _text(self.previous_year_total),
        }


@dataclass
class Breakdown:
    """The figures of every value of one dimension (`dimensions.DIMENSIONS`, by name)."""

    dimension: str
    title: str
    figures: list[Figure]
    total: Figure

    def as_snapshot(self) -> dict:
        return {
            "dimension": self.dimension,
            "title": self.title,
            "figures": [figure.as_snapshot() for figure in self.figures],
            "total": self.total.as_snapshot(),
        }


@dataclass
class MatrixRow:
    header: Figure
    cells: list[Figure]


@dataclass
class Matrix:
    """The figures of one dimension against another (`dimensions.MATRICES`, by name)."""

    name: str
    title: str
    row_title: str
    columns: list[Figure]
    rows: list[MatrixRow]
    total: Figure

    @property
    def anchor(self) -> str:
        return cross(self.name).anchor

    def as_snapshot(self) -> dict:
        return {
            "title": self.title,
            "columns": [column.as_snapshot() for column in self.columns],
            "rows": [
                {"header": row.header.as_snapshot(), "cells": [cell.as_snapshot() for cell in row.cells]}
                for row in self.rows
            ],
            "total": self.total.as_snapshot(),
        }


@dataclass
class Report:
    """Every breakdown and matrix of the entries the filters cover, by name."""

    strategy: Strategy
    filters: ReportFilters
    total: Figure
    breakdowns: dict[str, Breakdown]
    matrices: dict[str, Matrix]

    @property
    def by_year(self) -> Breakdown:
        """The trend over the years, which every report page shows first."""
        return self.breakdowns["year"]

    @property
    def comparison_years(self) -> tuple[int, int]:
        """The two years the change columns compare: (previous, last)."""
        return self.filters.last_year - 1, self.filters.last_year

    @property
    def has_change(self) -> bool:
        """False when the previous year lies before the strategy, which nobody reported for."""
        return self.total.previous_year_total is not None

    def table(self, name: str) -> Breakdown | Matrix:
        return self.breakdowns[name] if name in self.breakdowns else self.matrices[name]

    def sections(self, page: str) -> list[Breakdown | Matrix]:
        """The breakdowns and matrices of a page (`dimensions.PAGES`), in its order, without
        a level the strategy does not have (VG2030 has no numbered priorities)."""
        words = self.strategy.words
        return [self.table(name) for name in PAGES[page] if words.shows(name)]

    def as_snapshot(self) -> dict:
        """The report as plain JSON data, to be frozen with a published annual report."""
        return {
            "strategy": self.strategy.slug,
            "first_year": self.filters.first_year,
            "last_year": self.filters.last_year,
            "filters": dict(self.filters.describe()),
            "total": self.total.as_snapshot(),
            "breakdowns": {name: breakdown.as_snapshot() for name, breakdown in self.breakdowns.items()},
            "matrices": {name: matrix.as_snapshot() for name, matrix in self.matrices.items()},
        }


@dataclass(frozen=True)
class YearChange:
    """One year of the trend with its change from the year before (None for the first)."""

    figure: Figure
    previous_year: int
    change: Decimal | None
    change_percent: Decimal | None


def year_over_year(by_year: Breakdown) -> list[YearChange]:
    """Each year of a per-year breakdown compared with the year before it in the period."""
    changes = []
    previous: Figure | None = None
    for figure in by_year.figures:
        change = change_percent = None
        if previous is not None:
            change = figure.total - previous.total
            change_percent = percent_of(change, previous.total)
        changes.append(YearChange(figure, int(figure.key) - 1, change, change_percent))
        previous = figure
    return changes
