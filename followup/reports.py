"""Where the money went: totals per goal area, priority, focus area, actor, funding source
and year, and the actor × focus area and actor × goal area matrices.

Every breakdown is one grouped query (GROUP BY the dimension and the year) over
`EntryTotal`, the running sums that database triggers keep per year, actor, goal area,
priority, focus area and funding source. A report therefore reads a few thousand rows
however many entries there are, costs a fixed number of queries, and every breakdown
sums to the same grand total to the öre. Labels and years come from five small lookups
of the strategy's own rows.

Change from the previous year compares the last year of the period with the year
before it; for a one-year report that is simply the year before.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from strategy import roles
from strategy.models import Actor, FocusArea, GoalArea, Priority, Strategy

from .formatting import swedish_sort_key
from .models import EntryTotal, FundingSource, ReportingYear, SpendingEntry

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)
PERCENT_PLACES = Decimal("0.1")
NONE_KEY = "ingen"


@dataclass(frozen=True)
class ReportFilters:
    """Which entries a report covers. `NONE_KEY` as focus area or priority means 'none set'."""

    first_year: int
    last_year: int
    actor: Actor | None = None
    goal_area: GoalArea | None = None
    priority: Priority | str | None = None
    focus_area: FocusArea | str | None = None
    funding_source: str | None = None

    @classmethod
    def whole_period(cls, strategy: Strategy, **filters) -> "ReportFilters":
        return cls(first_year=strategy.start_year, last_year=strategy.end_year, **filters)

    @property
    def is_single_year(self) -> bool:
        return self.first_year == self.last_year

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    def narrowed(self, **changes) -> "ReportFilters":
        """The filters of one figure's entries: these plus that figure's own dimension."""
        return replace(self, **changes)

    def as_query(self) -> dict[str, str]:
        """GET parameters that reproduce these filters (for links and shareable URLs)."""
        query = {"fran": str(self.first_year), "till": str(self.last_year)}
        if self.actor:
            query["aktor"] = self.actor.slug
        if self.goal_area:
            query["malomrade"] = str(self.goal_area.number)
        if self.priority:
            query["prioritering"] = _key_of(self.priority)
        if self.focus_area:
            query["kraftsamling"] = _key_of(self.focus_area)
        if self.funding_source:
            query["finansiering"] = self.funding_source
        return query

    def describe(self) -> list[tuple[str, str]]:
        """The filters in words, for headings of pages and exports."""
        period = str(self.first_year) if self.is_single_year else f"{self.first_year}–{self.last_year}"
        parts = [("År", period)]
        if self.actor:
            parts.append(("Aktör", self.actor.name))
        if self.goal_area:
            parts.append(("Målområde", str(self.goal_area)))
        if self.priority:
            parts.append(
                ("Prioritering", "Ingen angiven" if self.priority == NONE_KEY else str(self.priority))
            )
        if self.focus_area:
            outside = "Utanför kraftsamlingsområdena"
            parts.append(
                ("Kraftsamlingsområde", outside if self.focus_area == NONE_KEY else str(self.focus_area))
            )
        if self.funding_source:
            parts.append(("Finansiering", FundingSource(self.funding_source).label))
        return parts


@dataclass(frozen=True)
class ReportChoices:
    """The strategy's goal areas, priorities and focus areas and every actor, read once per
    page: the filter form offers them and the report labels its figures with them."""

    goal_areas: list[GoalArea]
    priorities: list[Priority]
    focus_areas: list[FocusArea]
    actors: list[Actor]


def load_choices(strategy: Strategy) -> ReportChoices:
    """Four small queries, whatever the number of entries."""
    return ReportChoices(
        goal_areas=list(GoalArea.objects.filter(strategy=strategy).order_by("number")),
        priorities=list(
            Priority.objects.filter(goal_area__strategy=strategy)
            .select_related("goal_area")
            .order_by("number")
        ),
        focus_areas=list(FocusArea.objects.filter(strategy=strategy).order_by("number")),
        actors=sorted(Actor.objects.all(), key=lambda actor: swedish_sort_key(actor.name)),
    )


def _key_of(value: Priority | FocusArea | str) -> str:
    return value if isinstance(value, str) else str(value.number)


def _year_ids(strategy: Strategy, first_year: int, last_year: int) -> list[int]:
    years = ReportingYear.objects.filter(strategy=strategy, year__gte=first_year, year__lte=last_year)
    return list(years.values_list("pk", flat=True))


def filtered_entries(strategy: Strategy, filters: ReportFilters) -> QuerySet:
    """The entries a report (or one of its figures) sums."""
    year_ids = _year_ids(strategy, filters.first_year, filters.last_year)
    return SpendingEntry.objects.filter(
        reporting_year_id__in=year_ids, **_column_filters(filters, totals=False)
    )


def _totals(year_ids: list[int], filters: ReportFilters) -> QuerySet:
    # A literal list of year ids, not a join or subquery, so that PostgreSQL estimates
    # the rows right.
    return EntryTotal.objects.filter(reporting_year_id__in=year_ids, **_column_filters(filters, totals=True))


def _column_filters(filters: ReportFilters, *, totals: bool) -> dict:
    """Filters as column lookups, on the entries or on their running totals, where 'none
    set' is NULL in the one and 0 in the other."""
    priority, focus = ("priority_key", "focus_area_key") if totals else ("priority_id", "focus_area_id")
    lookups = {}
    if filters.actor:
        lookups["actor_id"] = filters.actor.pk
    if filters.goal_area:
        lookups["goal_area_id"] = filters.goal_area.pk
    for column, value in ((priority, filters.priority), (focus, filters.focus_area)):
        if value == NONE_KEY:
            lookups[column if totals else f"{column}__isnull"] = 0 if totals else True
        elif value:
            lookups[column] = value.pk
    if filters.funding_source:
        lookups["funding_source"] = filters.funding_source
    return lookups


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
    previous_year_total: Decimal = ZERO
    share: Decimal | None = None
    filter_changes: dict = field(default_factory=dict)

    @property
    def change(self) -> Decimal:
        return self.last_year_total - self.previous_year_total

    @property
    def change_percent(self) -> Decimal | None:
        if not self.previous_year_total:
            return None
        return (self.change * HUNDRED / self.previous_year_total).quantize(PERCENT_PLACES)

    @property
    def leverage(self) -> Decimal | None:
        """Estimated total project size per krona granted (1.0 = no co-financing)."""
        if not self.granted_with_size:
            return None
        return (self.project_size_total / self.granted_with_size).quantize(Decimal("0.01"))

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
            "share": None if self.share is None else str(self.share),
            "project_size_total": str(self.project_size_total),
            "granted_with_size": str(self.granted_with_size),
            "last_year_total": str(self.last_year_total),
            "previous_year_total": str(self.previous_year_total),
        }


