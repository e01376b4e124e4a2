"""Plan an import: read every row of an upload into model values, check it, and decide
what confirming would do. Planning never writes.

A row with an id changes that entry, which must be one of the chosen actor's entries in
the chosen year. A row without an id creates an entry, unless the actor already has an
entry that year with exactly the same values that no other row claims: then the row was
imported before, and uploading the same file again changes nothing. Only the entries the
file names by id, and those with a title of one of its new rows, are read (and, when
confirming, locked): one indexed lookup each, whatever the actor's year already holds.
"""

import re
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models.expressions import RawSQL

from followup import write_rule
from followup.formatting import AmountError, format_kr, parse_amount
from followup.models import FundingSource, ReportingYear, SpendingEntry
from strategy import roles
from strategy.models import Actor

from . import columns as cols
from .columns import HEADING
from .plan import COMPARED_FIELDS, TEXT_FIELDS, CellError, Change, ImportPlan, PlannedRow
from .upload import SheetRows

# Checked here from lookups already in memory; validating them again in clean_fields
# would cost a query per row and field.
_NOT_CLEANED = [
    # Set by the import itself, or read from the reference lists above.
    "id",
    "created_at",
    "updated_at",
    "version",
    "funding_source",
    "actor",
    "reporting_year",
    "goal_area",
    "priority",
    "focus_area",
    "created_by",
    "updated_by",
    "last_import",
    "municipalities",
]


def _entry_key(entry: SpendingEntry) -> tuple:
    return (
        *(getattr(entry, name) for name in COMPARED_FIELDS),
        frozenset(municipality.pk for municipality in entry.municipalities.all()),
    )


def _display(name: str, value: Any) -> str:
    if value is None or value == "":
        return "–"
    if name in ("amount", "total_project_size"):
        return format_kr(value)
    if name == "funding_source":
        return FundingSource(value).label
    if name == "municipalities":
        return ", ".join(sorted(municipality.name for municipality in value)) or "–"
    return str(value)


def _changes(entry: SpendingEntry, row: PlannedRow) -> list[Change]:
    changes = []
    for name in COMPARED_FIELDS:
        before, after = getattr(entry, name), row.values[name]
        if before != after:
            column = name.removesuffix("_id")
            shown_before = getattr(entry, column) if column != name else before
            shown_after = row.values.get(column) if column != name else after
            changes.append(Change(HEADING[column], _display(name, shown_before), _display(name, shown_after)))
    before_set = list(entry.municipalities.all())
    if {m.pk for m in before_set} != {m.pk for m in row.municipalities}:
        changes.append(
            Change(
                HEADING["municipalities"],
                _display("municipalities", before_set),
                _display("municipalities", row.municipalities),
            )
        )
    return changes


class _RowReader:
    """Turns one row of text into model values, collecting an error per bad cell."""

    def __init__(
        self, row: int, values: dict[str, str | None], reference: cols.ReferenceData, reported: set[str]
    ) -> None:
        self.row = row
        self.raw = values
        self.reference = reference
        self.reported = reported
        self.errors: list[CellError] = []

    def error(self, key: str | None, message: str) -> None:
        if key in self.reported:
            return  # a formula in the cell, already reported
        self.errors.append(CellError(self.row, HEADING.get(key) if key else None, message))

    def text(self, key: str) -> str:
        return (self.raw.get(key) or "").strip()

    def required(self, key: str) -> str | None:
        value = self.text(key)
        if not value:
            self.error(key, "Värdet saknas. Fältet måste fyllas i.")
            return None
        return value

    def lookup(self, key: str, finder):
        value = self.text(key)
        if not value:
            return None
        try:
            return finder(value)
        except cols.UnknownValue as error:
            self.error(key, str(error))
            return None

    def amount(self, key: str) -> Decimal | None:
        try:
            return parse_amount(self.raw.get(key))
        except AmountError as error:
            self.error(key, str(error))
            return None


