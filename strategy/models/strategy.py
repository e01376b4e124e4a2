"""A strategy being followed up: VG2020 (2014–2020), VG2030 (2021–2030), the next one.

A strategy is a row, not a constant, and so are the names of its levels (`levels.py`), so
that strategies of different shapes sit side by side without a schema change.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Case, Q, When
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils import timezone

from .levels import StrategyWords


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
GOAL_MAX = 2000
TAGLINE_MAX = 500
FOCUS_DESCRIPTION_MAX = 4000

# The first segments of the portal's own addresses: a strategy's slug is the first segment
# of its pages' addresses, so it must never be one of these (`tests/test_strategy_addresses.py`
# checks the list against the URL patterns).
RESERVED_SLUGS = frozenset(
    {
        "admin",
        "aktorer",
        "api",
        "arsrapporter",
        "halsa",
        "indikatorer",
        "insatser",
        "konto",
        "kraftsamling",
        "malomrade",
        "media",
        "over-strategier",
        "static",
        "strategi",
        "uppfoljning",
        "utvarderingar",
    }
)


def validate_strategy_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            "Kortnamnet används redan av portalens egna adresser (/%(value)s/). Välj ett annat, "
            "till exempel strategins förkortning och första år.",
            params={"value": value},
            code="reserved",
        )
    if value.isdigit():
        raise ValidationError("Kortnamnet får inte bara vara siffror.", code="digits")


def in_force_among(strategies: Iterable["Strategy"], year: int | None = None) -> "Strategy | None":
    """`StrategyQuerySet.current` over strategies already read (the middleware's list)."""
    year = timezone.localdate().year if year is None else year
    begun = [strategy for strategy in strategies if strategy.start_year <= year]
    running = [strategy for strategy in begun if strategy.end_year >= year]
    return max(running or begun, key=lambda strategy: strategy.start_year, default=None)


class StrategyQuerySet(models.QuerySet):
    def current(self, year: int | None = None) -> "Strategy | None":
        """The strategy in force: the one whose period holds this year (today's by default),
        else the latest one that has begun. A strategy that has not begun is never current."""
        year = timezone.localdate().year if year is None else year
        in_force = Case(When(end_year__gte=year, then=1), default=0)
        return self.filter(start_year__lte=year).order_by(in_force.desc(), "-start_year").first()


class Strategy(models.Model):
    slug = models.SlugField(
        "kortnamn i adresser",
        unique=True,
        help_text="Första delen av strategins adresser, till exempel vg2030 i /vg2030/uppfoljning/.",
    )
    short_name = models.CharField("kortnamn", max_length=40, unique=True)
    name = models.CharField("namn", max_length=200)
    start_year = models.PositiveSmallIntegerField("första år")
    end_year = models.PositiveSmallIntegerField("sista år")
    adopted_on = models.DateField("antagen", null=True, blank=True)
    purpose = models.TextField("syfte", blank=True, **limited_text(PURPOSE_MAX))
    goal = models.TextField(
        "övergripande mål",
        blank=True,
        **limited_text(GOAL_MAX, help_text="Strategins övergripande mål med källans ordalydelse."),
    )
    goal_qualities = models.TextField(
        "målets egenskaper", blank=True, max_length=1000, help_text="En egenskap per rad."
    )
    source_url = models.URLField("källa", blank=True, max_length=500)
    focus_intro = models.TextField(
        "om kraftsamlingen",
        blank=True,
        **limited_text(PURPOSE_MAX, help_text="Visas på startsidan ovanför strategins kraftsamlingar."),
    )
    implementation = models.TextField(
        "så genomförs strategin",
        blank=True,
        **limited_text(
            PURPOSE_MAX,
            help_text=(
                "Visas på startsidan. Delar skiljs åt med en tom rad; varje dels första rad är dess rubrik."
            ),
        ),
    )
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
            length_at_most("goal", GOAL_MAX, name="strategy_goal_length"),
            length_at_most("focus_intro", PURPOSE_MAX, name="strategy_focus_intro_length"),
            length_at_most("implementation", PURPOSE_MAX, name="strategy_implementation_length"),
        ]

    def __str__(self) -> str:
        return f"{self.short_name} ({self.start_year}–{self.end_year})"

    def get_absolute_url(self) -> str:
        from strategy.addresses import reverse_for

        return reverse_for(self, "strategy:home")

    def clean(self) -> None:
        # In clean, not as a field validator, so that migrations never import this module.
        if self.slug:
            try:
                validate_strategy_slug(self.slug)
            except ValidationError as error:
                raise ValidationError({"slug": error}) from error

    @property
    def years(self) -> range:
        return range(self.start_year, self.end_year + 1)

    @property
    def period_label(self) -> str:
        return f"{self.start_year}–{self.end_year}"

    @property
    def implementation_parts(self) -> list[tuple[str, str]]:
        """`implementation` as (heading, text) parts: a blank line between parts, the heading
        on a part's first line."""
        parts = [part.strip() for part in self.implementation.replace("\r\n", "\n").split("\n\n")]
        return [tuple(part.partition("\n")[::2]) for part in parts if part]

    @property
    def goal_quality_list(self) -> list[str]:
        return [line.strip() for line in self.goal_qualities.splitlines() if line.strip()]

    @property
    def has_begun(self) -> bool:
        return self.start_year <= timezone.localdate().year

    @cached_property
    def words(self) -> StrategyWords:
        """What the strategy calls its levels (see `levels.py`); prefetch `levels` in lists."""
        return StrategyWords.of(self.levels.all())

    def priority_gaps(self) -> "PriorityGaps | None":
        """The numbers 1..priority_count that no priority of this strategy has yet; None when
        none is missing or the strategy's own count is not entered."""
        if not self.priority_count:
            return None
        from .structure import Priority

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
