"""The running totals' triggers as followup/totals_sql.py generated them, now with the data
version: every write to the entries, the reporting years, the strategy's structure (its level names and
focus topics too) and the actors changes `followup_dataversion` in the same transaction (the cache key of every
cached page, strategy/page_cache.py). Frozen here."""

from django.db import migrations

POSTGRESQL_DROP = [
    """DROP TRIGGER IF EXISTS followup_entrytotal_insert ON followup_spendingentry;""",
    """DROP TRIGGER IF EXISTS followup_entrytotal_update ON followup_spendingentry;""",
    """DROP TRIGGER IF EXISTS followup_entrytotal_delete ON followup_spendingentry;""",
    """DROP TRIGGER IF EXISTS followup_entrytotal_truncate ON followup_spendingentry;""",
    """DROP FUNCTION IF EXISTS followup_entrytotal_apply();""",
    """DROP FUNCTION IF EXISTS followup_entrytotal_truncate();""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON followup_spendingentry;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON followup_spendingentry_municipalities;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON followup_reportingyear;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON strategy_strategy;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON strategy_goalarea;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON strategy_developmentarea;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON strategy_priority;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON strategy_focusarea;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON strategy_focusarea_goal_areas;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON strategy_focustopic;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON strategy_strategylevel;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON strategy_continuation;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON strategy_actor;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON strategy_municipality;""",
]

POSTGRESQL_CREATE = [
    """CREATE FUNCTION followup_entrytotal_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE followup_entrytotal SET
        total = followup_entrytotal.total - gone.total,
        entry_count = followup_entrytotal.entry_count - gone.entry_count,
        size_total = followup_entrytotal.size_total - gone.size_total,
        granted_with_size = followup_entrytotal.granted_with_size - gone.granted_with_size
    FROM (SELECT reporting_year_id, actor_id, goal_area_id, COALESCE(priority_id, 0) AS priority_key, COALESCE(focus_area_id, 0) AS focus_area_key, funding_source,
        SUM(amount) AS total,
        SUM(1) AS entry_count,
        SUM(COALESCE(total_project_size, 0)) AS size_total,
        SUM(CASE WHEN total_project_size IS NULL THEN 0 ELSE amount END) AS granted_with_size
    FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6) AS gone
    WHERE followup_entrytotal.reporting_year_id = gone.reporting_year_id
      AND followup_entrytotal.actor_id = gone.actor_id
      AND followup_entrytotal.goal_area_id = gone.goal_area_id
      AND followup_entrytotal.priority_key = gone.priority_key
      AND followup_entrytotal.focus_area_key = gone.focus_area_key
      AND followup_entrytotal.funding_source = gone.funding_source;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO followup_entrytotal (reporting_year_id, actor_id, goal_area_id, priority_key, focus_area_key, funding_source, total, entry_count, size_total, granted_with_size)
    SELECT reporting_year_id, actor_id, goal_area_id, COALESCE(priority_id, 0) AS priority_key, COALESCE(focus_area_id, 0) AS focus_area_key, funding_source,
        SUM(amount) AS total,
        SUM(1) AS entry_count,
        SUM(COALESCE(total_project_size, 0)) AS size_total,
        SUM(CASE WHEN total_project_size IS NULL THEN 0 ELSE amount END) AS granted_with_size
    FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (reporting_year_id, actor_id, goal_area_id, priority_key, focus_area_key, funding_source) DO UPDATE SET
        total = followup_entrytotal.total + excluded.total,
        entry_count = followup_entrytotal.entry_count + excluded.entry_count,
        size_total = followup_entrytotal.size_total + excluded.size_total,
        granted_with_size = followup_entrytotal.granted_with_size + excluded.granted_with_size;
    END IF;
    RETURN NULL;
END $$;""",
    """CREATE FUNCTION followup_entrytotal_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
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
    """CREATE SEQUENCE IF NOT EXISTS followup_dataversion_seq;""",
    """CREATE OR REPLACE FUNCTION followup_dataversion_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, nextval('followup_dataversion_seq'))
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
    RETURN NULL;
END $$;""",
    """CREATE TRIGGER followup_dataversion_bump
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON followup_spendingentry
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON followup_spendingentry_municipalities
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON followup_reportingyear
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON strategy_strategy
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON strategy_goalarea
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON strategy_developmentarea
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON strategy_priority
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON strategy_focusarea
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON strategy_focusarea_goal_areas
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON strategy_focustopic
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON strategy_strategylevel
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON strategy_continuation
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON strategy_actor
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON strategy_municipality
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """INSERT INTO followup_dataversion (id, version) VALUES (1, nextval('followup_dataversion_seq'))
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;""",
]

