from django.db import migrations

from followup import totals_sql


def _reinstall(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    drop = {"postgresql": totals_sql.POSTGRESQL_DROP, "sqlite": totals_sql.SQLITE_DROP}[vendor]
    create = {"postgresql": totals_sql.POSTGRESQL_CREATE, "sqlite": totals_sql.SQLITE_CREATE}[vendor]
    for statement in [*drop, *create]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    """Triggers that subtract only from existing totals rows (see followup/totals_sql.py)."""

    dependencies = [("followup", "0004_report_indexes")]

    operations = [migrations.RunPython(_reinstall, migrations.RunPython.noop)]
