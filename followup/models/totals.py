"""The running totals the database triggers keep, and the data version they bump."""

from django.db import models


class EntryTotal(models.Model):
    """Running sums of the entries per year, actor, goal area, priority, focus area and
    funding source, so that reports read thousands of rows instead of millions.

    Maintained by database triggers on the entry table (migration 0003_entry_totals), in
    the same transaction as every insert, update, delete and truncate, whichever code or
    tool writes. Never written by the application. Plain id columns, not foreign keys:
    the table is derived data and must not hold up deleting reference rows. 0 in
    `priority_key` and `focus_area_key` means "none set" (NULL cannot be a conflict key).
    """

    reporting_year_id = models.BigIntegerField()
    actor_id = models.BigIntegerField()
    goal_area_id = models.BigIntegerField()
    priority_key = models.BigIntegerField()
    focus_area_key = models.BigIntegerField()
    funding_source = models.CharField(max_length=20)
    total = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    entry_count = models.BigIntegerField(default=0)
    size_total = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    granted_with_size = models.DecimalField(max_digits=18, decimal_places=2, default=0)

    class Meta:
        verbose_name = "summa per dimension"
        verbose_name_plural = "summor per dimension"
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "reporting_year_id",
                    "actor_id",
                    "goal_area_id",
                    "priority_key",
                    "focus_area_key",
                    "funding_source",
                ],
                name="entry_total_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.entry_count} insatser, {self.total} kr"


class DataVersion(models.Model):
    """One row (id 1) whose `version` changes in the same transaction as every write to
    what a cached page shows: entries, reporting years, the strategy's structure, the
    actors, the publications. Written only by database triggers (`totals_sql.py`,
    `publications/data_version_sql.py`); read by `strategy/page_cache.py`, which keys every
    cached page by it, so that a cached page never shows figures older than the database.
    Values are never reused (a sequence on PostgreSQL, random on SQLite), so a version
    a rolled-back transaction saw names nothing that anyone else can read."""

    version = models.BigIntegerField()

    class Meta:
        verbose_name = "dataversion"
        verbose_name_plural = "dataversioner"

    def __str__(self) -> str:
        return str(self.version)
