"""Building a report: a few grouped queries over the running totals, folded into figures.

Every figure is folded from a GROUP BY over `EntryTotal`, the running sums that database
triggers keep per year, actor, goal area, priority, focus area and funding source. A
report therefore reads a few thousand rows however many entries there are, costs a fixed
number of queries, and every breakdown sums to the same grand total to the öre. Each
matrix is one query grouped by its two dimensions and the year; a breakdown over a column
that a matrix groups by already is folded from that matrix's rows, and every other
breakdown costs one query of its own.

Change from the previous year compares the last year of the period with the year before
it; for a one-year report that is simply the year before. That year is read for the change
columns only: it is never a figure of the report (no year outside the period is listed),
and a year before the strategy, which nobody reported for, is no comparison at all: the
change is then None, not the whole amount.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum

from strategy.models import Strategy

from ..models import ReportingYear
from .dimensions import (
    DIMENSIONS,
    MATRICES,
    NONE_KEY,
    Cross,
    Dimension,
    Member,
    dimension,
    label_in,
    matrix_title_in,
    title_in,
)
from .figures import ZERO, Breakdown, Figure, Matrix, MatrixRow, Report, money, percent_of
from .filters import ReportChoices, ReportFilters, filtered_totals, load_choices

_SUMS = {
    "total": Sum("total"),
    "count": Sum("entry_count"),
    "size_total": Sum("size_total"),
    "granted_with_size": Sum("granted_with_size"),
}


class _Groupings:
    """Rows of the totals grouped by some columns and the year, with sums in exact kronor
    and öre: one query per set of columns, and none for columns an earlier query grouped by."""

    def __init__(self, totals: QuerySet, year_of: dict[int, int]) -> None:
        self.totals = totals
        self.year_of = year_of
        self.done: dict[tuple[str, ...], list[dict]] = {}

    def rows(self, columns: tuple[str, ...]) -> list[dict]:
        for grouped, rows in self.done.items():
            if set(columns) <= set(grouped):
                return rows
        rows = list(self.totals.values(*columns, "reporting_year_id").annotate(**_SUMS).order_by())
        for row in rows:
            row["year"] = self.year_of[row["reporting_year_id"]]
            for name in ("total", "size_total", "granted_with_size"):
                row[name] = money(row[name])
        self.done[columns] = rows
        return rows


def _key_of(item: Dimension, members: list[Member]) -> Callable[[dict], str]:
    """The key of the member a grouped row belongs to; 0 in the totals means "none set"."""
    keys = item.column_keys(members)

    def key_of(row: dict) -> str:
        value = row[item.totals_column]
        return keys.get(value, NONE_KEY if value == 0 else str(value))

    return key_of


@dataclass(frozen=True)
class _Period:
    """The report's years, and the year before the last that its change compares with
    (None when that year lies before the strategy)."""

    filters: ReportFilters
    previous_year: int | None

    def figure(self, key: str, label: str, **fields) -> Figure:
        previous = ZERO if self.previous_year is not None else None
        return Figure(key=key, label=label, previous_year_total=previous, **fields)

    def includes(self, year: int) -> bool:
        return self.filters.first_year <= year <= self.filters.last_year


def _fold(
    rows: list[dict], item: Dimension, members: list[Member], period: _Period, grand_total: Decimal
) -> Breakdown:
    figures = {
        member.key: period.figure(member.key, member.label, filter_changes=item.changes(member.value))
        for member in members
    }
    total = period.figure("total", "Totalt")
    last_year = period.filters.last_year
    key_of = _key_of(item, members)
    # Values outside the strategy's lists (e.g. a priority added since) are kept, but only
    # those the period has: a row of the year before adds to the change of a figure, never
    # makes one (the year before is no year of the report).
    unlisted: dict[str, Figure] = {}
    unlisted_in_period = set()
    for row in rows:
        key, year = key_of(row), row["year"]
        figure = figures.get(key)
        if figure is None:
            figure = unlisted.setdefault(key, period.figure(key, key))
            if period.includes(year):
                unlisted_in_period.add(key)
        for target in (figure, total):
            if year == last_year:
                target.last_year_total += row["total"]
            elif year == period.previous_year:
                target.previous_year_total += row["total"]
            if period.includes(year):
                target.add(row)
    figures |= {key: figure for key, figure in unlisted.items() if key in unlisted_in_period}
    for figure in [*figures.values(), total]:
        figure.share = percent_of(figure.total, grand_total)
    return Breakdown(dimension=item.name, title=item.title, figures=list(figures.values()), total=total)


def _matrix(
    spec: Cross,
    rows: list[dict],
    members: dict[str, list[Member]],
    period: _Period,
    grand_total: Decimal,
) -> Matrix:
    row_dimension, column_dimension = dimension(spec.rows), dimension(spec.columns)
    key_of = _key_of(row_dimension, members[spec.rows])
    by_row: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_row[key_of(row)].append(row)
    matrix_rows = []
    for member in members[spec.rows]:
        cells = _fold(
            by_row.get(member.key, []), column_dimension, members[spec.columns], period, grand_total
        )
        changes = row_dimension.changes(member.value)
        for cell in cells.figures:
            cell.filter_changes = {**cell.filter_changes, **changes}
        header = cells.total
        header.key, header.label, header.filter_changes = member.key, member.label, changes
        matrix_rows.append(MatrixRow(header=header, cells=cells.figures))
    columns = _fold(rows, column_dimension, members[spec.columns], period, grand_total)
    return Matrix(
        name=spec.name,
        title=spec.title,
        row_title=row_dimension.label,
        columns=columns.figures,
        rows=matrix_rows,
        total=columns.total,
    )


def build_report(
    *, strategy: Strategy, filters: ReportFilters, choices: ReportChoices | None = None
) -> Report:
    """The full report for these filters: four label lookups (none when `choices` are
    given, as a page that already read them for its filter form does), the strategy's
    years and four grouped queries on the running totals (one per matrix, one each for the
    priorities and the funding sources)."""
    choices = choices or load_choices(strategy)
    members = {item.name: item.members(choices.of(item.name), filters) for item in DIMENSIONS}
    previous_year = filters.last_year - 1
    period = _Period(filters, previous_year if previous_year >= strategy.start_year else None)
    years = range(min(filters.first_year, previous_year), filters.last_year + 1)
    year_of = dict(ReportingYear.objects.filter(strategy=strategy).values_list("pk", "year"))
    totals = filtered_totals([pk for pk, year in year_of.items() if year in years], filters)
    groupings = _Groupings(totals, year_of)
    matrix_rows = {
        spec.name: groupings.rows(dimension(spec.rows).group_columns + dimension(spec.columns).group_columns)
        for spec in MATRICES
    }
    grand_total = sum((row["total"] for row in groupings.rows(()) if period.includes(row["year"])), ZERO)
    breakdowns = {
        item.name: _fold(groupings.rows(item.group_columns), item, members[item.name], period, grand_total)
        for item in DIMENSIONS
    }
    matrices = {
        spec.name: _matrix(spec, matrix_rows[spec.name], members, period, grand_total) for spec in MATRICES
    }
    # Headings in the strategy's own words (VG2020's are the table's own).
    words = strategy.words
    for name, breakdown in breakdowns.items():
        breakdown.title = title_in(dimension(name), words)
    for spec in MATRICES:
        matrices[spec.name].title = matrix_title_in(spec, words)
        matrices[spec.name].row_title = label_in(dimension(spec.rows), words)
    return Report(
        strategy=strategy,
        filters=filters,
        total=breakdowns["year"].total,
        breakdowns=breakdowns,
        matrices=matrices,
    )
