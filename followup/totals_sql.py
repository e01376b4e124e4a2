"""SQL for the triggers that keep `followup_entrytotal` equal to the sums of the entries.

Everything below is generated from two tables: `KEY` (which entry column fills which
totals column, and whether NULL is stored as 0) and `SUMS` (each sum as its value for one
entry). Adding upserts the row of a key; subtracting only updates a row that exists. A
deleted entry whose totals row is already gone (the totals table emptied first, as
Django's `flush` does on SQLite) therefore leaves nothing behind instead of a negative row.

PostgreSQL uses statement-level triggers with transition tables, so a bulk insert of a
million rows updates the totals with one grouped upsert; TRUNCATE empties the totals
too. SQLite (local use) uses row-level triggers. Both run inside the writing
transaction, so the totals can never disagree with committed entries.

Migrations never import this module: each one that installs triggers holds its SQL as
literal text, so a fresh `migrate` builds exactly the history. To change the key or a sum:

1. change `KEY` or `SUMS` here (and `EntryTotal` in models.py, with `makemigrations` for
   its columns and constraint, if the totals table changes);
2. `python -m followup.totals_sql > followup/migrations/NNNN_entry_totals_<what>.py`
   writes a migration that drops the triggers, creates them from this module and rebuilds
   the totals from the entries; give it a clear name and check its dependency;
3. `tests/test_migrations.py` fails until the newest such migration installs what this
   module generates.
"""

from pathlib import Path
from typing import NamedTuple


class KeyColumn(NamedTuple):
    entry: str  # column of followup_spendingentry
    totals: str  # column of followup_entrytotal
    null_as_zero: bool  # NULL cannot be a conflict key, so "none set" is stored as 0


class Sum(NamedTuple):
    column: str  # column of followup_entrytotal
    per_entry: str  # the entry's share; `{row}` is "NEW." or "OLD." in a row trigger


KEY = (
    KeyColumn("reporting_year_id", "reporting_year_id", null_as_zero=False),
    KeyColumn("actor_id", "actor_id", null_as_zero=False),
    KeyColumn("goal_area_id", "goal_area_id", null_as_zero=False),
    KeyColumn("priority_id", "priority_key", null_as_zero=True),
    KeyColumn("focus_area_id", "focus_area_key", null_as_zero=True),
    KeyColumn("funding_source", "funding_source", null_as_zero=False),
)

SUMS = (
    Sum("total", "{row}amount"),
    Sum("entry_count", "1"),
    Sum("size_total", "COALESCE({row}total_project_size, 0)"),
    Sum("granted_with_size", "CASE WHEN {row}total_project_size IS NULL THEN 0 ELSE {row}amount END"),
)

TOTALS = "followup_entrytotal"
ENTRIES = "followup_spendingentry"
_KEY_COLUMNS = ", ".join(key.totals for key in KEY)
_ALL_COLUMNS = ", ".join([*(key.totals for key in KEY), *(item.column for item in SUMS)])
_ADD = ",\n        ".join(f"{item.column} = {TOTALS}.{item.column} + excluded.{item.column}" for item in SUMS)


def _keys(row: str) -> list[str]:
    return [f"COALESCE({row}{key.entry}, 0)" if key.null_as_zero else f"{row}{key.entry}" for key in KEY]


def _shares(row: str) -> list[str]:
    return [item.per_entry.format(row=row) for item in SUMS]


def _grouped(rows: str) -> str:
    """SELECT the sums of the entries in the table `rows`, one row per key."""
    keys = [
        value if value == key.totals else f"{value} AS {key.totals}"
        for value, key in zip(_keys(""), KEY, strict=True)
    ]
    sums = [f"SUM({share}) AS {item.column}" for share, item in zip(_shares(""), SUMS, strict=True)]
    positions = ", ".join(str(position) for position in range(1, len(KEY) + 1))
    columns = ",\n        ".join([", ".join(keys), *sums])
    return f"SELECT {columns}\n    FROM {rows} GROUP BY {positions}"


def _add(rows: str) -> str:
    """INSERT the key rows `rows` (a SELECT or VALUES) into the totals, adding to a row that exists."""
    return (
        f"INSERT INTO {TOTALS} ({_ALL_COLUMNS})\n    {rows}\n"
        f"    ON CONFLICT ({_KEY_COLUMNS}) DO UPDATE SET\n        {_ADD};"
    )


