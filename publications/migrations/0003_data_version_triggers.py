"""The data version's triggers on the publications' tables, as
publications/data_version_sql.py generated them; frozen here. Every write to a report, an
evaluation, their recommendations, assessments, errata and indicators changes
`followup_dataversion` in the same transaction, so a cached page never shows a publication
older than the database. The bump function itself is followup's (0010)."""

from django.db import migrations

POSTGRESQL_DROP = [
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON publications_annualreport;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON publications_evaluation;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON publications_recommendation;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON publications_recommendationupdate;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON publications_assessment;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON publications_erratum;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON publications_indicator;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_bump ON publications_indicatorvalue;""",
]

POSTGRESQL_CREATE = [
    """CREATE TRIGGER followup_dataversion_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publications_annualreport
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publications_evaluation
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publications_recommendation
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publications_recommendationupdate
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publications_assessment
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publications_erratum
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publications_indicator
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
    """CREATE TRIGGER followup_dataversion_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON publications_indicatorvalue
    FOR EACH STATEMENT EXECUTE FUNCTION followup_dataversion_bump();""",
]

SQLITE_DROP = [
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_annualreport_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_annualreport_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_annualreport_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_evaluation_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_evaluation_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_evaluation_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_recommendation_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_recommendation_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_recommendation_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_recommendationupdate_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_recommendationupdate_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_recommendationupdate_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_assessment_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_assessment_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_assessment_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_erratum_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_erratum_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_erratum_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_indicator_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_indicator_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_indicator_delete;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_indicatorvalue_insert;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_indicatorvalue_update;""",
    """DROP TRIGGER IF EXISTS followup_dataversion_publications_indicatorvalue_delete;""",
]

SQLITE_CREATE = [
    """CREATE TRIGGER followup_dataversion_publications_annualreport_insert AFTER INSERT ON publications_annualreport BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_annualreport_update AFTER UPDATE ON publications_annualreport BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_annualreport_delete AFTER DELETE ON publications_annualreport BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_evaluation_insert AFTER INSERT ON publications_evaluation BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_evaluation_update AFTER UPDATE ON publications_evaluation BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_evaluation_delete AFTER DELETE ON publications_evaluation BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_recommendation_insert AFTER INSERT ON publications_recommendation BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_recommendation_update AFTER UPDATE ON publications_recommendation BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_recommendation_delete AFTER DELETE ON publications_recommendation BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_recommendationupdate_insert AFTER INSERT ON publications_recommendationupdate BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_recommendationupdate_update AFTER UPDATE ON publications_recommendationupdate BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_recommendationupdate_delete AFTER DELETE ON publications_recommendationupdate BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_assessment_insert AFTER INSERT ON publications_assessment BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_assessment_update AFTER UPDATE ON publications_assessment BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_assessment_delete AFTER DELETE ON publications_assessment BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_erratum_insert AFTER INSERT ON publications_erratum BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_erratum_update AFTER UPDATE ON publications_erratum BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_erratum_delete AFTER DELETE ON publications_erratum BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_indicator_insert AFTER INSERT ON publications_indicator BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_indicator_update AFTER UPDATE ON publications_indicator BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_indicator_delete AFTER DELETE ON publications_indicator BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_indicatorvalue_insert AFTER INSERT ON publications_indicatorvalue BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_indicatorvalue_update AFTER UPDATE ON publications_indicatorvalue BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
    """CREATE TRIGGER followup_dataversion_publications_indicatorvalue_delete AFTER DELETE ON publications_indicatorvalue BEGIN
    INSERT INTO followup_dataversion (id, version) VALUES (1, random())
    ON CONFLICT (id) DO UPDATE SET version = excluded.version;
END;""",
]


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    engine = {"postgresql": POSTGRESQL_DROP + POSTGRESQL_CREATE, "sqlite": SQLITE_DROP + SQLITE_CREATE}
    for statement in engine[vendor]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("publications", "0002_published_acts_frozen_pdfs_errata"),
        ("followup", "0011_entry_totals_and_data_version_triggers"),
    ]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
