"""Indicators of goal attainment and their measured values, read by every evaluation."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from strategy.models import FocusArea, GoalArea, Priority


class Direction(models.TextChoices):
    HIGHER = "hogre", "Högre värde är bättre"
    LOWER = "lagre", "Lägre värde är bättre"


INDICATOR_VALUE = {"max_digits": 14, "decimal_places": 3}
DEFAULT_AREA = "Västra Götalands län"


class Indicator(models.Model):
    """A measure of goal attainment, with the straight path from its baseline to its target."""

    key = models.SlugField(
        "nyckel", max_length=60, unique=True, help_text="Används i importfiler och adresser."
    )
    name = models.CharField("namn", max_length=300)
    unit = models.CharField("enhet", max_length=40, help_text="Till exempel procent eller antal.")
    description = models.TextField("beskrivning", blank=True)
    source_text = models.CharField("källa", max_length=300)
    source_url = models.URLField("källans adress", max_length=500, blank=True)
    direction = models.CharField(
        "riktning", max_length=5, choices=Direction.choices, default=Direction.HIGHER
    )
    goal_area = models.ForeignKey(
        GoalArea, on_delete=models.PROTECT, related_name="indicators", verbose_name="målområde"
    )
    priority = models.ForeignKey(
        Priority,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name="prioritering",
        null=True,
        blank=True,
    )
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        related_name="indicators",
        verbose_name="kraftsamlingsområde",
        null=True,
        blank=True,
    )
    area = models.CharField(
        "område som målet gäller", max_length=100, default=DEFAULT_AREA, help_text="Övriga områden jämförs."
    )
    baseline_year = models.PositiveSmallIntegerField("utgångsår", null=True, blank=True)
    baseline_value = models.DecimalField("utgångsvärde", null=True, blank=True, **INDICATOR_VALUE)
    target_year = models.PositiveSmallIntegerField("målår", null=True, blank=True)
    target_value = models.DecimalField("målvärde", null=True, blank=True, **INDICATOR_VALUE)
    target_note = models.TextField(
        "om utgångsläge och mål",
        blank=True,
        help_text="Var utgångsläget och målet kommer ifrån, eller att de är antaganden.",
    )

    class Meta:
        verbose_name = "indikator"
        verbose_name_plural = "indikatorer"
        ordering = ["goal_area__number", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(direction__in=Direction.values), name="indicator_direction_known"
            ),
            models.CheckConstraint(
                condition=Q(baseline_year__isnull=True)
                | Q(target_year__isnull=True)
                | Q(target_year__gt=models.F("baseline_year")),
                name="indicator_target_after_baseline",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("publications:indicator_detail", args=[self.key])


class IndicatorValue(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name="indikator"
    )
    year = models.PositiveSmallIntegerField(
        "år",
        help_text="För läsår (t.ex. 2019/2020) året då läsåret slutar.",
        validators=[MinValueValidator(1900)],
    )
    area = models.CharField("område", max_length=100, default=DEFAULT_AREA)
    value = models.DecimalField("värde", **INDICATOR_VALUE)

    class Meta:
        verbose_name = "indikatorvärde"
        verbose_name_plural = "indikatorvärden"
        ordering = ["indicator", "area", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "area", "year"], name="indicator_value_unique"),
            models.CheckConstraint(condition=~Q(area=""), name="indicator_value_area_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.key} {self.area} {self.year}: {self.value}"
