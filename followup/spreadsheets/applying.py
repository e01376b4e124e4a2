"""Apply a confirmed import inside one transaction, all or nothing.

`apply_import` locks the year (so that closing it waits for the import, or the reverse),
asks again who may report and whether the year and the actor's year may change (the
reporting round's tables are not among those the data version follows), and locks the
entries the plan names. If the data version is still the one the preview's plan was
validated against, nothing the plan depends on has changed and that plan is written as
it is; otherwise the stored rows are planned again under the lock, and written only if
that plan is still free of errors and still the one the user confirmed (its fingerprint).
"""

from collections.abc import Callable

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.utils import timezone

from followup import write_rule
from followup.entries import save_new_version
from followup.models import ImportBatch, ReportingYear, SpendingEntry
from followup.totals_sql import VERSION
from strategy import roles
from strategy.models import Actor, Municipality

from .plan import COMPARED_FIELDS, ImportOutdated, ImportPlan, ImportRefused, PlannedRow, StoredPlan
from .planning import LOOKUP_CHUNK, plan_import
from .upload import SheetRows


@transaction.atomic
def apply_import(
    rows: Callable[[], SheetRows],
    *,
    user: AbstractBaseUser,
    actor: Actor,
    reporting_year: ReportingYear,
    fingerprint: str,
    stored: StoredPlan | None = None,
) -> ImportBatch:
    """Write the plan in one transaction; ImportRefused or ImportOutdated write nothing.

    `stored` is the plan the preview kept; without it, or when the data changed since,
    the uploaded rows (`rows()` reads them) are planned, that is validated, again."""
    # Locking the year makes a concurrent closing of it wait for this import, or the reverse.
    year = ReportingYear.objects.select_for_update().select_related("strategy").get(pk=reporting_year.pk)
    plan = _still_current(stored, user=user, actor=actor, year=year, fingerprint=fingerprint)
    if plan is None:
        plan = plan_import(rows(), user=user, actor=actor, reporting_year=year, lock=True)
        if not plan.is_valid:
            raise ImportRefused(plan)
        if plan.fingerprint() != fingerprint:
            raise ImportOutdated
    batch = ImportBatch.objects.create(
        created_by=user,
        file_name=plan.file_name[:255],
        actor=actor,
        reporting_year=year,
        created_count=len(plan.created),
        updated_count=len(plan.updated),
        unchanged_count=len(plan.unchanged),
    )
    # History keeps 100 characters of reason; shorten the name, never the batch number.
    reason = f"Import: {plan.file_name[:70]} (#{batch.pk})"
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
        # Locked above, at the version the user confirmed (the plan's fingerprint holds it).
        save_new_version(entry, user=user, stored_version=entry.version)
    return batch


def _still_current(
    stored: StoredPlan | None,
    *,
    user: AbstractBaseUser,
    actor: Actor,
    year: ReportingYear,
    fingerprint: str,
) -> ImportPlan | None:
    """The stored plan, if it is the one the user confirmed and nothing it was validated
    against has changed since; None when the rows must be planned again."""
    if stored is None or stored.fingerprint != fingerprint:
        return None
    # Not versioned, so asked again whatever the data version says; planning again gives
    # the Swedish reason.
    if not roles.editable_actors(user).filter(pk=actor.pk).exists() or write_rule.refusal(actor, year):
        return None
    entries = _locked_entries(stored.entry_ids(), actor=actor, year=year)
    if any(
        row["entry"] is not None and row["version"] != getattr(entries.get(row["entry"]), "version", None)
        for row in stored.rows
    ):
        return None
    # Read after the locks, and locked itself: a write that has not committed yet holds the
    # version's row, so this waits for it and then sees the version it set.
    if _locked_data_version() != stored.data_version:
        return None
    return stored.rebuild(
        actor=actor,
        reporting_year=year,
        entries=entries,
        municipalities=Municipality.objects.in_bulk(),
    )


def _locked_entries(ids: list[int], *, actor: Actor, year: ReportingYear) -> dict[int, SpendingEntry]:
    entries = (
        SpendingEntry.objects.filter(actor=actor, reporting_year=year)
        .select_for_update(of=("self",))
        .prefetch_related("municipalities")
        .order_by("pk")
    )
    found: dict[int, SpendingEntry] = {}
    for start in range(0, len(ids), LOOKUP_CHUNK):
        found.update((entry.pk, entry) for entry in entries.filter(pk__in=ids[start : start + LOOKUP_CHUNK]))
    return found


def _locked_data_version() -> int | None:
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {VERSION} WHERE id = 1{lock}")
        row = cursor.fetchone()
    return row[0] if row else None


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
    through.objects.bulk_create(
        [
            through(spendingentry_id=entry.pk, municipality_id=municipality.pk)
            for entry, planned in zip(entries, created, strict=True)
            for municipality in planned.municipalities
        ],
        batch_size=BULK_SIZE,
    )
    _record_creations(batch=batch, user=user, reason=reason)


def _record_creations(*, batch: ImportBatch, user: AbstractBaseUser, reason: str) -> None:
    """One history record per created entry, as a form's save writes it (with the
    municipalities it was created with), copied inside the database in two statements:
    building a historical model object per row would cost more than the import itself.
    Runs before the batch's changed entries are saved, so that the batch's entries are
    then exactly the ones it created."""
    history = SpendingEntry.history.model
    links = apps.get_model("followup", "HistoricalSpendingEntry_municipalities")
    through = SpendingEntry.municipalities.through
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in history.tracked_fields)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    # Only our own table and column names go into the SQL; every value is a parameter.
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(history._meta.db_table)} "
            f"({columns}, history_date, history_change_reason, history_type, history_user_id) "
            f"SELECT {columns}, %s, %s, '+', %s FROM {quote(SpendingEntry._meta.db_table)} "
            "WHERE last_import_id = %s",
            [now, reason, user.pk, batch.pk],
        )
        cursor.execute(
            f"INSERT INTO {quote(links._meta.db_table)} (id, history_id, municipality_id, spendingentry_id) "
            "SELECT link.id, record.history_id, link.municipality_id, link.spendingentry_id "
            f"FROM {quote(through._meta.db_table)} link "
            f"JOIN {quote(history._meta.db_table)} record ON record.id = link.spendingentry_id "
            "WHERE record.last_import_id = %s AND record.history_type = '+'",
            [batch.pk],
        )
