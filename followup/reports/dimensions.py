"""The report's dimensions: every way the figures are broken down, in one table.

A dimension is one key of the running totals (`EntryTotal`) seen from every side: the
column it groups by there and filters on in the entries, the GET parameter of its filter,
its Swedish words (column heading and sheet title, breakdown title, the filter's choices
and messages) and the report page of one of its values. The filter form, `ReportFilters`,
the report and its pages, the exports and the headings of published figures all read
this table; none of them names a dimension's words or columns itself. Adding a breakdown
over an existing key is therefore a row in `DIMENSIONS` (or `MATRICES`) and its place in
`PAGES`.

Every strategy has these dimensions today. When a strategy names its own levels, its
table is this one with its words replaced (`dataclasses.replace(dimension, label=...)`)
and the levels it lacks left out; the readers only ever loop over a table.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from strategy.models import Actor, FocusArea, GoalArea, Priority, Strategy, StrategyWords

from ..formatting import swedish_sort_key
from ..models import FundingSource

if TYPE_CHECKING:
    from .filters import ReportFilters

NONE_KEY = "ingen"


@dataclass(frozen=True)
class Member:
    """One value of a dimension as a report shows it: the key it has in addresses,
    snapshots and exports, its label, and what `ReportFilters` holds for it."""

    key: str
    label: str
    value: Any


def _number(value: GoalArea | Priority | FocusArea) -> str:
    return str(value.number)


def _pk(value: Any) -> Any:
    return value.pk


def _itself(value: Any) -> Any:
    return value


def _goal_areas(strategy: Strategy) -> Iterable[GoalArea]:
    return GoalArea.objects.filter(strategy=strategy).order_by("number")


def _priorities(strategy: Strategy) -> Iterable[Priority]:
    # The goal area comes along: priorities are grouped and narrowed by it.
    return (
        Priority.objects.filter(goal_area__strategy=strategy).select_related("goal_area").order_by("number")
    )


def _focus_areas(strategy: Strategy) -> Iterable[FocusArea]:
    return FocusArea.objects.filter(strategy=strategy).order_by("number")


def _actors(strategy: Strategy) -> Iterable[Actor]:
    # Actors outlive strategies: every actor, in Swedish alphabetical order.
    return sorted(Actor.objects.all(), key=lambda actor: swedish_sort_key(actor.name))


def _funding_sources(strategy: Strategy) -> Iterable[str]:
    return FundingSource.values


def _funding_source_label(value: str) -> str:
    return FundingSource(value).label


@dataclass(frozen=True)
class Dimension:
    """One row of the table. `rows` reads the strategy's values (one small query at most),
    and `key`, `caption` and `column_value` tell of each value its key, its label and its
    value in the two columns."""

    name: str  # snapshot key, export table (`tabell`), `ReportFilters` keyword
    label: str  # column heading, sheet title, filter label, in the words describing filters
    title: str  # heading of its breakdown
    totals_column: str  # `EntryTotal` column it groups and filters by; 0 there is "none set"
    entry_column: str  # `SpendingEntry` column it filters by; NULL there is "none set"
    rows: Callable[[Strategy], Iterable[Any]] | None = None
    key: Callable[[Any], str] = _number
    caption: Callable[[Any], str] = str
    column_value: Callable[[Any], Any] = _pk
    # A value in a few words, for page titles: "Målområde 2" unless given ("GR").
    brief: Callable[[Any], str] | None = None
    param: str | None = None  # GET parameter of its filter; None: no filter of its own
    every: str = ""  # the filter's choice meaning no filter
    unknown: str = ""  # the filter's message for a value it does not know, without a full stop
    none_label: str | None = None  # the figure of entries without a value; None: all have one
    definite: str = ""  # the definite form, in messages about the values under it
    parent: str | None = None  # the dimension (and attribute) each value belongs under
    area_page: str | None = None  # URL name of the report page of one value
    # A filter on it leaves that value's figure alone, not a list of zeros around it.
    only_chosen: bool = False

    @property
    def group_columns(self) -> tuple[str, ...]:
        return (self.totals_column,)

    def member(self, value: Any) -> Member:
        if value == NONE_KEY:
            return Member(key=NONE_KEY, label=self.none_label or "", value=NONE_KEY)
        return Member(key=self.key(value), label=self.caption(value), value=value)

    def in_brief(self, value: Any) -> str:
        if value == NONE_KEY:
            return self.none_label or ""
        return self.brief(value) if self.brief else f"{self.label} {self.key(value)}"

    def members(self, rows: Iterable[Any], filters: "ReportFilters") -> list[Member]:
        """The values a report with these filters shows, in order, even those at zero."""
        chosen = filters.get(self.name)
        parent = filters.get(self.parent) if self.parent else None
        if self.only_chosen and chosen not in (None, NONE_KEY):
            rows = [chosen]
        elif parent not in (None, NONE_KEY):
            rows = [row for row in rows if getattr(row, self.parent) == parent]
        shown = [self.member(row) for row in rows]
        return [*shown, self.member(NONE_KEY)] if self.none_label else shown

    def changes(self, value: Any) -> dict[str, Any]:
        """The filters that narrow a report to this value's figure."""
        return {self.name: value}

    def column_keys(self, members: list[Member]) -> dict[Any, str]:
        """The key of the member each value of the totals column belongs to."""
        return {self.column_value(member.value): member.key for member in members if member.key != NONE_KEY}

    def entry_lookup(self, value: Any) -> dict[str, Any]:
        if value == NONE_KEY:
            return {f"{self.entry_column}__isnull": True}
        return {self.entry_column: self.column_value(value)}

    def totals_lookup(self, value: Any) -> dict[str, Any]:
        return {self.totals_column: 0 if value == NONE_KEY else self.column_value(value)}


