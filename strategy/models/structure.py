"""The levels of a strategy: goal areas (VG2030: long-term priorities), development areas,
numbered priorities and focus areas (kraftsamlingar) with their focus topics."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from .strategy import FOCUS_DESCRIPTION_MAX, TAGLINE_MAX, Strategy, length_at_most, limited_text


def _address(strategy: Strategy, name: str, number: int) -> str:
    from strategy.addresses import reverse_for

    return reverse_for(strategy, name, args=[number])


class GoalArea(models.Model):
    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="goal_areas", verbose_name="strategi"
    )
    number = models.PositiveSmallIntegerField("nummer")
    name = models.CharField("namn", max_length=200)
    tagline = models.TextField("devis", blank=True, **limited_text(TAGLINE_MAX))
    source_url = models.URLField("källa", blank=True, max_length=500)

    class Meta:
        verbose_name = "målområde"
        verbose_name_plural = "målområden"
        ordering = ["strategy", "number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="goal_area_number_unique"),
            length_at_most("tagline", TAGLINE_MAX, name="goal_area_tagline_length"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def get_absolute_url(self) -> str:
        return _address(self.strategy, "strategy:goal_area", self.number)

    @property
    def label(self) -> str:
        """How lists name it: "1. En ledande kunskapsregion"; VG2030's long-term priorities
        are unnumbered in the source, so their order number is not shown."""
        return str(self) if self.strategy.words.goal_area.numbered else self.name


class DevelopmentArea(models.Model):
    goal_area = models.ForeignKey(
        GoalArea,
        on_delete=models.PROTECT,
        related_name="development_areas",
        verbose_name="målområde",
    )
    code = models.CharField("nummer", max_length=10, help_text="Till exempel 2.1.")
    name = models.CharField("namn", max_length=200)

    class Meta:
        verbose_name = "utvecklingsområde"
        verbose_name_plural = "utvecklingsområden"
        ordering = ["goal_area", "code"]
        constraints = [
            models.UniqueConstraint(fields=["goal_area", "code"], name="development_area_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Priority(models.Model):
    """A numbered priority (1–32 in VG2020) under a development area.

    `goal_area` repeats the development area's goal area so that spending entries
    can be checked and grouped by it without another join; `clean()` keeps the two
    in step.
    """

    goal_area = models.ForeignKey(
        GoalArea, on_delete=models.PROTECT, related_name="priorities", verbose_name="målområde"
    )
    development_area = models.ForeignKey(
        DevelopmentArea,
        on_delete=models.PROTECT,
        related_name="priorities",
        verbose_name="utvecklingsområde",
    )
    number = models.PositiveSmallIntegerField("nummer")
    name = models.CharField("namn", max_length=300)

    class Meta:
        verbose_name = "prioritering"
        verbose_name_plural = "prioriteringar"
        ordering = ["goal_area__strategy", "number"]
        constraints = [
            models.UniqueConstraint(fields=["goal_area", "number"], name="priority_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="priority_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def clean(self) -> None:
        if (
            self.development_area_id
            and self.goal_area_id
            and self.development_area.goal_area_id != self.goal_area_id
        ):
            raise ValidationError({"development_area": "Utvecklingsområdet hör till ett annat målområde."})
        if self.goal_area_id and self.number:
            taken = Priority.objects.filter(
                goal_area__strategy_id=self.goal_area.strategy_id, number=self.number
            ).exclude(pk=self.pk)
            if taken.exists():
                raise ValidationError({"number": "Det finns redan en prioritering med det numret."})


class FocusArea(models.Model):
    """An area BHU pointed out for joint effort (kraftsamling), valid for a span of years."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="focus_areas", verbose_name="strategi"
    )
    number = models.PositiveSmallIntegerField("nummer")
    name = models.CharField("namn", max_length=200)
    description = models.TextField("beskrivning", blank=True, **limited_text(FOCUS_DESCRIPTION_MAX))
    first_year = models.PositiveSmallIntegerField("gäller från år")
    last_year = models.PositiveSmallIntegerField(
        "gäller till och med år", null=True, blank=True, help_text="Tomt om området gäller tills vidare."
    )
    goal_areas = models.ManyToManyField(
        GoalArea, related_name="focus_areas", verbose_name="målområden", blank=True
    )
    source_url = models.URLField("källa", blank=True, max_length=500)

    class Meta:
        verbose_name = "kraftsamlingsområde"
        verbose_name_plural = "kraftsamlingsområden"
        ordering = ["strategy", "number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "number"], name="focus_area_number_unique"),
            models.CheckConstraint(
                condition=Q(last_year__isnull=True) | Q(last_year__gte=models.F("first_year")),
                name="focus_area_last_not_before_first",
            ),
            length_at_most("description", FOCUS_DESCRIPTION_MAX, name="focus_area_description_length"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def get_absolute_url(self) -> str:
        return _address(self.strategy, "strategy:focus_area", self.number)

    def applies_in(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    @property
    def period_label(self) -> str:
        return f"{self.first_year}–{self.last_year}" if self.last_year else f"från {self.first_year}"


class FocusTopic(models.Model):
    """A focus area named under a kraftsamling (VG2030's digitalisering has five)."""

    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, related_name="topics", verbose_name="kraftsamling"
    )
    number = models.PositiveSmallIntegerField("ordning")
    name = models.CharField("namn", max_length=300)
    source_url = models.URLField("källa", blank=True, max_length=500)

    class Meta:
        verbose_name = "fokusområde inom kraftsamling"
        verbose_name_plural = "fokusområden inom kraftsamlingar"
        ordering = ["focus_area", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["focus_area", "number"],
                name="focus_topic_number_unique",
                violation_error_message="Kraftsamlingen har redan ett fokusområde med den ordningen.",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Continuation(models.Model):
    """An administrator's reading that a goal area of one strategy continues in a goal area
    (VG2030: a long-term priority) of the next. An interpretation, not a fact of the
    sources: the cross-strategy page says so, and who set it."""

    earlier = models.OneToOneField(
        GoalArea, on_delete=models.CASCADE, related_name="continuation", verbose_name="tidigare område"
    )
    later = models.ForeignKey(
        GoalArea, on_delete=models.CASCADE, related_name="continued_from", verbose_name="fortsätter i"
    )
    set_by = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="satt av",
    )
    set_at = models.DateTimeField("satt", auto_now=True)

    class Meta:
        verbose_name = "tolkning: område som fortsätter i nästa strategi"
        verbose_name_plural = "tolkningar: områden som fortsätter i nästa strategi"
        ordering = ["earlier__strategy__start_year", "earlier__number"]

    def __str__(self) -> str:
        return f"{self.earlier.name} → {self.later.name}"

    def clean(self) -> None:
        if (
            self.earlier_id
            and self.later_id
            and self.later.strategy.start_year <= self.earlier.strategy.start_year
        ):
            raise ValidationError({"later": "Välj ett område i en senare strategi än det tidigare området."})
