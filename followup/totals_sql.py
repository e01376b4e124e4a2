"""SQL for the triggers that keep `followup_entrytotal` equal to the sums of the entries.

PostgreSQL uses statement-level triggers with transition tables, so a bulk insert of a
million rows updates the totals with one grouped upsert; TRUNCATE empties the totals
too. SQLite (local use) uses row-level triggers. Both run inside the writing
transaction, so the totals can never disagree with committed entries.
"""

KEY = "reporting_year_id, actor_id, goal_area_id, priority_key, focus_area_key, funding_source"
SUMS = "total, entry_count, size_total, granted_with_size"
ADD_EXCLUDED = ", ".join(
    f"{column} = followup_entrytotal.{column} + excluded.{column}" for column in SUMS.split(", ")
)


def _pg_upsert(rows: str, sign: str) -> str:
    return f"""
    INSERT INTO followup_entrytotal ({KEY}, {SUMS})
    SELECT reporting_year_id, actor_id, goal_area_id, COALESCE(priority_id, 0), COALESCE(focus_area_id, 0),
           funding_source, {sign}SUM(amount), {sign}COUNT(*), {sign}COALESCE(SUM(total_project_size), 0),
           {sign}COALESCE(SUM(amount) FILTER (WHERE total_project_size IS NOT NULL), 0)
    FROM {rows}
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ({KEY}) DO UPDATE SET {ADD_EXCLUDED};"""


POSTGRESQL_CREATE = [
    f"""
    CREATE FUNCTION followup_entrytotal_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN {_pg_upsert("old_rows", "-")}
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN {_pg_upsert("new_rows", "")}
        END IF;
        RETURN NULL;
    END $$;""",
    """
    CREATE FUNCTION followup_entrytotal_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM followup_entrytotal;
        RETURN NULL;
    END $$;""",
    """CREATE TRIGGER followup_entrytotal_insert AFTER INSERT ON followup_spendingentry
       REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION followup_entrytotal_apply();""",
    """CREATE TRIGGER followup_entrytotal_update AFTER UPDATE ON followup_spendingentry
       REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION followup_entrytotal_apply();""",
    """CREATE TRIGGER followup_entrytotal_delete AFTER DELETE ON followup_spendingentry
       REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION followup_entrytotal_apply();""",
    """CREATE TRIGGER followup_entrytotal_truncate AFTER TRUNCATE ON followup_spendingentry
       FOR EACH STATEMENT EXECUTE FUNCTION followup_entrytotal_truncate();""",
]

POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS followup_entrytotal_insert ON followup_spendingentry;",
    "DROP TRIGGER IF EXISTS followup_entrytotal_update ON followup_spendingentry;",
    "DROP TRIGGER IF EXISTS followup_entrytotal_delete ON followup_spendingentry;",
    "DROP TRIGGER IF EXISTS followup_entrytotal_truncate ON followup_spendingentry;",
    "DROP FUNCTION IF EXISTS followup_entrytotal_apply();",
    "DROP FUNCTION IF EXISTS followup_entrytotal_truncate();",
]


def _sqlite_upsert(row: str, sign: str) -> str:
    return f"""
    INSERT INTO followup_entrytotal ({KEY}, {SUMS})
    VALUES ({row}.reporting_year_id, {row}.actor_id, {row}.goal_area_id, COALESCE({row}.priority_id, 0),
            COALESCE({row}.focus_area_id, 0), {row}.funding_source, {sign}{row}.amount, {sign}1,
            {sign}COALESCE({row}.total_project_size, 0),
            {sign}CASE WHEN {row}.total_project_size IS NULL THEN 0 ELSE {row}.amount END)
    ON CONFLICT ({KEY}) DO UPDATE SET {ADD_EXCLUDED};"""


SQLITE_CREATE = [
    f"""CREATE TRIGGER followup_entrytotal_insert AFTER INSERT ON followup_spendingentry
        BEGIN {_sqlite_upsert("NEW", "")} END;""",
    f"""CREATE TRIGGER followup_entrytotal_update AFTER UPDATE ON followup_spendingentry
        BEGIN {_sqlite_upsert("OLD", "-")} {_sqlite_upsert("NEW", "")} END;""",
    f"""CREATE TRIGGER followup_entrytotal_delete AFTER DELETE ON followup_spendingentry
        BEGIN {_sqlite_upsert("OLD", "-")} END;""",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS followup_entrytotal_insert;",
    "DROP TRIGGER IF EXISTS followup_entrytotal_update;",
    "DROP TRIGGER IF EXISTS followup_entrytotal_delete;",
]
