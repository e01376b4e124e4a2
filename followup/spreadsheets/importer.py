"""Validate uploaded rows into a plan (create, change, leave as it is) and apply it at once.

`plan_import` never writes. `apply_import` plans again inside one transaction, with the
year and the actor's entries locked, and writes only if the plan is still free of errors
and still the one the user confirmed (its fingerprint); otherwise nothing is written.

A row with an id changes that entry, which must be one of the chosen actor's entries in
the chosen year. A row without an id creates an entry, unless the actor already has an
entry that year with exactly the same values that no other row claims: then the row was
imported before, and uploading the same file again changes nothing.
"""

import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from followup import write_rule
from followup.entries import save_new_version
from followup.formatting import AmountError, format_kr, parse_amount
from followup.models import MAX_AMOUNT, FundingSource, ImportBatch, ReportingYear, SpendingEntry
from strategy import roles
from strategy.models import Actor, Municipality

from . import columns as cols
from .reader import SheetRows

Action = Literal["create", "update", "unchanged"]

TEXT_FIELDS = ["title", "description", "case_number", "project_owner"]
COMPARED_FIELDS = [
    *TEXT_FIELDS,
    "goal_area_id",
    "priority_id",
    "focus_area_id",
    "amount",
    "funding_source",
    "total_project_size",
]
# Checked here from lookups already in memory; validating them again in full_clean
# would cost a query per row and field.
_NOT_CLEANED = [
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
_HEADING = {column.key: column.heading for column in cols.EXPORT_COLUMNS}


@dataclass(frozen=True)
class CellError:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Rad {self.row}")
        if self.column:
            where.append(f"kolumn ”{self.column}”")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass(frozen=True)
class Change:
    column: str
    before: str
    after: str


@dataclass
class PlannedRow:
    row: int
    action: Action
    values: dict[str, Any]
    municipalities: list[Municipality]
    entry: SpendingEntry | None = None
    changes: list[Change] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.values["title"]

    @property
    def amount(self) -> Decimal:
        return self.values["amount"]

    def key(self) -> tuple:
        return (
            *(self.values[name] for name in COMPARED_FIELDS),
            frozenset(municipality.pk for municipality in self.municipalities),
        )


@dataclass
class ImportPlan:
    actor: Actor
    reporting_year: ReportingYear
    file_name: str
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)

    def _with(self, action: Action) -> list[PlannedRow]:
        return [row for row in self.rows if row.action == action]

    @property
    def created(self) -> list[PlannedRow]:
        return self._with("create")

    @property
    def updated(self) -> list[PlannedRow]:
        return self._with("update")

    @property
    def unchanged(self) -> list[PlannedRow]:
        return self._with("unchanged")

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def fingerprint(self) -> str:
        """Changes whenever what confirming would do changes (another save, another plan)."""
        state = [
            [
                row.row,
                row.action,
                row.entry.pk if row.entry else None,
                row.entry.version if row.entry else None,
            ]
            for row in self.rows
        ]
        return hashlib.sha256(json.dumps(state).encode()).hexdigest()


class ImportRefused(Exception):
    def __init__(self, plan: ImportPlan) -> None:
        super().__init__("; ".join(str(error) for error in plan.errors))
        self.plan = plan


