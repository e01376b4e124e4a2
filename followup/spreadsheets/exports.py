"""The entry list as a table for the writers, and as API rows, from one streamed query.

Each entry's municipalities are joined in the database (a correlated subquery), so the
export is one query however many entries there are, iterated in chunks.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Aggregate, CharField, OuterRef, QuerySet, Subquery, Value

from followup.models import FundingSource, SpendingEntry
from strategy.models import Actor, Strategy

from . import columns as cols
from .workbook import Table

CHUNK_SIZE = 2000
_SEPARATOR = "|"
_FIELDS = [
    "id",
    "reporting_year__year",
    "actor__slug",
    "actor__short_name",
    "actor__name",
    "title",
    "description",
    "case_number",
    "project_owner",
    "goal_area__number",
    "goal_area__name",
    "priority__number",
    "priority__name",
    "focus_area__number",
    "focus_area__name",
    "amount",
    "funding_source",
    "total_project_size",
    "updated_at",
    "municipality_names",
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


def entry_rows(entries: QuerySet) -> Iterator[dict[str, Any]]:
    """Plain dicts of the entries, streamed from the database in chunks."""
    through = SpendingEntry.municipalities.through
    names = (
        through.objects.filter(spendingentry=OuterRef("pk"))
        .order_by()
        .values("spendingentry")
        .annotate(joined=_JoinedText("municipality__name"))
        .values("joined")
    )
    rows = (
        entries.annotate(municipality_names=Subquery(names, output_field=CharField()))
        .order_by("reporting_year__year", "actor__name", "title", "pk")
        .values(*_FIELDS)
    )
    for row in rows.iterator(chunk_size=CHUNK_SIZE):
        row["municipalities"] = sorted(filter(None, (row.pop("municipality_names") or "").split(_SEPARATOR)))
        yield row


def _display_row(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "year": row["reporting_year__year"],
        "actor": row["actor__short_name"],
        "title": row["title"],
        "description": row["description"],
        "case_number": row["case_number"],
        "project_owner": row["project_owner"],
        "goal_area": cols.numbered_label(row["goal_area__number"], row["goal_area__name"]),
        "priority": cols.numbered_label(row["priority__number"], row["priority__name"]),
        "focus_area": cols.numbered_label(row["focus_area__number"], row["focus_area__name"]),
        "amount": row["amount"],
        "funding_source": _FUNDING_LABELS.get(row["funding_source"], row["funding_source"]),
        "total_project_size": row["total_project_size"],
        "municipalities": ", ".join(row["municipalities"]),
        "updated_at": row["updated_at"],
    }


def entry_table(entries: QuerySet, *, filters: EntryFilters, made_by: str) -> Table:
    return Table(
        title="Insatser i uppföljningen av VG2020",
        columns=cols.EXPORT_COLUMNS,
        rows=(_display_row(row) for row in entry_rows(entries)),
        filters=filters.described(),
        generated_by=made_by,
        sheet_title="Insatser",
    )


def api_row(row: dict[str, Any]) -> dict[str, Any]:
    """One entry as the JSON API documents it (README: "Spreadsheets and the API")."""

    def money(value):
        return None if value is None else f"{value:.2f}"

    return {
        "id": row["id"],
        "year": row["reporting_year__year"],
        "actor": row["actor__slug"],
        "actor_name": row["actor__name"],
        "title": row["title"],
        "description": row["description"],
        "case_number": row["case_number"],
        "project_owner": row["project_owner"],
        "goal_area": row["goal_area__number"],
        "goal_area_name": row["goal_area__name"],
        "priority": row["priority__number"],
        "priority_name": row["priority__name"],
        "focus_area": row["focus_area__number"],
        "focus_area_name": row["focus_area__name"],
        "amount": money(row["amount"]),
        "funding_source": row["funding_source"],
        "funding_source_label": _FUNDING_LABELS.get(row["funding_source"], row["funding_source"]),
        "total_project_size": money(row["total_project_size"]),
        "municipalities": row["municipalities"],
        "updated_at": row["updated_at"],
    }
