"""Triggers that subtract only from existing totals rows, so a delete after the totals
were emptied leaves no negative row. The SQL as followup/totals_sql.py wrote it then."""

from django.db import migrations

POSTGRESQL_DROP = [
    """DROP TRIGGER IF EXISTS followup_entrytotal_insert ON followup_spendingentry;""",
    """DROP TRIGGER IF EXISTS followup_entrytotal_update ON followup_spendingentry;""",
    """DROP TRIGGER IF EXISTS followup_entrytotal_delete ON followup_spendingentry;""",
    """DROP TRIGGER IF EXISTS followup_entrytotal_truncate ON followup_spendingentry;""",
    """DROP FUNCTION IF EXISTS followup_entrytotal_apply();""",
    """DROP FUNCTION IF EXISTS followup_entrytotal_truncate();""",
]

POSTGRESQL_CREATE = [
    """
    CREATE FUNCTION followup_entrytotal_apply() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE followup_entrytotal SET total = followup_entrytotal.total - gone.total, entry_count = followup_entrytotal.entry_count - gone.entry_count, size_total = followup_entrytotal.size_total - gone.size_total, granted_with_size = followup_entrytotal.granted_with_size - gone.granted_with_size
    FROM (
        SELECT reporting_year_id, actor_id, goal_area_id, COALESCE(priority_id, 0) AS priority_key,
               COALESCE(focus_area_id, 0) AS focus_area_key, funding_source, SUM(amount) AS total,
               COUNT(*) AS entry_count, COALESCE(SUM(total_project_size), 0) AS size_total,
               COALESCE(SUM(amount) FILTER (WHERE total_project_size IS NOT NULL), 0) AS granted_with_size
        FROM old_rows
        GROUP BY 1, 2, 3, 4, 5, 6
    ) AS gone
    WHERE followup_entrytotal.reporting_year_id = gone.reporting_year_id AND followup_entrytotal.actor_id = gone.actor_id AND followup_entrytotal.goal_area_id = gone.goal_area_id AND followup_entrytotal.priority_key = gone.priority_key AND followup_entrytotal.focus_area_key = gone.focus_area_key AND followup_entrytotal.funding_source = gone.funding_source;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO followup_entrytotal (reporting_year_id, actor_id, goal_area_id, priority_key, focus_area_key, funding_source, total, entry_count, size_total, granted_with_size)
    SELECT reporting_year_id, actor_id, goal_area_id, COALESCE(priority_id, 0), COALESCE(focus_area_id, 0),
           funding_source, SUM(amount), COUNT(*), COALESCE(SUM(total_project_size), 0),
           COALESCE(SUM(amount) FILTER (WHERE total_project_size IS NOT NULL), 0)
    FROM new_rows
    GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (reporting_year_id, actor_id, goal_area_id, priority_key, focus_area_key, funding_source) DO UPDATE SET total = followup_entrytotal.total + excluded.total, entry_count = followup_entrytotal.entry_count + excluded.entry_count, size_total = followup_entrytotal.size_total + excluded.size_total, granted_with_size = followup_entrytotal.granted_with_size + excluded.granted_with_size;
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

SQLITE_DROP = [
    """DROP TRIGGER IF EXISTS followup_entrytotal_insert;""",
    """DROP TRIGGER IF EXISTS followup_entrytotal_update;""",
    """DROP TRIGGER IF EXISTS followup_entrytotal_delete;""",
]

SQLITE_CREATE = [
    """CREATE TRIGGER followup_entrytotal_insert AFTER INSERT ON followup_spendingentry
        BEGIN
    INSERT INTO followup_entrytotal (reporting_year_id, actor_id, goal_area_id, priority_key, focus_area_key, funding_source, total, entry_count, size_total, granted_with_size)
    VALUES (NEW.reporting_year_id, NEW.actor_id, NEW.goal_area_id, COALESCE(NEW.priority_id, 0),
            COALESCE(NEW.focus_area_id, 0), NEW.funding_source, NEW.amount, 1,
            COALESCE(NEW.total_project_size, 0),
            CASE WHEN NEW.total_project_size IS NULL THEN 0 ELSE NEW.amount END)
    ON CONFLICT (reporting_year_id, actor_id, goal_area_id, priority_key, focus_area_key, funding_source) DO UPDATE SET total = followup_entrytotal.total + excluded.total, entry_count = followup_entrytotal.entry_count + excluded.entry_count, size_total = followup_entrytotal.size_total + excluded.size_total, granted_with_size = followup_entrytotal.granted_with_size + excluded.granted_with_size; END;""",
    """CREATE TRIGGER followup_entrytotal_update AFTER UPDATE ON followup_spendingentry
        BEGIN
    UPDATE followup_entrytotal
    SET total = total - OLD.amount, entry_count = entry_count - 1,
        size_total = size_total - COALESCE(OLD.total_project_size, 0),
        granted_with_size = granted_with_size
            - CASE WHEN OLD.total_project_size IS NULL THEN 0 ELSE OLD.amount END
    WHERE reporting_year_id = OLD.reporting_year_id AND actor_id = OLD.actor_id
      AND goal_area_id = OLD.goal_area_id AND priority_key = COALESCE(OLD.priority_id, 0)
      AND focus_area_key = COALESCE(OLD.focus_area_id, 0) AND funding_source = OLD.funding_source;
    INSERT INTO followup_entrytotal (reporting_year_id, actor_id, goal_area_id, priority_key, focus_area_key, funding_source, total, entry_count, size_total, granted_with_size)
    VALUES (NEW.reporting_year_id, NEW.actor_id, NEW.goal_area_id, COALESCE(NEW.priority_id, 0),
            COALESCE(NEW.focus_area_id, 0), NEW.funding_source, NEW.amount, 1,
            COALESCE(NEW.total_project_size, 0),
            CASE WHEN NEW.total_project_size IS NULL THEN 0 ELSE NEW.amount END)
    ON CONFLICT (reporting_year_id, actor_id, goal_area_id, priority_key, focus_area_key, funding_source) DO UPDATE SET total = followup_entrytotal.total + excluded.total, entry_count = followup_entrytotal.entry_count + excluded.entry_count, size_total = followup_entrytotal.size_total + excluded.size_total, granted_with_size = followup_entrytotal.granted_with_size + excluded.granted_with_size; END;""",
    """CREATE TRIGGER followup_entrytotal_delete AFTER DELETE ON followup_spendingentry
        BEGIN
    UPDATE followup_entrytotal
    SET total = total - OLD.amount, entry_count = entry_count - 1,
        size_total = size_total - COALESCE(OLD.total_project_size, 0),
        granted_with_size = granted_with_size
            - CASE WHEN OLD.total_project_size IS NULL THEN 0 ELSE OLD.amount END
    WHERE reporting_year_id = OLD.reporting_year_id AND actor_id = OLD.actor_id
      AND goal_area_id = OLD.goal_area_id AND priority_key = COALESCE(OLD.priority_id, 0)
      AND focus_area_key = COALESCE(OLD.focus_area_id, 0) AND funding_source = OLD.funding_source; END;""",
]


def _reinstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    drop = {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP}[vendor]
    create = {"postgresql": POSTGRESQL_CREATE, "sqlite": SQLITE_CREATE}[vendor]
    for statement in [*drop, *create]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("followup", "0004_report_indexes")]

    operations = [migrations.RunPython(_reinstall, migrations.RunPython.noop)]
