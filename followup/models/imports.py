"""What an import brings along: its batch of entries, and the upload waiting to be confirmed."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from strategy.models import (
    Actor,
)

from .years import ReportingYear


class ImportBatch(models.Model):
    """One confirmed spreadsheet import: who, when, which file and what it did."""

    created_at = models.DateTimeField("importerad", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="importerad av",
    )
    file_name = models.CharField("filnamn", max_length=255)
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="+", verbose_name="aktör")
    reporting_year = models.ForeignKey(
        ReportingYear, on_delete=models.PROTECT, related_name="+", verbose_name="år"
    )
    created_count = models.PositiveIntegerField("nya rader", default=0)
    updated_count = models.PositiveIntegerField("ändrade rader", default=0)
    unchanged_count = models.PositiveIntegerField("oförändrade rader", default=0)

    class Meta:
        verbose_name = "import"
        verbose_name_plural = "importer"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({timezone.localtime(self.created_at):%Y-%m-%d %H:%M})"


class PendingImport(models.Model):
    """An uploaded file's rows waiting between the preview and the confirmation.

    Kept in the database rather than the session, which would carry megabytes on every
    request, and read by whichever worker serves the confirmation. Only its uploader
    may open it, through the random token in the preview's address; it expires
    (`followup.spreadsheets.pending`).
    """

    token = models.CharField(max_length=43, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="+")
    reporting_year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE, related_name="+")
    # The rows as zlib-compressed JSON: a 5,000-row file takes a few hundred kilobytes.
    rows = models.BinaryField()
    # The valid plan the last preview showed, the same way, for the confirmation to apply
    # without reading the rows again when nothing changed (followup.spreadsheets.plan.StoredPlan).
    plan = models.BinaryField(null=True)

    class Meta:
        verbose_name = "väntande import"
        verbose_name_plural = "väntande importer"

    def __str__(self) -> str:
        return f"Väntande import {self.created_at:%Y-%m-%d %H:%M}"
