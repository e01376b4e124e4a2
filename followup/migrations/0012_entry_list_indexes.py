"""Indexes for the paged entry lists, the drill-down's orders and the entry search.

On PostgreSQL the search (title, case number, project owner, case-insensitive `~*`) gets
trigram GIN indexes. `CREATE EXTENSION pg_trgm` needs a superuser or a database owner
with the extension trusted; where it cannot be created the search still works, unindexed
(a scan of the year's and actor's entries), and the migration says so instead of failing.
"""

from django.db import DatabaseError, migrations, models, transaction

TABLE = "followup_spendingentry"
SEARCHED = ["title", "case_number", "project_owner"]


def add_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        print(f"\n  pg_trgm unavailable ({error}); the entry search runs without its indexes.")
        return
    for column in SEARCHED:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS entry_{column}_trgm_idx ON {TABLE} USING gin ({column} gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in SEARCHED:
        schema_editor.execute(f"DROP INDEX IF EXISTS entry_{column}_trgm_idx")


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0011_entry_totals_and_data_version_triggers"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="spendingentry", name="entry_year_actor_idx"),
        migrations.AddIndex(
            model_name="spendingentry",
            index=models.Index(
                fields=["reporting_year", "actor", "title", "id"], name="entry_year_actor_title_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="spendingentry",
            index=models.Index(
                fields=["amount", "id"], include=["reporting_year", "actor"], name="entry_amount_idx"
            ),
        ),
        migrations.RunPython(add_trigram_indexes, drop_trigram_indexes, elidable=False),
    ]
