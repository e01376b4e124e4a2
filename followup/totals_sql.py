"""SQL for the triggers that keep `followup_entrytotal` equal to the sums of the entries.

Adding upserts the row of a key; subtracting only updates a row that exists. A deleted
entry whose totals row is already gone (the totals table emptied first, as Django's
`flush` does on SQLite) therefore leaves nothing behind instead of a negative row.

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


def _pg_upsert(rows: str) -> str:
    return f"""
    INSERT INTO followup_entrytotal ({KEY}, {SUMS})
    SELECT reporting_year_id, actor_id, goal_area_id, COALESCE(priority_id, 0), COALESCE(focus_area_id, 0),
           funding_source, SUM(amount), COUNT(*), COALESCE(SUM(total_project_size), 0),
           COALESCE(SUM(amount) FILTER (WHERE total_project_size IS NOT NULL), 0)
    FROM {rows}
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ({KEY}) DO UPDATE SET {ADD_EXCLUDED};"""


SUBTRACT = ", ".join(
    f"{column} = followup_entrytotal.{column} - gone.{column}" for column in SUMS.split(", ")
)
SAME_KEY = " AND ".join(f"followup_entrytotal.{column} = gone.{column}" for column in KEY.split(", "))

_PG_SUBTRACT = f"""
    UPDATE followup_entrytotal SET {SUBTRACT}
    FROM (
        SELECT reporting_year_id, actor_id, goal_area_id, COALESCE(priority_id, 0) AS priority_key,
               COALESCE(focus_area_id, 0) AS focus_area_key, funding_source, SUM(amount) AS total,
               COUNT(*) AS entry_count, COALESCE(SUM(total_project_size), 0) AS size_total,
               COALESCE(SUM(amount) FILTER (WHERE total_project_size IS NOT NULL), 0) AS granted_with_size
        FROM old_rows
        GROUP BY 1, 2, 3, 4, 5, 6
    ) AS gone
    WHERE {SAME_KEY};"""


POSTGRESQL_CREATE = [
    f"""
    CREATE FUNCTION followup_entrytotal_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN {_PG_SUBTRACT}
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN {_pg_upsert("new_rows")}
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


def _sqlite_upsert(row: str) -> str:
    return f"""
    INSERT INTO followup_entrytotal ({KEY}, {SUMS})
    VALUES ({row}.reporting_year_id, {row}.actor_id, {row}.goal_area_id, COALESCE({row}.priority_id, 0),
            COALESCE({row}.focus_area_id, 0), {row}.funding_source, {row}.amount, 1,
            COALESCE({row}.total_project_size, 0),
            CASE WHEN {row}.total_project_size IS NULL THEN 0 ELSE {row}.amount END)
    ON CONFLICT ({KEY}) DO UPDATE SET {ADD_EXCLUDED};"""


_SQLITE_SUBTRACT = """
    UPDATE followup_entrytotal
    SET total = total - OLD.amount, entry_count = entry_count - 1,
        size_total = size_total - COALESCE(OLD.total_project_size, 0),
        granted_with_size = granted_with_size
            - CASE WHEN OLD.total_project_size IS NULL THEN 0 ELSE OLD.amount END
    WHERE reporting_year_id = OLD.reporting_year_id AND actor_id = OLD.actor_id
      AND goal_area_id = OLD.goal_area_id AND priority_key = COALESCE(OLD.priority_id, 0)
      AND focus_area_key = COALESCE(OLD.focus_area_id, 0) AND funding_source = OLD.funding_source;"""

SQLITE_CREATE = [
    f"""CREATE TRIGGER followup_entrytotal_insert AFTER INSERT ON followup_spendingentry
        BEGIN {_sqlite_upsert("NEW")} END;""",
    f"""CREATE TRIGGER followup_entrytotal_update AFTER UPDATE ON followup_spendingentry
        BEGIN {_SQLITE_SUBTRACT} {_sqlite_upsert("NEW")} END;""",
    f"""CREATE TRIGGER followup_entrytotal_delete AFTER DELETE ON followup_spendingentry
        BEGIN {_SQLITE_SUBTRACT} END;""",
]

SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS followup_entrytotal_insert;",
    "DROP TRIGGER IF EXISTS followup_entrytotal_update;",
    "DROP TRIGGER IF EXISTS followup_entrytotal_delete;",
]