@dataclass(frozen=True)
class _Years(Dimension):
    """The reporting year. Every grouped query is by year already, its values are the
    report's own period (the form keeps it inside the strategy's) and the filter of one
    year's figure is its period."""

    @property
    def group_columns(self) -> tuple[str, ...]:
        return ()

    def members(self, rows: Iterable[Any], filters: "ReportFilters") -> list[Member]:
        return [self.member(year) for year in filters.years]

    def changes(self, value: Any) -> dict[str, Any]:
        return {"first_year": value, "last_year": value}


# In the order of the report's snapshot and of the sheets of its export.
DIMENSIONS: tuple[Dimension, ...] = (
    Dimension(
        name="goal_area",
        label="Målområde",
        title="Per målområde",
        totals_column="goal_area_id",
        entry_column="goal_area_id",
        rows=_goal_areas,
        param="malomrade",
        every="Alla målområden",
        unknown="Det finns inget målområde med nummer ”%(value)s”",
        definite="målområdet",
        area_page="followup:report_goal_area",
    ),
    Dimension(
        name="priority",
        label="Prioritering",
        title="Per prioritering",
        totals_column="priority_key",
        entry_column="priority_id",
        rows=_priorities,
        param="prioritering",
        every="Alla prioriteringar",
        unknown="Det finns ingen prioritering med nummer ”%(value)s”",
        none_label="Ingen prioritering angiven",
        parent="goal_area",
    ),
    Dimension(
        name="focus_area",
        label="Kraftsamlingsområde",
        title="Per kraftsamlingsområde",
        totals_column="focus_area_key",
        entry_column="focus_area_id",
        rows=_focus_areas,
        param="kraftsamling",
        # Short enough to show whole in the select on a phone; "none set" is a choice of its own.
        every="Alla insatser",
        unknown="Det finns inget kraftsamlingsområde med nummer ”%(value)s”",
        none_label="Utanför kraftsamlingsområdena",
        area_page="followup:report_focus_area",
    ),
    Dimension(
        name="actor",
        label="Aktör",
        title="Per aktör",
        totals_column="actor_id",
        entry_column="actor_id",
        rows=_actors,
        key=lambda actor: actor.slug,
        caption=lambda actor: actor.name,
        brief=lambda actor: actor.short_name,
        param="aktor",
        every="Alla aktörer",
        unknown="Det finns ingen aktör med kortnamnet ”%(value)s”",
        area_page="followup:report_actor",
        only_chosen=True,
    ),
    Dimension(
        name="funding_source",
        label="Finansieringskälla",
        title="Per finansieringskälla",
        totals_column="funding_source",
        entry_column="funding_source",
        rows=_funding_sources,
        key=str,
        caption=_funding_source_label,
        brief=_funding_source_label,
        column_value=_itself,
        param="finansiering",
        every="Alla finansieringskällor",
        unknown="Det finns ingen finansieringskälla som heter ”%(value)s”",
    ),
    _Years(
        name="year",
        label="År",
        title="Per år",
        totals_column="year",  # not a column: each grouped row carries its year
        entry_column="reporting_year__year",
        key=str,
        column_value=_itself,
    ),
)


