"""Which entries a report covers, and the strategy's values its filters choose from."""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from strategy.models import Strategy

from ..models import EntryTotal, ReportingYear
from ..write_rule import open_years
from .dimensions import DIMENSIONS, FILTERS, Dimension, dimension

_FILTER_NAMES = frozenset(dimension.name for dimension in FILTERS)


@dataclass(frozen=True, init=False)
class ReportFilters:
    """A period and at most one value for each dimension of `FILTERS`, by its name:
    `ReportFilters(first_year=2016, last_year=2018, actor=gr, priority=NONE_KEY)`, where
    `NONE_KEY` means "none set". Unset and None values are left out, so two filters that
    choose the same are equal."""

    first_year: int
    last_year: int
    chosen: tuple[tuple[str, Any], ...]

    def __init__(self, *, first_year: int, last_year: int, **chosen: Any) -> None:
        unknown = chosen.keys() - _FILTER_NAMES
        if unknown:
            raise TypeError(f"No report filter is called {', '.join(sorted(unknown))}.")
        object.__setattr__(self, "first_year", first_year)
        object.__setattr__(self, "last_year", last_year)
        values = tuple(
            (item.name, chosen[item.name]) for item in FILTERS if chosen.get(item.name) is not None
        )
        object.__setattr__(self, "chosen", values)

    def get(self, name: str) -> Any:
        """The value chosen for this dimension, or None."""
        return dict(self.chosen).get(name)

    @property
    def is_single_year(self) -> bool:
        return self.first_year == self.last_year

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @property
    def period(self) -> str:
        return str(self.first_year) if self.is_single_year else f"{self.first_year}–{self.last_year}"

    def narrowed(self, **changes: Any) -> "ReportFilters":
        """These filters with some changed, e.g. those of one figure's entries (None drops one)."""
        values = {"first_year": self.first_year, "last_year": self.last_year, **dict(self.chosen)}
        return ReportFilters(**(values | changes))

    def _chosen_dimensions(self) -> Iterator[tuple[Dimension, Any]]:
        return ((dimension(name), value) for name, value in self.chosen)

    def as_query(self) -> dict[str, str]:
        """GET parameters that reproduce these filters (for links and shareable URLs)."""
        query = {"fran": str(self.first_year), "till": str(self.last_year)}
        for item, value in self._chosen_dimensions():
            query[item.param] = item.member(value).key
        return query

    def describe(self) -> list[tuple[str, str]]:
        """The filters in words, for headings of pages and exports."""
        return [("År", self.period)] + [
            (item.label, item.member(value).label) for item, value in self._chosen_dimensions()
        ]

    def in_brief(self, *, leave_out: Iterable[str] = ()) -> list[str]:
        """The filters in a few words each, then the period, for page titles:
        `["GR", "Målområde 2", "2016"]`; `leave_out` names dimensions the page is about."""
        chosen = [
            item.in_brief(value) for item, value in self._chosen_dimensions() if item.name not in leave_out
        ]
        return [*chosen, self.period]

    def entry_lookups(self) -> dict[str, Any]:
        """The filters as lookups on the entries."""
        lookups: dict[str, Any] = {}
        for item, value in self._chosen_dimensions():
            lookups |= item.entry_lookup(value)
        return lookups

    def totals_lookups(self) -> dict[str, Any]:
        """The filters as lookups on the running totals, where "none set" is 0, not NULL."""
        lookups: dict[str, Any] = {}
        for item, value in self._chosen_dimensions():
            lookups |= item.totals_lookup(value)
        return lookups


@dataclass(frozen=True)
class ReportChoices:
    """The strategy's own values of each dimension (goal areas, priorities, focus areas,
    every actor), read once per page: the filter form offers them and the report labels its
    figures with them."""

    rows: dict[str, list]

    def of(self, name: str) -> list:
        return self.rows.get(name, [])


def load_choices(strategy: Strategy) -> ReportChoices:
    """One small query per dimension with rows of its own (four), whatever the number of entries."""
    return ReportChoices(
        rows={item.name: list(item.rows(strategy)) for item in DIMENSIONS if item.rows is not None}
    )


def _year_ids(strategy: Strategy, first_year: int, last_year: int) -> list[int]:
    years = ReportingYear.objects.filter(strategy=strategy, year__gte=first_year, year__lte=last_year)
    return list(years.values_list("pk", flat=True))


def filtered_totals(year_ids: list[int], filters: ReportFilters) -> QuerySet:
    # A literal list of year ids, not a join or subquery, so that PostgreSQL estimates
    # the rows right.
    return EntryTotal.objects.filter(reporting_year_id__in=year_ids, **filters.totals_lookups())


def open_report_years(strategy: Strategy, filters: ReportFilters) -> list[int]:
    """The years of the report's period whose figures may still change (the write rule's
    open years), which the report names beside its figures."""
    years = ReportingYear.objects.filter(open_years(), strategy=strategy, year__in=filters.years)
    return list(years.order_by("year").values_list("year", flat=True))