@dataclass
class Breakdown:
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
    title: str
    row_title: str
    columns: list[Figure]
    rows: list[MatrixRow]
    total: Figure

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
    strategy: Strategy
    filters: ReportFilters
    total: Figure
    by_goal_area: Breakdown
    by_priority: Breakdown
    by_focus_area: Breakdown
    by_actor: Breakdown
    by_funding_source: Breakdown
    by_year: Breakdown
    actor_by_focus_area: Matrix
    actor_by_goal_area: Matrix

    @property
    def breakdowns(self) -> list[Breakdown]:
        return [
            self.by_goal_area,
            self.by_priority,
            self.by_focus_area,
            self.by_actor,
            self.by_funding_source,
            self.by_year,
        ]

    @property
    def comparison_years(self) -> tuple[int, int]:
        """The two years the change columns compare: (previous, last)."""
        return self.filters.last_year - 1, self.filters.last_year

    def as_snapshot(self) -> dict:
        """The report as plain JSON data, to be frozen with a published annual report."""
        return {
            "strategy": self.strategy.slug,
            "first_year": self.filters.first_year,
            "last_year": self.filters.last_year,
            "filters": dict(self.filters.describe()),
            "total": self.total.as_snapshot(),
            "breakdowns": {breakdown.dimension: breakdown.as_snapshot() for breakdown in self.breakdowns},
            "matrices": {
                "actor_by_focus_area": self.actor_by_focus_area.as_snapshot(),
                "actor_by_goal_area": self.actor_by_goal_area.as_snapshot(),
            },
        }


_SUMS = {
    "total": Sum("total"),
    "count": Sum("entry_count"),
    "size_total": Sum("size_total"),
    "granted_with_size": Sum("granted_with_size"),
}


def _money(value: Decimal | None) -> Decimal:
    # SQLite sums decimals as floating point; kronor and öre are what the figures mean.
    return ZERO if value is None else Decimal(value).quantize(ZERO)


