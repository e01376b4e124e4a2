"""The strategy being followed up: its goal areas, priorities, focus areas and actors.

A strategy is a row, not a constant, so that the region's next strategy can be added
beside VG2020 without a schema change. Actors and municipalities outlive strategies.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Case, Q, When
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import timezone


def length_hint(limit: int) -> str:
    """The limit of a free text as its hint says it: "Högst 4 000 tecken."."""
    return f"Högst {limit:,} tecken.".replace(",", "\u00a0")


def length_message(limit: int) -> str:
    """The Swedish message for a text over `limit` characters, from the form and the model alike."""
    return f"Texten får vara högst {limit:,} tecken lång; den här har %(show_value)d.".replace(",", "\u00a0")


def limited_text(limit: int, *, help_text: str = "") -> dict:
    """Options for a TextField of at most `limit` characters.

    A TextField's max_length alone reaches only the form; the validator makes the model's
    clean (and so the spreadsheet import) refuse too. Pair it with `length_at_most` in Meta,
    so that nothing that skips clean stores more.
    """
    return {
        "max_length": limit,
        "validators": [MaxLengthValidator(limit)],
        "error_messages": {"max_length": length_message(limit)},
        "help_text": f"{help_text} {length_hint(limit)}".strip(),
    }


def length_at_most(field: str, limit: int, *, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=LessThanOrEqual(Length(field), limit),
        name=name,
        violation_error_message=f"Texten får vara högst {limit:,} tecken lång.".replace(",", "\u00a0"),
    )


PURPOSE_MAX = 4000
TAGLINE_MAX = 500
FOCUS_DESCRIPTION_MAX = 4000


class StrategyQuerySet(models.QuerySet):
    def current(self, year: int | None = None) -> "Strategy | None":
        """The strategy in force: the one whose period holds this year (today's by default),
        else the latest one that has begun. A strategy that has not begun is never current."""
        year = timezone.localdate().year if year is None else year
        in_force = Case(When(end_year__gte=year, then=1), default=0)
        return self.filter(start_year__lte=year).order_by(in_force.desc(), "-start_year").first()


class Strategy(models.Model):
    slug = models.SlugField("kortnamn i adresser", unique=True)
    short_name = models.CharField("kortnamn", max_length=40, unique=True)
    name = models.CharField("namn", max_length=200)
    start_year = models.PositiveSmallIntegerField("första år")
    end_year = models.PositiveSmallIntegerField("sista år")
    purpose = models.TextField("syfte", blank=True, **limited_text(PURPOSE_MAX))
    priority_count = models.PositiveSmallIntegerField(
        "antal prioriteringar i strategin",
        null=True,
        blank=True,
        help_text=(
            "Hur många numrerade prioriteringar strategin själv har (VG2020: 32). Portalen visar "
            "vilka nummer som ännu saknas här."
        ),
    )

    objects = StrategyQuerySet.as_manager()

    class Meta:
        verbose_name = "strategi"
        verbose_name_plural = "strategier"
        ordering = ["-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_year__gte=models.F("start_year")),
                name="strategy_end_not_before_start",
            ),
            length_at_most("purpose", PURPOSE_MAX, name="strategy_purpose_length"),
        ]

    def __str__(self) -> str:
        return f"{self.short_name} ({self.start_year}–{self.end_year})"

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    def priority_gaps(self) -> "PriorityGaps | None":
        """The numbers 1..priority_count that no priority of this strategy has yet; None when
        none is missing or the strategy's own count is not entered."""
        if not self.priority_count:
            return None
        present = set(Priority.objects.filter(goal_area__strategy=self).values_list("number", flat=True))
        missing = [number for number in range(1, self.priority_count + 1) if number not in present]
        return PriorityGaps(expected=self.priority_count, missing=missing) if missing else None


@dataclass(frozen=True)
class PriorityGaps:
    """A strategy's numbered priorities that the portal does not hold: their names were not
    found in any source, so an administrator adds them when they are known."""

    expected: int
    missing: list[int]

    @property
    def present(self) -> int:
        return self.expected - len(self.missing)

    @property
    def label(self) -> str:
        """The missing numbers as ranges, in Swedish: "4–8 och 20"."""
        ranges: list[list[int]] = []
        for number in self.missing:
            if ranges and ranges[-1][-1] == number - 1:
                ranges[-1].append(number)
            else:
                ranges.append([number])
        parts = [f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in ranges]
        return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} och {parts[-1]}"


class GoalArea(models.Model):
    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="goal_areas", verbose_name="strategi"
    )
    number = models.PositiveSmallIntegerField("nummer")
    name = models.CharField("namn", max_length=200)
    tagline = models.TextField("devis", blank=True, **limited_text(TAGLINE_MAX))

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
        return reverse("strategy:goal_area", args=[self.strategy.slug, self.number])


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
        return reverse("strategy:focus_area", args=[self.strategy.slug, self.number])

    def applies_in(self, year: int) -> bool:
        return self.first_year <= year and (self.last_year is None or year <= self.last_year)

    @property
    def period_label(self) -> str:
        return f"{self.first_year}–{self.last_year}" if self.last_year else f"från {self.first_year}"


class Actor(models.Model):
    class Kind(models.TextChoices):
        REGION = "region", "Region"
        MUNICIPAL_ASSOCIATION = "kommunalforbund", "Kommunalförbund"
        BUSINESS_COMPANY = "naringslivsbolag", "Näringslivsbolag"

    slug = models.SlugField("kortnamn i adresser", unique=True)
    short_name = models.CharField("kortnamn", max_length=40, unique=True)
    name = models.CharField("namn", max_length=200, unique=True)
    name_en = models.CharField("namn på engelska", max_length=200, blank=True)
    kind = models.CharField("typ", max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = "aktör"
        verbose_name_plural = "aktörer"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("strategy:actor", args=[self.slug])


class Municipality(models.Model):
    code = models.CharField("kommunkod", max_length=4, unique=True)
    name = models.CharField("namn", max_length=100, unique=True)
    county_code = models.CharField("länskod", max_length=2)
    association = models.ForeignKey(
        Actor,
        on_delete=models.PROTECT,
        related_name="municipalities",
        verbose_name="kommunalförbund",
        null=True,
        blank=True,
        limit_choices_to={"kind": Actor.Kind.MUNICIPAL_ASSOCIATION},
    )

    class Meta:
        verbose_name = "kommun"
        verbose_name_plural = "kommuner"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(code__regex=r"^[0-9]{4}$"), name="municipality_code_four_digits"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ActorMembership(models.Model):
    """A user who reports for an actor (a regional developer of that actor)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="actor_memberships",
        verbose_name="användare",
    )
    actor = models.ForeignKey(
        Actor, on_delete=models.CASCADE, related_name="memberships", verbose_name="aktör"
    )

    class Meta:
        verbose_name = "aktörstillhörighet"
        verbose_name_plural = "aktörstillhörigheter"
        constraints = [models.UniqueConstraint(fields=["user", "actor"], name="actor_membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} – {self.actor.short_name}"