SQLITE_DROP = [
    """DROP TRIGGER IF EXISTS followup_entrytotal_insert;""",
    """DROP TRIGGER IF EXISTS followup_entrytotal_update;""",
    """DROP TRIGGER IF EXISTS followup_entrytotal_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_followup_spendingentry_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_followup_spendingentry_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_followup_spendingentry_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_followup_spendingentry_municipalities_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_followup_spendingentry_municipalities_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_followup_spendingentry_municipalities_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_followup_reportingyear_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_followup_reportingyear_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_followup_reportingyear_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_strategy_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_strategy_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_strategy_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_goalarea_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_goalarea_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_goalarea_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_developmentarea_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_developmentarea_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_developmentarea_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_priority_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_priority_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_priority_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_focusarea_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_focusarea_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_focusarea_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_focusarea_goal_areas_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_focusarea_goal_areas_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_focusarea_goal_areas_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_focustopic_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_focustopic_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_focustopic_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_strategylevel_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_strategylevel_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_strategylevel_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_continuation_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_continuation_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_continuation_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_actor_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_actor_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_actor_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_municipality_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_municipality_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_strategy_municipality_delete;""",
]

SQLITE_CREATE = [
    """CREATE TRIGGER followup_entrytotal_insert AFTER INSERT ON followup_spendingentry BEGIN
    INSERT INTO followup_entrytotal (reporting_year_id, actor_id, goal_area_id, priority_key, focus_area_key, funding_source, total, entry_count, size_total, granted_with_size)
    VALUES (NEW.reporting_year_id, NEW.actor_id, NEW.goal_area_id, COALESCE(NEW.priority_id, 0), COALESCE(NEW.focus_area_id, 0), NEW.funding_source, NEW.amount, 1, COALESCE(NEW.total_project_size, 0), CASE WHEN NEW.total_project_size IS NULL THEN 0 ELSE NEW.amount END)
    ON CONFLICT (reporting_year_id, actor_id, goal_area_id, priority_key, focus_area_key, funding_source) DO UPDATE SET
        total = followup_entrytotal.total + excluded.total,
        entry_count = followup_entrytotal.entry_count + excluded.entry_count,
        size_total = followup_entrytotal.size_total + excluded.size_total,
        granted_with_size = followup_entrytotal.granted_with_size + excluded.granted_with_size;
END;""",
    """CREATE TRIGGER followup_entrytotal_update AFTER UPDATE ON followup_spendingentry BEGIN
    UPDATE followup_entrytotal SET
        total = total - OLD.amount,
        entry_count = entry_count - 1,
        size_total = size_total - COALESCE(OLD.total_project_size, 0),
        granted_with_size = granted_with_size - CASE WHEN OLD.total_project_size IS NULL THEN 0 ELSE OLD.amount END
    WHERE reporting_year_id = OLD.reporting_year_id
      AND actor_id = OLD.actor_id
      AND goal_area_id = OLD.goal_area_id
      AND priority_key = COALESCE(OLD.priority_id, 0)
      AND focus_area_key = COALESCE(OLD.focus_area_id, 0)
      AND funding_source = OLD.funding_source;
    INSERT INTO followup_entrytotal (reporting_year_id, actor_id, goal_area_id, priority_key, focus_area_key, funding_source, total, entry_count, size_total, granted_with_size)
    VALUES (NEW.reporting_year_id, NEW.actor_id, NEW.goal_area_id, COALESCE(NEW.priority_id, 0), COALESCE(NEW.focus_area_id, 0), NEW.funding_source, NEW.amount, 1, COALESCE(NEW.total_project_size, 0), CASE WHEN NEW.total_project_size IS NULL THEN 0 ELSE NEW.amount END)
    ON CONFLICT (reporting_year_id, actor_id, goal_area_id, priority_key, focus_area_key, funding_source) DO UPDATE SET
        total = followup_entrytotal.total + excluded.total,
        entry_count = followup_entrytotal.entry_count + excluded.entry_count,
        size_total = followup_entrytotal.size_total + excluded.size_total,
        granted_with_size = followup_entrytotal.granted_with_size + excluded.granted_with_size;
END;""",
    """CREATE TRIGGER followup_entrytotal_delete AFTER DELETE ON followup_spendingentry BEGIN
    UPDATE followup_entrytotal SET
        total = total - OLD.amount,
        entry_count = entry_count - 1,
        size_total = size_total - COALESCE(OLD.total_project_size, 0),
        granted_with_size = granted_with_size - CASE WHEN OLD.total_project_size IS NULL THEN 0 ELSE OLD.amount END
    WHERE reporting_year_id = OLD.reporting_year_id
      AND actor_id = OLD.actor_id
      AND goal_area_id = OLD.goal_area_id
      AND priority_key = COALESCE(OLD.priority_id, 0)
      AND focus_area_key = COALESCE(OLD.focus_area_id, 0)
      AND funding_source = OLD.funding_source;
END;""",
    """CREATE TRIGGER followup_dataversion_followup_spendingentry_insert AFTER INSERT ON followup_spendingentry BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_followup_spendingentry_update AFTER UPDATE ON followup_spendingentry BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_followup_spendingentry_delete AFTER DELETE ON followup_spendingentry BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_followup_spendingentry_municipalities_insert AFTER INSERT ON followup_spendingentry_municipalities BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_followup_spendingentry_municipalities_update AFTER UPDATE ON followup_spendingentry_municipalities BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_followup_spendingentry_municipalities_delete AFTER DELETE ON followup_spendingentry_municipalities BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_followup_reportingyear_insert AFTER INSERT ON followup_reportingyear BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_followup_reportingyear_update AFTER UPDATE ON followup_reportingyear BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_followup_reportingyear_delete AFTER DELETE ON followup_reportingyear BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_strategy_insert AFTER INSERT ON strategy_strategy BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_strategy_update AFTER UPDATE ON strategy_strategy BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_strategy_delete AFTER DELETE ON strategy_strategy BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_goalarea_insert AFTER INSERT ON strategy_goalarea BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_goalarea_update AFTER UPDATE ON strategy_goalarea BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_goalarea_delete AFTER DELETE ON strategy_goalarea BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_developmentarea_insert AFTER INSERT ON strategy_developmentarea BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_developmentarea_update AFTER UPDATE ON strategy_developmentarea BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_developmentarea_delete AFTER DELETE ON strategy_developmentarea BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_priority_insert AFTER INSERT ON strategy_priority BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_priority_update AFTER UPDATE ON strategy_priority BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_priority_delete AFTER DELETE ON strategy_priority BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_focusarea_insert AFTER INSERT ON strategy_focusarea BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_focusarea_update AFTER UPDATE ON strategy_focusarea BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_focusarea_delete AFTER DELETE ON strategy_focusarea BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_focusarea_goal_areas_insert AFTER INSERT ON strategy_focusarea_goal_areas BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_focusarea_goal_areas_update AFTER UPDATE ON strategy_focusarea_goal_areas BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_focusarea_goal_areas_delete AFTER DELETE ON strategy_focusarea_goal_areas BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_focustopic_insert AFTER INSERT ON strategy_focustopic BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_focustopic_update AFTER UPDATE ON strategy_focustopic BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_focustopic_delete AFTER DELETE ON strategy_focustopic BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_strategylevel_insert AFTER INSERT ON strategy_strategylevel BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_strategylevel_update AFTER UPDATE ON strategy_strategylevel BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_strategylevel_delete AFTER DELETE ON strategy_strategylevel BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_continuation_insert AFTER INSERT ON strategy_continuation BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_continuation_update AFTER UPDATE ON strategy_continuation BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_continuation_delete AFTER DELETE ON strategy_continuation BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_actor_insert AFTER INSERT ON strategy_actor BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_actor_update AFTER UPDATE ON strategy_actor BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_actor_delete AFTER DELETE ON strategy_actor BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_municipality_insert AFTER INSERT ON strategy_municipality BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_municipality_update AFTER UPDATE ON strategy_municipality BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_strategy_municipality_delete AFTER DELETE ON strategy_municipality BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;""",
]

REBUILD = [
    """DELETE FROM followup_entrytotal;""",
    """INSERT INTO followup_entrytotal (reporting_year_id, actor_id, goal_area_id, priority_key, focus_area_key, funding_source, total, entry_count, size_total, granted_with_size)
    SELECT reporting_year_id, actor_id, goal_area_id, COALESCE(priority_id, 0) AS priority_key, COALESCE(focus_area_id, 0) AS focus_area_key, funding_source,
        SUM(amount) AS total,
        SUM(1) AS entry_count,
        SUM(COALESCE(total_project_size, 0)) AS size_total,
        SUM(CASE WHEN total_project_size IS NULL THEN 0 ELSE amount END) AS granted_with_size
    FROM followup_spendingentry GROUP BY 1, 2, 3, 4, 5, 6;""",
]


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    engine = {"postgresql": POSTGRESQL_DROP + POSTGRESQL_CREATE, "sqlite": SQLITE_DROP + SQLITE_CREATE}
    for statement in engine[vendor] + REBUILD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("followup", "0010_data_version"), ("strategy", "0009_compiler_role")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