def _read_row(
    row: int,
    raw: dict[str, str | None],
    *,
    plan: ImportPlan,
    reference: cols.ReferenceData,
    formula_keys: set[str],
) -> tuple[PlannedRow | None, list[CellError]]:
    reader = _RowReader(row, raw, reference, formula_keys)
    year, actor = plan.reporting_year, plan.actor
    if reader.text("year") and reader.text("year") != str(year.year):
        reader.error("year", f"Raden gäller år {reader.text('year')}, men importen gäller {year.year}.")
    if reader.text("actor") and cols.normalise(reader.text("actor")) not in {
        cols.normalise(actor.short_name),
        cols.normalise(actor.name),
        actor.slug,
    }:
        reader.error("actor", f"Raden gäller {reader.text('actor')}, men importen gäller {actor.short_name}.")
    values: dict[str, Any] = {
        "title": reader.required("title"),
        "description": reader.text("description"),
        "case_number": reader.text("case_number"),
        "project_owner": reader.required("project_owner"),
    }
    goal_area = reader.lookup("goal_area", reference.goal_area)
    if goal_area is None and not reader.text("goal_area"):
        reader.required("goal_area")
    priority = reader.lookup("priority", reference.priority)
    focus_area = reader.lookup("focus_area", reference.focus_area)
    amount = reader.amount("amount")
    if amount is None and not reader.text("amount"):
        reader.required("amount")
    funding_source = reader.lookup("funding_source", reference.funding_source)
    if funding_source is None and not reader.text("funding_source"):
        reader.required("funding_source")
    total = reader.amount("total_project_size")
    municipalities = reader.lookup("municipalities", reference.municipality_set) or []
    if reader.errors or formula_keys:
        return None, reader.errors
    values.update(
        goal_area=goal_area,
        goal_area_id=goal_area.pk,
        priority=priority,
        priority_id=priority.pk if priority else None,
        focus_area=focus_area,
        focus_area_id=focus_area.pk if focus_area else None,
        amount=amount,
        funding_source=funding_source,
        total_project_size=total,
    )
    candidate = SpendingEntry(
        actor=actor,
        reporting_year=year,
        **{name: values[name] for name in [*TEXT_FIELDS, "amount", "funding_source", "total_project_size"]},
        goal_area=goal_area,
        priority=priority,
        focus_area=focus_area,
    )
    # What full_clean asks, but the write rule once per file (plan_import), not once per row.
    try:
        candidate.clean_fields(exclude=_NOT_CLEANED)
        field_errors: dict[str, list[str]] = {}
    except ValidationError as error:
        field_errors = error.message_dict
    for name, message in candidate.value_errors().items():
        field_errors.setdefault(name, []).append(message)
    if field_errors:
        for name, messages in field_errors.items():
            column = name if name in HEADING else None
            for message in messages:
                reader.error(column, message)
        return None, reader.errors
    return PlannedRow(row=row, action="create", values=values, municipalities=municipalities), []


def plan_import(
    sheet: SheetRows,
    *,
    user: AbstractBaseUser,
    actor: Actor,
    reporting_year: ReportingYear,
    lock: bool = False,
) -> ImportPlan:
    """What importing `sheet` for this actor and year would do, and every error in it."""
    plan = ImportPlan(actor=actor, reporting_year=reporting_year, file_name=sheet.file_name)
    if not roles.editable_actors(user).filter(pk=actor.pk).exists():
        plan.errors.append(CellError(None, None, f"Du kan inte rapportera för {actor.name}."))
        return plan
    if refused := write_rule.refusal(actor, reporting_year):
        plan.errors.append(CellError(None, None, refused))
        return plan
    existing, same_titles = _stored_entries(sheet, actor=actor, reporting_year=reporting_year, lock=lock)
    reference = cols.ReferenceData.load(reporting_year.strategy)
    formulas = defaultdict(list)
    for row, key, text in sheet.formulas:
        formulas[row].append((key, text))
    first_seen: dict[int, int] = {}
    for row, raw in sheet.rows:
        errors = [
            CellError(
                row,
                HEADING[key],
                f"Cellen innehåller en formel ({text}). Skriv in värdet i stället, "
                "till exempel genom att klistra in som värden.",
            )
            for key, text in formulas.get(row, [])
        ]
        entry, id_error = _entry_of_id(row, raw, plan=plan, existing=existing, first_row_of_id=first_seen)
        if id_error:
            errors.append(id_error)
        planned, row_errors = _read_row(
            row, raw, plan=plan, reference=reference, formula_keys={key for key, _ in formulas.get(row, [])}
        )
        errors.extend(row_errors)
        if errors or planned is None:
            plan.errors.extend(errors)
            continue
        if entry is not None:
            planned.entry = entry
            planned.changes = _changes(entry, planned)
            planned.action = "update" if planned.changes else "unchanged"
        plan.rows.append(planned)
    _match_rows_imported_before(plan, same_titles, claimed=set(first_seen))
    return plan


# Ids and titles per lookup: well below the bound parameters PostgreSQL and SQLite accept.
LOOKUP_CHUNK = 2000


