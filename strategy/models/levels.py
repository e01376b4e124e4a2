"""What a strategy calls its levels, in the Swedish forms pages and messages need.

VG2020 says målområde / utvecklingsområde / prioritering / kraftsamlingsområde; VG2030
says långsiktig prioritering / kraftsamling and has no development areas or numbered
priorities. A level is part of a strategy when the strategy has a row for it here; pages,
forms, imports, exports and reports leave out a level the strategy does not have.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models


class Level(models.TextChoices):
    GOAL_AREA = "goal_area", "Översta nivån (målområden)"
    DEVELOPMENT_AREA = "development_area", "Nivån under (utvecklingsområden)"
    PRIORITY = "priority", "Numrerade prioriteringar"
    FOCUS_AREA = "focus_area", "Kraftsamlingar (kraftsamlingsområden)"


class StrategyLevel(models.Model):
    strategy = models.ForeignKey(
        "strategy.Strategy", on_delete=models.CASCADE, related_name="levels", verbose_name="strategi"
    )
    level = models.CharField("nivå", max_length=20, choices=Level.choices)
    singular = models.CharField("ental", max_length=60, help_text="Till exempel målområde.")
    plural = models.CharField("plural", max_length=60, help_text="Till exempel målområden.")
    definite = models.CharField("bestämd form", max_length=60, help_text="Till exempel målområdet.")
    definite_plural = models.CharField(
        "bestämd form plural", max_length=60, help_text="Till exempel målområdena."
    )
    numbered = models.BooleanField(
        "visas med nummer",
        default=True,
        help_text="Av om strategins egen text inte numrerar nivån (nummer blir då bara ordning).",
    )

    class Meta:
        verbose_name = "nivå i strategin"
        verbose_name_plural = "nivåer i strategin"
        ordering = ["strategy", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "level"],
                name="strategy_level_unique",
                violation_error_message="Strategin har redan ord för den nivån.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()}: {self.singular}"


@dataclass(frozen=True)
class LevelWords:
    singular: str
    plural: str
    definite: str
    definite_plural: str
    numbered: bool = True

    @classmethod
    def of(cls, row: StrategyLevel) -> "LevelWords":
        return cls(row.singular, row.plural, row.definite, row.definite_plural, row.numbered)


# The words of a strategy whose levels nobody has named yet, as VG2020 has them. Only the
# top level is always there: every entry belongs to one of its areas.
DEFAULT_WORDS = {
    Level.GOAL_AREA: LevelWords("målområde", "målområden", "målområdet", "målområdena"),
    Level.DEVELOPMENT_AREA: LevelWords(
        "utvecklingsområde", "utvecklingsområden", "utvecklingsområdet", "utvecklingsområdena"
    ),
    Level.PRIORITY: LevelWords("prioritering", "prioriteringar", "prioriteringen", "prioriteringarna"),
    Level.FOCUS_AREA: LevelWords(
        "kraftsamlingsområde", "kraftsamlingsområden", "kraftsamlingsområdet", "kraftsamlingsområdena"
    ),
}


# Names of the levels, which are also the names of the report dimensions, entry fields and
# spreadsheet columns that hold them.
LEVEL_NAMES = frozenset(Level.values)


@dataclass(frozen=True)
class StrategyWords:
    """`words.goal_area.plural` and so on; a level the strategy lacks is None."""

    goal_area: LevelWords
    development_area: LevelWords | None
    priority: LevelWords | None
    focus_area: LevelWords | None

    @classmethod
    def of(cls, rows: Iterable[StrategyLevel]) -> "StrategyWords":
        named = {row.level: LevelWords.of(row) for row in rows}
        if not named:
            named = dict(DEFAULT_WORDS)
        return cls(
            goal_area=named.get(Level.GOAL_AREA, DEFAULT_WORDS[Level.GOAL_AREA]),
            development_area=named.get(Level.DEVELOPMENT_AREA),
            priority=named.get(Level.PRIORITY),
            focus_area=named.get(Level.FOCUS_AREA),
        )

    def has(self, level: str) -> bool:
        return getattr(self, level) is not None

    def level(self, name: str) -> LevelWords | None:
        """The words of level `name`; None for a level the strategy lacks or a name that is no
        level (an actor, a funding source)."""
        return getattr(self, name) if name in LEVEL_NAMES else None

    def shows(self, name: str) -> bool:
        """False only for a level the strategy lacks: what pages, forms and files leave out."""
        return name not in LEVEL_NAMES or self.has(name)
