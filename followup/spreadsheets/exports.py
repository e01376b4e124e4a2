"""The entry list as a table for the writers, and as API rows, from one streamed query.

Each entry's municipalities are joined in the database (a correlated subquery), so the
export is one query however many entries there are, iterated in chunks. The query
selects one value per exported column; actors' names and the levels' labels come from
one in-memory lookup of the reference tables (tens of rows), read once per export.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Aggregate, CharField, OuterRef, QuerySet, Subquery, Value
from django.utils import timezone

from followup.models import FundingSource, SpendingEntry
from strategy.models import Actor, FocusArea, GoalArea, Priority, Strategy

from . import columns as cols
from .workbook import Table, api_timestamp

CHUNK_SIZE = 2000
_SEPARATOR = "|"
# One value per column of cols.EXPORT_COLUMNS, in that order.
EXPORT_FIELDS = [
    "id",
    "reporting_year__year",
    "actor_id",
    "title",
    "description",
    "case_number",
    "project_owner",
    "goal_area_id",
    "priority_id",
    "focus_area_id",
    "amount",
    "funding_source",
    "total_project_size",
    "municipality_names",
    "updated_at",
]
_FUNDING_LABELS = dict(FundingSource.choices)


class FilterError(ValueError):
    """A filter value that names nothing; the message is Swedish and meant for the user."""


class _JoinedText(Aggregate):
    """STRING_AGG on PostgreSQL, GROUP_CONCAT on SQLite: the values joined by `_SEPARATOR`."""

    function = "STRING_AGG"
    output_field = CharField()

    def __init__(self, expression: str) -> None:
        super().__init__(expression, Value(_SEPARATOR))

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="GROUP_CONCAT", **extra_context)


@dataclass(frozen=True)
class EntryFilters:
    """The entry list's filters: `?year=2016&actor=vgr`. Empty means all."""

    year: int | None = None
    actor: Actor | None = None

    @classmethod
    def from_query(cls, params: Mapping[str, str], *, strategy: Strategy) -> "EntryFilters":
        year_text = (params.get("year") or "").strip()
        actor_text = (params.get("actor") or "").strip()
        year = None
        if year_text:
            if not year_text.isdigit() or int(year_text) not in strategy.years:
                raise FilterError(
                    f"Året ”{year_text}” finns inte i strategin. "
                    f"Ange ett år {strategy.start_year}–{strategy.end_year}."
                )
            year = int(year_text)
        actor = None
        if actor_text:
            actor = Actor.objects.filter(slug=actor_text).first()
            if actor is None:
                raise FilterError(f"Det finns ingen aktör ”{actor_text}”.")
        return cls(year=year, actor=actor)

    def apply(self, entries: QuerySet) -> QuerySet:
        if self.year is not None:
            entries = entries.filter(reporting_year__year=self.year)
        if self.actor is not None:
            entries = entries.filter(actor=self.actor)
        return entries

    def described(self) -> list[tuple[str, str]]:
        chosen = []
        if self.year is not None:
            chosen.append(("År", str(self.year)))
        if self.actor is not None:
            chosen.append(("Aktör", self.actor.short_name))
        return chosen

    def as_dict(self) -> dict[str, Any]:
        return {"year": self.year, "actor": self.actor.slug if self.actor else None}

    def file_stem(self, base: str = "insatser") -> str:
        parts = [base]
        if self.year is not None:
            parts.append(str(self.year))
        if self.actor is not None:
            parts.append(self.actor.slug)
        return "-".join(parts)


def entry_values(entries: QuerySet) -> QuerySet:
    """The export's one query: a tuple per entry with one value per column of
    cols.EXPORT_COLUMNS, ids where the column shows a name or label (see `_Lookup`),
    municipalities' names joined by `_SEPARATOR`."""
    through = SpendingEntry.municipalities.through
    names = (
        through.objects.filter(spendingentry=OuterRef("pk"))
        .order_by()
        .values("spendingentry")
        .annotate(joined=_JoinedText("municipality__name"))
        .values("joined")
    )
    return (
        entries.annotate(municipality_names=Subquery(names, output_field=CharField()))
        .order_by("reporting_year__year", "actor__name", "title", "pk")
        .values_list(*EXPORT_FIELDS)
    )