def _stored_entries(
    sheet: SheetRows, *, actor: Actor, reporting_year: ReportingYear, lock: bool
) -> tuple[dict[int, SpendingEntry], list[SpendingEntry]]:
    """The actor's entries of that year that the file touches, and only those: the ones its
    ids name, and those whose title one of its rows without an id has (the rows may have
    been imported before). Locked for update when `lock`; the rest of the year's entries
    are neither read nor locked, however many there are (the title is in the index)."""
    entries = (
        SpendingEntry.objects.filter(actor=actor, reporting_year=reporting_year)
        .select_related("goal_area", "priority", "focus_area")
        .prefetch_related("municipalities")
        .order_by("pk")
    )
    if lock:
        entries = entries.select_for_update(of=("self",))
    ids, titles = set(), set()
    for _, raw in sheet.rows:
        id_text = (raw.get("id") or "").strip()
        if re.fullmatch(r"\d{1,18}", id_text):
            ids.add(int(id_text))
        elif not id_text and (title := (raw.get("title") or "").strip()):
            titles.add(title)
    by_id: dict[int, SpendingEntry] = {}
    same_titles: list[SpendingEntry] = []
    for chunk in _chunks(sorted(ids)):
        by_id.update((entry.pk, entry) for entry in entries.filter(pk__in=chunk))
    for chunk in _chunks(sorted(titles)):
        same_titles += entries.filter(pk__in=_with_titles(chunk, actor=actor, reporting_year=reporting_year))
    return by_id, [entry for entry in same_titles if entry.pk not in by_id]


def _chunks(values: list) -> list[list]:
    return [values[start : start + LOOKUP_CHUNK] for start in range(0, len(values), LOOKUP_CHUNK)]


def _with_titles(titles: list[str], *, actor: Actor, reporting_year: ReportingYear) -> RawSQL:
    """The ids of the actor's entries that year with one of these titles, as a join with the
    titles: `title IN (…)` lets PostgreSQL pick the trigram index (`entry_title_trgm_idx`),
    which for thousands of titles sharing words scans most of its posting lists (140 s for
    10 thousand rows at 100 thousand entries, with an earlier import's rows deleted); a
    join is answered from the btree `entry_year_actor_title_idx`. `column1` is what both
    engines call a VALUES column."""
    table = connection.ops.quote_name(SpendingEntry._meta.db_table)
    values = ", ".join(["(%s)"] * len(titles))
    # Only our own table name and placeholders go into the SQL; every title is a parameter.
    return RawSQL(  # noqa: S611
        f"SELECT entry.id FROM {table} entry JOIN (VALUES {values}) AS wanted "  # noqa: S608
        "ON entry.title = wanted.column1 WHERE entry.actor_id = %s AND entry.reporting_year_id = %s",
        [*titles, actor.pk, reporting_year.pk],
    )


def _entry_of_id(
    row: int,
    raw: dict[str, str | None],
    *,
    plan: ImportPlan,
    existing: dict[int, SpendingEntry],
    first_row_of_id: dict[int, int],
) -> tuple[SpendingEntry | None, CellError | None]:
    """The stored entry a row's id names, or why it names none; notes the first row of each id."""
    id_text = (raw.get("id") or "").strip()
    if not id_text:
        return None, None
    if not re.fullmatch(r"\d{1,18}", id_text):
        return None, CellError(row, HEADING["id"], f"Id ska vara ett heltal, inte ”{id_text}”.")
    pk = int(id_text)
    if pk in first_row_of_id:
        message = (
            f"Id {id_text} finns redan på rad {first_row_of_id[pk]}. Varje insats får bara finnas på en rad."
        )
        return None, CellError(row, HEADING["id"], message)
    first_row_of_id[pk] = row
    if pk not in existing:
        message = (
            f"Det finns ingen insats med id {id_text} för {plan.actor.short_name} "
            f"{plan.reporting_year.year}. Töm id-cellen om raden är en ny insats."
        )
        return None, CellError(row, HEADING["id"], message)
    return existing[pk], None


def _match_rows_imported_before(plan: ImportPlan, candidates: list[SpendingEntry], claimed: set[int]) -> None:
    unclaimed: dict[tuple, list[SpendingEntry]] = defaultdict(list)
    for entry in candidates:
        if entry.pk not in claimed:
            unclaimed[_entry_key(entry)].append(entry)
    for planned in plan.created:
        same = unclaimed.get(planned.key())
        if same:
            planned.entry = same.pop(0)
            planned.action = "unchanged"