@dataclass(frozen=True)
class Cross:
    """A matrix: the figures of every value of one dimension against every value of another."""

    name: str
    rows: str
    columns: str

    @property
    def title(self) -> str:
        return f"{dimension(self.rows).label} × {dimension(self.columns).label.lower()}"

    @property
    def anchor(self) -> str:
        return f"{dimension(self.rows).param}-{dimension(self.columns).param}"


# In the order of the snapshot and of the export, after the breakdowns.
MATRICES: tuple[Cross, ...] = (
    Cross("actor_by_focus_area", rows="actor", columns="focus_area"),
    Cross("actor_by_goal_area", rows="actor", columns="goal_area"),
)

# The breakdowns and matrices each page shows, in reading order: the report pages (the
# overview and the page of one value of a dimension, after their summary and trend) and
# the figures frozen with a published annual report.
PAGES: Mapping[str, tuple[str, ...]] = {
    "overview": (
        "goal_area",
        "focus_area",
        "priority",
        "actor",
        "funding_source",
        "actor_by_focus_area",
        "actor_by_goal_area",
    ),
    "focus_area": ("actor", "goal_area", "priority", "funding_source", "actor_by_goal_area"),
    "goal_area": ("priority", "focus_area", "actor", "funding_source", "actor_by_focus_area"),
    "actor": ("goal_area", "focus_area", "priority", "funding_source"),
    "annual_report": ("goal_area", "focus_area", "actor", "funding_source", "priority"),
}

_BY_NAME = {dimension.name: dimension for dimension in DIMENSIONS}
_CROSS_BY_NAME = {matrix.name: matrix for matrix in MATRICES}


def dimension(name: str) -> Dimension:
    return _BY_NAME[name]


def cross(name: str) -> Cross:
    return _CROSS_BY_NAME[name]


# The dimensions a report can be narrowed to, in the order of the filter form's fields,
# of the parameters of an address and of the words describing the filters.
FILTERS: tuple[Dimension, ...] = tuple(
    dimension(name) for name in ("actor", "goal_area", "priority", "focus_area", "funding_source")
)


def label_in(item: Dimension, words: StrategyWords) -> str:
    """The dimension's name as the strategy words it: VG2030's "Långsiktig prioritering"
    where VG2020 says "Målområde"; a dimension that is no level of a strategy keeps its own."""
    level = words.level(item.name)
    return level.singular.capitalize() if level else item.label


def title_in(item: Dimension, words: StrategyWords) -> str:
    level = words.level(item.name)
    return f"Per {level.singular}" if level else item.title


def matrix_title_in(spec: Cross, words: StrategyWords) -> str:
    rows, columns = dimension(spec.rows), dimension(spec.columns)
    return f"{label_in(rows, words)} × {label_in(columns, words).lower()}"
