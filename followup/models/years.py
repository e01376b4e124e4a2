"""Reporting years: one per strategy and year, open or closed."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from strategy.models import (
    Strategy,
)

from .. import write_rule


class ReportingYearQuerySet(models.QuerySet):
    def open(self) -> "ReportingYearQuerySet":
        """Years in which some actor's figures may still change, by the write rule."""
        return self.filter(write_rule.open_years())


class ReportingYear(models.Model):
    """A year of a strategy. Open years take changes; closed years are compiled and frozen."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="reporting_years", verbose_name="strategi"
    )
    year = models.PositiveSmallIntegerField("år")
    is_closed = models.BooleanField(
        "stängt",
        default=False,
        help_text="Ett stängt år är sammanställt: dess insatser kan inte ändras.",
    )
    closed_at = models.DateTimeField("stängt den", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="stängt av",
    )

    objects = ReportingYearQuerySet.as_manager()
    # Who closed and reopened the year, and when (followup.years writes the reason).
    history = HistoricalRecords(
        verbose_name="historik för uppföljningsår", verbose_name_plural="historik för uppföljningsår"
    )

    class Meta:
        verbose_name = "uppföljningsår"
        verbose_name_plural = "uppföljningsår"
        ordering = ["strategy", "year"]
        constraints = [models.UniqueConstraint(fields=["strategy", "year"], name="reporting_year_unique")]

    def __str__(self) -> str:
        return f"{self.year} ({self.status_label})"

    @property
    def status_label(self) -> str:
        return "stängt" if self.is_closed else "öppet"

    def clean(self) -> None:
        if self.strategy_id and self.year not in self.strategy.years:
            period = f"{self.strategy.start_year}–{self.strategy.end_year}"
            raise ValidationError({"year": f"Året ska ligga inom strategins period, {period}."})