def _grouped(totals: QuerySet, year_of: dict[int, int], *dimensions: str) -> list[dict]:
    """One GROUP BY over the dimensions and the year, with sums in exact kronor and öre."""
    rows = list(totals.values(*dimensions, "reporting_year_id").annotate(**_SUMS).order_by())
    for row in rows:
        row["year"] = year_of[row["reporting_year_id"]]
        for name in ("total", "size_total", "granted_with_size"):
            row[name] = _money(row[name])
    return rows


@dataclass(frozen=True)
class _Dimension:
    name: str
    title: str
    column: str
    # Ordered (key, label, filter change) for every value the report shows, even at zero.
    members: list[tuple[str, str, dict]]
    # The key of each value of `column` (an id); 0 means "none set".
    keys: dict[object, str]

    def key_of(self, value: object) -> str:
        return self.keys.get(value, NONE_KEY if value == 0 else str(value))


def _fold(rows: list[dict], dimension: _Dimension, filters: ReportFilters, grand_total: Decimal) -> Breakdown:
    figures = {
        key: Figure(key=key, label=label, filter_changes=changes) for key, label, changes in dimension.members
    }
    total = Figure(key="total", label="Totalt")
    previous_year, last_year = filters.last_year - 1, filters.last_year
    for row in rows:
        key = dimension.key_of(row[dimension.column])
        figure = figures.get(key)
        if figure is None:
            # A value outside the strategy's lists (e.g. a priority added since); keep it.
            figure = figures[key] = Figure(key=key, label=key)
        year = row["year"]
        for target in (figure, total):
            if year == last_year:
                target.last_year_total += row["total"]
            elif year == previous_year:
                target.previous_year_total += row["total"]
            if filters.first_year <= year <= filters.last_year:
                target.add(row)
    for figure in [*figures.values(), total]:
        figure.share = (
            (figure.total * HUNDRED / grand_total).quantize(PERCENT_PLACES) if grand_total else None
        )
    return Breakdown(
        dimension=dimension.name, title=dimension.title, figures=list(figures.values()), total=total
    )


def _dimensions(choices: ReportChoices, filters: ReportFilters) -> dict[str, _Dimension]:
    goal_areas, focus_areas = choices.goal_areas, choices.focus_areas
    priorities, actors = choices.priorities, choices.actors
    if filters.goal_area:
        priorities = [priority for priority in priorities if priority.goal_area_id == filters.goal_area.pk]
    if filters.actor:
        actors = [filters.actor]
    return {
        "goal_area": _Dimension(
            "goal_area",
            "Per målområde",
            "goal_area_id",
            [(str(area.number), str(area), {"goal_area": area}) for area in goal_areas],
            {area.pk: str(area.number) for area in goal_areas},
        ),
        "priority": _Dimension(
            "priority",
            "Per prioritering",
            "priority_key",
            [(str(priority.number), str(priority), {"priority": priority}) for priority in priorities]
            + [(NONE_KEY, "Ingen prioritering angiven", {"priority": NONE_KEY})],
            {priority.pk: str(priority.number) for priority in priorities},
        ),
        "focus_area": _Dimension(
            "focus_area",
            "Per kraftsamlingsområde",
            "focus_area_key",
            [(str(area.number), str(area), {"focus_area": area}) for area in focus_areas]
            + [(NONE_KEY, "Utanför kraftsamlingsområdena", {"focus_area": NONE_KEY})],
            {area.pk: str(area.number) for area in focus_areas},
        ),
        "actor": _Dimension(
            "actor",
            "Per aktör",
            "actor_id",
            [(actor.slug, actor.name, {"actor": actor}) for actor in actors],
            {actor.pk: actor.slug for actor in actors},
        ),
        "funding_source": _Dimension(
            "funding_source",
            "Per finansieringskälla",
            "funding_source",
            [(value, label, {"funding_source": value}) for value, label in FundingSource.choices],
            {value: value for value in FundingSource.values},
        ),
        "year": _Dimension(
            "year",
            "Per år",
            "year",
            [(str(year), str(year), {"first_year": year, "last_year": year}) for year in filters.years],
            {},
        ),
    }


