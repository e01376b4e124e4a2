"""Apply a confirmed import: plan again inside one transaction, then write it all or nothing.

`apply_import` locks the year (so that closing it waits for the import, or the reverse)
and the actor's entries, plans again from the stored rows, and writes only if the plan
is still free of errors and still the one the user confirmed (its fingerprint);
otherwise nothing is written.
"""

from django.apps import apps
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.utils import timezone

from followup.entries import save_new_version
from followup.models import ImportBatch, ReportingYear, SpendingEntry
from strategy.models import Actor

from .plan import COMPARED_FIELDS, ImportOutdated, ImportRefused, PlannedRow
from .planning import plan_import
from .upload import SheetRows


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