def _municipalities(joined: str | None) -> list[str]:
    return sorted(filter(None, joined.split(_SEPARATOR))) if joined else []


@dataclass(frozen=True)
class _Level:
    number: int
    name: str
    label: str


class _Lookup:
    """Actors and the levels of every strategy by id, read once per export."""

    def __init__(self) -> None:
        self.actors = {actor.pk: actor for actor in Actor.objects.all()}
        self.goal_areas = self._levels(GoalArea.objects.all())
        self.priorities = self._levels(Priority.objects.all())
        self.focus_areas = self._levels(FocusArea.objects.all())

    @staticmethod
    def _levels(objects: QuerySet) -> dict[int, _Level]:
        return {
            pk: _Level(number, name, cols.numbered_label(number, name))
            for pk, number, name in objects.order_by().values_list("pk", "number", "name")
        }


def _display_rows(entries: QuerySet) -> Iterator[tuple]:
    lookup = _Lookup()
    actors, goal_areas = lookup.actors, lookup.goal_areas
    priorities, focus_areas = lookup.priorities, lookup.focus_areas
    for (
        pk,
        year,
        actor_id,
        title,
        description,
        case_number,
        project_owner,
        goal_area_id,
        priority_id,
        focus_area_id,
        amount,
        funding_source,
        total_project_size,
        municipality_names,
        updated_at,
    ) in entry_values(entries).iterator(chunk_size=CHUNK_SIZE):
        priority = priorities.get(priority_id)
        focus_area = focus_areas.get(focus_area_id)
        yield (
            pk,
            year,
            actors[actor_id].short_name,
            title,
            description,
            case_number,
            project_owner,
            goal_areas[goal_area_id].label,
            priority.label if priority else "",
            focus_area.label if focus_area else "",
            amount,
            _FUNDING_LABELS.get(funding_source, funding_source),
            total_project_size,
            ", ".join(_municipalities(municipality_names)) if municipality_names else "",
            updated_at,
        )


def entry_table(entries: QuerySet, *, filters: EntryFilters, made_by: str) -> Table:
    return Table(
        title="Insatser i uppföljningen av VG2020",
        columns=cols.EXPORT_COLUMNS,
        rows=_display_rows(entries),
        filters=filters.described(),
        generated_by=made_by,
        sheet_title="Insatser",
    )


def _money(value: Any) -> str | None:
    return None if value is None else f"{value:.2f}"


def api_rows(entries: QuerySet) -> Iterator[dict[str, Any]]:
    """The entries as the JSON API documents them (README: "Spreadsheets and the API")."""
    lookup = _Lookup()
    zone = timezone.get_current_timezone()
    actors, goal_areas = lookup.actors, lookup.goal_areas
    priorities, focus_areas = lookup.priorities, lookup.focus_areas
    for (
        pk,
        year,
        actor_id,
        title,
        description,
        case_number,
        project_owner,
        goal_area_id,
        priority_id,
        focus_area_id,
        amount,
        funding_source,
        total_project_size,
        municipality_names,
        updated_at,
    ) in entry_values(entries).iterator(chunk_size=CHUNK_SIZE):
        actor = actors[actor_id]
        goal_area = goal_areas[goal_area_id]
        priority = priorities.get(priority_id)
        focus_area = focus_areas.get(focus_area_id)
        yield {
            "id": pk,
            "year": year,
            "actor": actor.slug,
            "actor_name": actor.name,
            "title": title,
            "description": description,
            "case_number": case_number,
            "project_owner": project_owner,
            "goal_area": goal_area.number,
            "goal_area_name": goal_area.name,
            "priority": priority.number if priority else None,
            "priority_name": priority.name if priority else None,
            "focus_area": focus_area.number if focus_area else None,
            "focus_area_name": focus_area.name if focus_area else None,
            "amount": _money(amount),
            "funding_source": funding_source,
            "funding_source_label": _FUNDING_LABELS.get(funding_source, funding_source),
            "total_project_size": _money(total_project_size),
            "municipalities": _municipalities(municipality_names),
            "updated_at": api_timestamp(updated_at, zone),
        }