def _pg_subtract() -> str:
    taken = ",\n        ".join(
        f"{item.column} = {TOTALS}.{item.column} - gone.{item.column}" for item in SUMS
    )
    same_key = "\n      AND ".join(f"{TOTALS}.{key.totals} = gone.{key.totals}" for key in KEY)
    gone = _grouped("old_rows")
    return f"UPDATE {TOTALS} SET\n        {taken}\n    FROM ({gone}) AS gone\n    WHERE {same_key};"


def _sqlite_subtract() -> str:
    taken = ",\n        ".join(
        f"{item.column} = {item.column} - {share}" for item, share in zip(SUMS, _shares("OLD."), strict=True)
    )
    same_key = "\n      AND ".join(
        f"{key.totals} = {value}" for key, value in zip(KEY, _keys("OLD."), strict=True)
    )
    return f"UPDATE {TOTALS} SET\n        {taken}\n    WHERE {same_key};"


def _sqlite_add() -> str:
    return _add("VALUES (" + ", ".join([*_keys("NEW."), *_shares("NEW.")]) + ")")


POSTGRESQL_CREATE = [
    f"""CREATE FUNCTION followup_entrytotal_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
    {_pg_subtract()}
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
    {_add(_grouped("new_rows"))}
    END IF;
    RETURN NULL;
END $$;""",
    f"""CREATE FUNCTION followup_entrytotal_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM {TOTALS};
    RETURN NULL;
END $$;""",
    f"""CREATE TRIGGER followup_entrytotal_insert AFTER INSERT ON {ENTRIES}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION followup_entrytotal_apply();""",
    f"""CREATE TRIGGER followup_entrytotal_update AFTER UPDATE ON {ENTRIES}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION followup_entrytotal_apply();""",
    f"""CREATE TRIGGER followup_entrytotal_delete AFTER DELETE ON {ENTRIES}
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION followup_entrytotal_apply();""",
    f"""CREATE TRIGGER followup_entrytotal_truncate AFTER TRUNCATE ON {ENTRIES}
    FOR EACH STATEMENT EXECUTE FUNCTION followup_entrytotal_truncate();""",
]

POSTGRESQL_DROP = [
    *(
        f"DROP TRIGGER IF EXISTS followup_entrytotal_{event} ON {ENTRIES};"
        for event in ("insert", "update", "delete", "truncate")
    ),
    "DROP FUNCTION IF EXISTS followup_entrytotal_apply();",
    "DROP FUNCTION IF EXISTS followup_entrytotal_truncate();",
]

SQLITE_CREATE = [
    f"""CREATE TRIGGER followup_entrytotal_insert AFTER INSERT ON {ENTRIES} BEGIN
    {_sqlite_add()}
END;""",
    f"""CREATE TRIGGER followup_entrytotal_update AFTER UPDATE ON {ENTRIES} BEGIN
    {_sqlite_subtract()}
    {_sqlite_add()}
END;""",
    f"""CREATE TRIGGER followup_entrytotal_delete AFTER DELETE ON {ENTRIES} BEGIN
    {_sqlite_subtract()}
END;""",
]

SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS followup_entrytotal_{event};" for event in ("insert", "update", "delete")
]

# --- The data version ---------------------------------------------------------------
# One row (`followup_dataversion`, id 1) whose `version` changes in the same transaction
# as every write to a table that a cached page shows (strategy/page_cache.py keys the
# cache by it). The new value is never one that was used before, even when a transaction
# rolls back: a sequence on PostgreSQL, a random 64-bit number on SQLite. An upsert, so
# that a write after `flush` (which empties the table) puts the row back.
VERSION = "followup_dataversion"
VERSION_SEQUENCE = "followup_dataversion_seq"
# The tables the report pages and the start page show (the publications app adds its own
# with `version_triggers`, in its own migration).
VERSIONED_TABLES = (
    ENTRIES,
    "followup_spendingentry_municipalities",
    "followup_reportingyear",
    "strategy_strategy",
    "strategy_goalarea",
    "strategy_developmentarea",
    "strategy_priority",
    "strategy_focusarea",
    "strategy_focusarea_goal_areas",
    "strategy_focustopic",
    "strategy_strategylevel",
    "strategy_continuation",
    "strategy_actor",
    "strategy_municipality",
)
_SQLITE_EVENTS = ("insert", "update", "delete")


