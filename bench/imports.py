"""The Excel import in `make bench`: ours as the views run it (read, preview, confirm)
against its floor, openpyxl's read-only mode plus `bulk_create` of the same rows."""

import time


def _actor_and_year():
    """Where the benchmark imports: BRG's 2019 (a VG2020 year)."""
    from followup.models import ReportingYear
    from strategy.models import Actor

    return Actor.objects.get(slug="brg"), ReportingYear.objects.get(year=2019)


def import_workbook(count: int) -> bytes:
    """A filled-in import template with `count` new rows, as a user would upload it."""
    import io

    from openpyxl import load_workbook

    from followup.models import FundingSource
    from followup.spreadsheets.template import build_template

    actor, year = _actor_and_year()
    workbook = load_workbook(io.BytesIO(build_template(actor=actor, reporting_year=year)))
    sheet = workbook["Insatser"]
    # Only new rows: the template comes pre-filled with the actor's existing entries.
    sheet.delete_rows(6, sheet.max_row)
    headings = [cell.value for cell in sheet[5]]
    labels = FundingSource.labels
    for n in range(count):
        values = {
            "Rubrik": f"Importerad insats {n}",
            "Projektägare": "Bench AB",
            "Målområde": 1 + n % 4,
            "Beviljat belopp (kr)": f"{1000 + n} 50",
            "Finansieringskälla": labels[n % len(labels)],
        }
        sheet.append([values.get(heading) for heading in headings])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def import_ours(data: bytes, user) -> None:
    """What a user waits for: the upload read and kept, the preview planned (and its plan
    kept), the confirmation applied, as the views do it."""
    from followup.spreadsheets import pending
    from followup.spreadsheets.applying import apply_import
    from followup.spreadsheets.plan import StoredPlan
    from followup.spreadsheets.planning import plan_import
    from followup.spreadsheets.upload import read_upload
    from strategy.page_cache import data_version

    actor, year = _actor_and_year()
    sheet = read_upload(data, file_name="bench.xlsx")
    token = pending.store(sheet, user=user, actor=actor, reporting_year=year)
    waiting = pending.load(token, user=user)  # the preview
    version = data_version()
    plan = plan_import(waiting.sheet, user=user, actor=actor, reporting_year=year)
    assert plan.is_valid, plan.errors[:3]
    pending.keep_plan(waiting, StoredPlan.of(plan, data_version=version), user=user)
    waiting = pending.load(token, user=user, rows=False)  # the confirmation
    apply_import(
        lambda: waiting.sheet,
        user=user,
        actor=actor,
        reporting_year=year,
        fingerprint=plan.fingerprint(),
        stored=waiting.plan,
    )
    pending.discard(token, user=user)


def import_floor(data: bytes, user) -> None:
    import io
    from decimal import Decimal

    from openpyxl import load_workbook

    from followup.formatting import parse_amount
    from followup.models import FundingSource, SpendingEntry
    from strategy.models import GoalArea

    actor, year = _actor_and_year()
    # The year's own strategy's goal areas: VG2030 numbers its goal areas too.
    goals = {goal.number: goal for goal in GoalArea.objects.filter(strategy=year.strategy_id)}
    sources = {label: value for value, label in FundingSource.choices}
    sheet = load_workbook(io.BytesIO(data), read_only=True)["Insatser"]
    rows = sheet.iter_rows(min_row=5, values_only=True)
    headings = next(rows)
    entries = []
    for values in rows:
        row = dict(zip(headings, values, strict=False))
        if not row.get("Rubrik"):
            continue
        entries.append(
            SpendingEntry(
                actor=actor,
                reporting_year=year,
                title=row["Rubrik"],
                project_owner=row["Projektägare"],
                goal_area=goals[int(row["Målområde"])],
                amount=parse_amount(row["Beviljat belopp (kr)"]) or Decimal(0),
                funding_source=sources[row["Finansieringskälla"]],
                created_by=user,
                updated_by=user,
            )
        )
    SpendingEntry.objects.bulk_create(entries, batch_size=1000)


# Issue 17: the import at its floor "with the actor and year already holding tens of
# thousands of entries", as they do at a million; at 100 thousand they hold about 2 400,
# so there the import is measured a second time after topping them up to this many.
CROWDED_ACTOR_YEAR = 24_000


def measure_import(rows: list[dict], size: int, user, *, import_rows: int) -> None:
    data = import_workbook(import_rows)
    _measure_import_once(rows, size, user, data, import_rows)
    if size == 100_000 and _actor_year_count() < CROWDED_ACTOR_YEAR:
        _crowd_actor_year(CROWDED_ACTOR_YEAR)
        _measure_import_once(rows, size, user, data, import_rows)


def _actor_year_count() -> int:
    from followup.models import SpendingEntry

    return SpendingEntry.objects.filter(actor__slug="brg", reporting_year__year=2019).count()


def _crowd_actor_year(target: int) -> None:
    """Copies of the actor's own 2019 entries, under new titles, until it holds `target`."""
    from django.db import connection

    columns = [
        "actor_id", "reporting_year_id", "description", "case_number", "project_owner", "goal_area_id",
        "priority_id", "focus_area_id", "amount", "funding_source", "total_project_size", "created_at",
        "updated_at", "version",
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            INSERT INTO followup_spendingentry (title, {", ".join(columns)})
            SELECT 'Trängsel ' || copy.n || ' ' || entry.id, {", ".join(f"entry.{name}" for name in columns)}
            FROM followup_spendingentry entry
            JOIN strategy_actor actor ON actor.id = entry.actor_id AND actor.slug = 'brg'
            JOIN followup_reportingyear year ON year.id = entry.reporting_year_id AND year.year = 2019
            CROSS JOIN generate_series(1, %s) AS copy(n)
            """,
            [target // max(_actor_year_count(), 1)],
        )
        cursor.execute("ANALYZE followup_spendingentry")


def _remove_imported() -> None:
    """The imported rows gone, in SQL: deleting them through the ORM writes a history
    record per row, one query each. Then VACUUM, so that the next run does not wade
    through them in the indexes (the bench's PostgreSQL may run without autovacuum)."""
    from django.db import connection

    imported = "SELECT id FROM followup_spendingentry WHERE title LIKE 'Importerad insats %'"
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM followup_historicalspendingentry_municipalities WHERE history_id IN "
            f"(SELECT history_id FROM followup_historicalspendingentry WHERE id IN ({imported}))"
        )
        cursor.execute(f"DELETE FROM followup_historicalspendingentry WHERE id IN ({imported})")
        cursor.execute(
            f"DELETE FROM followup_spendingentry_municipalities WHERE spendingentry_id IN ({imported})"
        )
        cursor.execute(f"DELETE FROM followup_spendingentry WHERE id IN ({imported})")
        cursor.execute("VACUUM ANALYZE followup_spendingentry")


def _measure_import_once(rows: list[dict], size: int, user, data: bytes, import_rows: int) -> None:
    holds = _actor_year_count()
    results = {}
    for label, function in (("ours", import_ours), ("floor", import_floor)):
        start = time.perf_counter()
        function(data, user)
        results[label] = time.perf_counter() - start
        _remove_imported()
    rows.append(
        {
            "entries": size,
            "what": f"import {import_rows} rader, brg 2019: {holds}",
            "seconds": results["ours"],
            "floor": results["floor"],
            "queries": None,
            "memory": None,
        }
    )