class ImportOutdated(Exception):
    """The entries changed between the preview and the confirmation."""


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
            changes.append(
                Change(_HEADING[column], _display(name, shown_before), _display(name, shown_after))
            )
    before_set = list(entry.municipalities.all())
    if {m.pk for m in before_set} != {m.pk for m in row.municipalities}:
        changes.append(
            Change(
                _HEADING["municipalities"],
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
        self.errors.append(CellError(self.row, _HEADING.get(key) if key else None, message))

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
            value = parse_amount(self.raw.get(key))
        except AmountError as error:
            self.error(key, str(error))
            return None
        if value is None:
            return None
        if value < 0:
            self.error(key, "Beloppet kan inte vara negativt.")
            return None
        if value > MAX_AMOUNT:
            self.error(key, f"Beloppet är orimligt stort. Högsta tillåtna belopp är {format_kr(MAX_AMOUNT)}.")
            return None
        return value


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
    try:
        candidate.full_clean(exclude=_NOT_CLEANED, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            column = name if name in _HEADING else None
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
    entries = (
        SpendingEntry.objects.filter(actor=actor, reporting_year=reporting_year)
        .select_related("goal_area", "priority", "focus_area")
        .prefetch_related("municipalities")
    )
    if lock:
        entries = entries.select_for_update(of=("self",))
    existing = {entry.pk: entry for entry in entries}
    reference = cols.ReferenceData.load(reporting_year.strategy)
    formulas = defaultdict(list)
    for row, key, text in sheet.formulas:
        formulas[row].append((key, text))
    first_row_of_id: dict[int, int] = {}
    for row, raw in sheet.rows:
        errors = [
            CellError(
                row,
                _HEADING[key],
                f"Cellen innehåller en formel ({text}). Skriv in värdet i stället, "
                "till exempel genom att klistra in som värden.",
            )
            for key, text in formulas.get(row, [])
        ]
        entry = None
        id_text = (raw.get("id") or "").strip()
        if id_text:
            if not re.fullmatch(r"\d{1,18}", id_text):
                errors.append(CellError(row, _HEADING["id"], f"Id ska vara ett heltal, inte ”{id_text}”."))
            elif int(id_text) in first_row_of_id:
                errors.append(
                    CellError(
                        row,
                        _HEADING["id"],
                        f"Id {id_text} finns redan på rad {first_row_of_id[int(id_text)]}. "
                        "Varje insats får bara finnas på en rad.",
                    )
                )
            elif int(id_text) not in existing:
                errors.append(
                    CellError(
                        row,
                        _HEADING["id"],
                        f"Det finns ingen insats med id {id_text} för {actor.short_name} "
                        f"{reporting_year.year}. "
                        "Töm id-cellen om raden är en ny insats.",
                    )
                )
            else:
                entry = existing[int(id_text)]
            if id_text.isdigit():
                first_row_of_id.setdefault(int(id_text), row)
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
    _match_rows_imported_before(plan, existing, claimed=set(first_row_of_id))
    return plan


def _match_rows_imported_before(
    plan: ImportPlan, existing: dict[int, SpendingEntry], claimed: set[int]
) -> None:
    unclaimed: dict[tuple, list[SpendingEntry]] = defaultdict(list)
    for pk, entry in existing.items():
        if pk not in claimed:
            unclaimed[_entry_key(entry)].append(entry)
    for planned in plan.created:
        same = unclaimed.get(planned.key())
        if same:
            planned.entry = same.pop(0)
            planned.action = "unchanged"


@transaction.atomic
def apply_import(
    sheet: SheetRows,
    *,
    user: AbstractBaseUser,
    actor: Actor,
    reporting_year: ReportingYear,
    fingerprint: str,
) -> ImportBatch:
    """Write the plan in one transaction; ImportRefused or ImportOutdated write nothing."""
    # Locking the year makes a concurrent closing of it wait for this import, or the reverse.
    year = ReportingYear.objects.select_for_update().select_related("strategy").get(pk=reporting_year.pk)
    plan = plan_import(sheet, user=user, actor=actor, reporting_year=year, lock=True)
    if not plan.is_valid:
        raise ImportRefused(plan)
    if plan.fingerprint() != fingerprint:
        raise ImportOutdated
    batch = ImportBatch.objects.create(
        created_by=user,
        file_name=sheet.file_name[:255],
        actor=actor,
        reporting_year=year,
        created_count=len(plan.created),
        updated_count=len(plan.updated),
        unchanged_count=len(plan.unchanged),
    )
    # History keeps 100 characters of reason; shorten the name, never the batch number.
    reason = f"Import: {sheet.file_name[:70]} (#{batch.pk})"
    _create_entries(plan.created, actor=actor, year=year, user=user, batch=batch, reason=reason)
    for planned in plan.updated:
        entry = planned.entry
        for name in COMPARED_FIELDS:
            setattr(entry, name, planned.values[name])
        entry.last_import = batch
        entry._change_reason = reason
        entry._history_user = user
        if {m.pk for m in entry.municipalities.all()} != {m.pk for m in planned.municipalities}:
            # Set quietly so that the save below records one history row with the new set.
            entry.skip_history_when_saving = True
            entry.municipalities.set(planned.municipalities)
            del entry.skip_history_when_saving
        # Locked by the plan above, whose fingerprint holds the version the user confirmed.
        save_new_version(entry, user=user, stored_version=entry.version)
    return batch


BULK_SIZE = 1000


def _create_entries(
    created: list[PlannedRow],
    *,
    actor: Actor,
    year: ReportingYear,
    user: AbstractBaseUser,
    batch: ImportBatch,
    reason: str,
) -> None:
    """Insert the new entries, their municipalities and their history in bulk.

    The rows were validated by plan_import; saving them one by one would cost five
    queries a row. History is written as a form's save writes it: one record per
    entry, with the municipalities it was created with.
    """
    entries = SpendingEntry.objects.bulk_create(
        [
            SpendingEntry(
                actor=actor,
                reporting_year=year,
                created_by=user,
                updated_by=user,
                last_import=batch,
                **{name: planned.values[name] for name in COMPARED_FIELDS},
            )
            for planned in created
        ],
        batch_size=BULK_SIZE,
    )
    through = SpendingEntry.municipalities.through
    links = through.objects.bulk_create(
        [
            through(spendingentry_id=entry.pk, municipality_id=municipality.pk)
            for entry, planned in zip(entries, created, strict=True)
            for municipality in planned.municipalities
        ],
        batch_size=BULK_SIZE,
    )
    records = SpendingEntry.history.bulk_history_create(
        entries, batch_size=BULK_SIZE, default_user=user, default_change_reason=reason
    )
    record_of = {record.id: record for record in records}
    historical_links = apps.get_model("followup", "HistoricalSpendingEntry_municipalities")
    historical_links.objects.bulk_create(
        [
            historical_links(
                history=record_of[link.spendingentry_id],
                id=link.pk,
                spendingentry_id=link.spendingentry_id,
                municipality_id=link.municipality_id,
            )
            for link in links
        ],
        batch_size=BULK_SIZE,
    )