def _bump(new_version: str) -> str:
    return (
        f"INSERT INTO {VERSION} (id, version) VALUES (1, {new_version})\n"
        f"    ON CONFLICT (id) DO UPDATE SET version = excluded.version;"
    )


def version_triggers(tables: tuple[str, ...]) -> dict[str, list[str]]:
    """The triggers that bump the data version after every write to `tables`, per engine:
    one statement-level trigger per table on PostgreSQL (TRUNCATE included), a row trigger
    per table and event on SQLite."""
    return {
        "POSTGRESQL_DROP": [
            f"DROP TRIGGER IF EXISTS followup_dataversion_bump ON {table};" for table in tables
        ],
        "POSTGRESQL_CREATE": [
            f"""CREATE TRIGGER followup_dataversion_bump
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();"""
            for table in tables
        ],
        "SQLITE_DROP": [
            f"DROP TRIGGER IF EXISTS followup_dataversion_{table}_{event};"
            for table in tables
            for event in _SQLITE_EVENTS
        ],
        "SQLITE_CREATE": [
            f"""CREATE TRIGGER followup_dataversion_{table}_{event} AFTER {event.upper()} ON {table} BEGIN
    {_bump("random()")}
END;"""
            for table in tables
            for event in _SQLITE_EVENTS
        ],
    }


_VERSIONED = version_triggers(VERSIONED_TABLES)
# The sequence is created once and never dropped: a new one would start again at 1 and
# hand out versions that cached pages are already keyed by. The function is replaced, not
# dropped, because the publications app's triggers call it too. Installing bumps the
# version (and creates its row), so pages cached before a migration are not served after it.
POSTGRESQL_CREATE += [
    f"CREATE SEQUENCE IF NOT EXISTS {VERSION_SEQUENCE};",
    f"""CREATE OR REPLACE FUNCTION followup_dataversion_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    {_bump(f"nextval('{VERSION_SEQUENCE}')")}
    RETURN NULL;
END $$;""",
    *_VERSIONED["POSTGRESQL_CREATE"],
    _bump(f"nextval('{VERSION_SEQUENCE}')"),
]
POSTGRESQL_DROP += _VERSIONED["POSTGRESQL_DROP"]
SQLITE_CREATE += [*_VERSIONED["SQLITE_CREATE"], _bump("random()")]
SQLITE_DROP += _VERSIONED["SQLITE_DROP"]

# After a change of the key or the sums the old rows mean something else: start again
# from the entries (the same statements on both engines).
REBUILD = [f"DELETE FROM {TOTALS};", f"INSERT INTO {TOTALS} ({_ALL_COLUMNS})\n    {_grouped(ENTRIES)};"]


def _literals(name: str, statements: list[str]) -> str:
    return f"{name} = [\n" + "".join(f'    """{statement}""",\n' for statement in statements) + "]\n"


def migration_source() -> str:
    """A migration module installing today's triggers, with its SQL as literal text."""
    # Empty files are left out: `> migrations/NNNN_….py` creates the file before this runs.
    migrations = (Path(__file__).parent / "migrations").glob("[0-9]*.py")
    numbered = sorted(path.stem for path in migrations if path.stat().st_size)
    sql = "\n".join(
        _literals(name, statements)
        for name, statements in {
            "POSTGRESQL_DROP": POSTGRESQL_DROP,
            "POSTGRESQL_CREATE": POSTGRESQL_CREATE,
            "SQLITE_DROP": SQLITE_DROP,
            "SQLITE_CREATE": SQLITE_CREATE,
            "REBUILD": REBUILD,
        }.items()
    )
    return f'''"""The running totals' triggers as followup/totals_sql.py generated them; frozen here."""

from django.db import migrations

{sql}

def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    engine = {{"postgresql": POSTGRESQL_DROP + POSTGRESQL_CREATE, "sqlite": SQLITE_DROP + SQLITE_CREATE}}
    for statement in engine[vendor] + REBUILD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("followup", "{numbered[-1]}")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
'''


if __name__ == "__main__":
    print(migration_source(), end="")