def _matrix(
    rows: list[dict],
    *,
    title: str,
    actor_dimension: _Dimension,
    column_dimension: _Dimension,
    filters: ReportFilters,
    grand_total: Decimal,
) -> Matrix:
    by_actor: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_actor[actor_dimension.key_of(row[actor_dimension.column])].append(row)
    matrix_rows = []
    for key, label, changes in actor_dimension.members:
        cells = _fold(by_actor.get(key, []), column_dimension, filters, grand_total)
        for cell in cells.figures:
            cell.filter_changes = {**cell.filter_changes, **changes}
        header = cells.total
        header.key, header.label, header.filter_changes = key, label, changes
        matrix_rows.append(MatrixRow(header=header, cells=cells.figures))
    columns = _fold(rows, column_dimension, filters, grand_total)
    return Matrix(
        title=title,
        row_title="Aktör",
        columns=columns.figures,
        rows=matrix_rows,
        total=columns.total,
    )


def build_report(
    *, strategy: Strategy, filters: ReportFilters, choices: ReportChoices | None = None
) -> Report:
    """The full report for these filters: four label lookups (none when `choices` are
    given, as a page that already read them for its filter form does), the strategy's
    years and seven grouped queries on the running totals."""
    dimensions = _dimensions(choices or load_choices(strategy), filters)
    years = range(min(filters.first_year, filters.last_year - 1), filters.last_year + 1)
    year_of = dict(ReportingYear.objects.filter(strategy=strategy).values_list("pk", "year"))
    entries = _totals([pk for pk, year in year_of.items() if year in years], filters)

    by_year_rows = _grouped(entries, year_of)
    grand_total = sum((row["total"] for row in by_year_rows if filters.first_year <= row["year"]), ZERO)
    breakdowns = {"year": _fold(by_year_rows, dimensions["year"], filters, grand_total)}
    for name in ("goal_area", "priority", "focus_area", "funding_source"):
        dimension = dimensions[name]
        breakdowns[name] = _fold(
            _grouped(entries, year_of, dimension.column), dimension, filters, grand_total
        )

    actor = dimensions["actor"]
    actor_focus_rows = _grouped(entries, year_of, actor.column, dimensions["focus_area"].column)
    actor_goal_rows = _grouped(entries, year_of, actor.column, dimensions["goal_area"].column)
    breakdowns["actor"] = _fold(actor_goal_rows, actor, filters, grand_total)

    return Report(
        strategy=strategy,
        filters=filters,
        total=breakdowns["year"].total,
        by_goal_area=breakdowns["goal_area"],
        by_priority=breakdowns["priority"],
        by_focus_area=breakdowns["focus_area"],
        by_actor=breakdowns["actor"],
        by_funding_source=breakdowns["funding_source"],
        by_year=breakdowns["year"],
        actor_by_focus_area=_matrix(
            actor_focus_rows,
            title="Aktör × kraftsamlingsområde",
            actor_dimension=actor,
            column_dimension=dimensions["focus_area"],
            filters=filters,
            grand_total=grand_total,
        ),
        actor_by_goal_area=_matrix(
            actor_goal_rows,
            title="Aktör × målområde",
            actor_dimension=actor,
            column_dimension=dimensions["goal_area"],
            filters=filters,
            grand_total=grand_total,
        ),
    )


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
            if previous.total:
                change_percent = (change * HUNDRED / previous.total).quantize(PERCENT_PLACES)
        changes.append(YearChange(figure, int(figure.key) - 1, change, change_percent))
        previous = figure
    return changes


@dataclass(frozen=True)
class ListTotals:
    """The total and count of every entry behind a figure, and of those this user may read
    one by one (a regional developer reads only their own actors' entries)."""

    total: Decimal
    count: int
    visible_total: Decimal
    visible_count: int

    @property
    def hides_entries(self) -> bool:
        return self.visible_count < self.count


def list_totals(entries: QuerySet, user) -> ListTotals:
    """One aggregate over all the entries, however many pages the list has."""
    sums = {"total": Sum("amount"), "count": Count("id")}
    if not roles.can_read_all(user):
        own = Q(actor__in=roles.editable_actors(user))
        sums |= {"visible_total": Sum("amount", filter=own), "visible_count": Count("id", filter=own)}
    row = entries.order_by().aggregate(**sums)
    total = _money(row["total"])
    if "visible_count" not in row:
        return ListTotals(total=total, count=row["count"], visible_total=total, visible_count=row["count"])
    return ListTotals(
        total=total,
        count=row["count"],
        visible_total=_money(row["visible_total"]),
        visible_count=row["visible_count"],
    )
