"""The entry columns that the template, the exports and the import share, and the lookups
that turn what people type in them ("2", "2. En region för alla", "en region för alla")
into goal areas, priorities, focus areas, funding sources and municipalities.
"""

import re
from dataclasses import dataclass
from functools import cached_property

from followup.models import FundingSource
from strategy.models import FocusArea, GoalArea, Municipality, Priority, Strategy, StrategyWords

from .workbook import Column

# Editable columns, in template order. Every one must be in an uploaded file.
ID = Column("id", "Id", "code", 9)
TITLE = Column("title", "Rubrik", width=40)
DESCRIPTION = Column("description", "Beskrivning", width=40)
CASE_NUMBER = Column("case_number", "Diarienummer", width=18)
PROJECT_OWNER = Column("project_owner", "Projektägare", width=28)
GOAL_AREA = Column("goal_area", "Målområde", width=34)
PRIORITY = Column("priority", "Prioritering", width=40)
FOCUS_AREA = Column("focus_area", "Kraftsamlingsområde", width=40)
AMOUNT = Column("amount", "Beviljat belopp (kr)", "kr", 20, total=True)
FUNDING_SOURCE = Column("funding_source", "Finansieringskälla", width=26)
TOTAL_PROJECT_SIZE = Column(
    "total_project_size", "Beräknad total projektomslutning (kr)", "kr", 22, total=True
)
MUNICIPALITIES = Column("municipalities", "Berörda kommuner", width=30)

EDITABLE_COLUMNS = [
    ID,
    TITLE,
    DESCRIPTION,
    CASE_NUMBER,
    PROJECT_OWNER,
    GOAL_AREA,
    PRIORITY,
    FOCUS_AREA,
    AMOUNT,
    FUNDING_SOURCE,
    TOTAL_PROJECT_SIZE,
    MUNICIPALITIES,
]


def editable_columns(words: StrategyWords) -> list[Column]:
    """The template's columns for a strategy with these levels: without the columns of a
    level it lacks (VG2030 has no numbered priorities), which its import does not ask for."""
    return [column for column in EDITABLE_COLUMNS if words.shows(column.key)]


# Exports carry these too; the import checks year and actor against the chosen ones and
# ignores the last-changed time.
YEAR = Column("year", "År", "code", 7)
ACTOR = Column("actor", "Aktör", width=12)
UPDATED_AT = Column("updated_at", "Senast ändrad", "datetime", 17)
EXPORT_COLUMNS = [ID, YEAR, ACTOR, *EDITABLE_COLUMNS[1:], UPDATED_AT]
HEADING = {column.key: column.heading for column in EXPORT_COLUMNS}

_SPACES = re.compile(r"\s+")
_NUMBERED = re.compile(r"^(\d+)\s*[.):]?\s*(.*)$")
MUNICIPALITY_SEPARATOR = re.compile(r"[,;\n]")


def normalise(text: str) -> str:
    """Case and spacing do not matter when matching names and headings."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip().casefold()


def heading_key(text: str) -> str:
    """`Beviljat belopp (kr)` and `beviljat  belopp` name the same column."""
    return normalise(re.sub(r"\((kr|kronor|sek)\)\s*$", "", text.strip(), flags=re.IGNORECASE))


HEADING_KEYS = {heading_key(column.heading): column.key for column in EXPORT_COLUMNS}


def numbered_label(number: int | None, name: str | None) -> str:
    return f"{number}. {name}" if number is not None else ""


class UnknownValue(ValueError):
    """A value that names nothing known; the message is Swedish and meant for the user."""


@dataclass
class ReferenceData:
    """Everything a row can refer to, loaded once per validation in a fixed number of queries."""

    goal_areas: list[GoalArea]
    priorities: list[Priority]
    focus_areas: list[FocusArea]
    municipalities: list[Municipality]

    @classmethod
    def load(cls, strategy: Strategy) -> "ReferenceData":
        return cls(
            goal_areas=list(GoalArea.objects.filter(strategy=strategy).select_related("strategy")),
            priorities=list(
                Priority.objects.filter(goal_area__strategy=strategy)
                .select_related("goal_area")
                .order_by("number")
            ),
            focus_areas=list(FocusArea.objects.filter(strategy=strategy)),
            municipalities=list(Municipality.objects.all()),
        )

    def goal_area(self, text: str) -> GoalArea:
        return _numbered(text, self.goal_areas, "Målområde", "målområde")

    def priority(self, text: str) -> Priority:
        return _numbered(text, self.priorities, "Prioritering", "prioritering")

    def focus_area(self, text: str) -> FocusArea:
        return _numbered(text, self.focus_areas, "Kraftsamlingsområde", "kraftsamlingsområde")

    def funding_source(self, text: str) -> str:
        value = self._funding_sources.get(normalise(text))
        if value is not None:
            return value
        known = ", ".join(FundingSource.labels)
        raise UnknownValue(f"Finansieringskällan ”{text.strip()}” finns inte. Välj en av: {known}.")

    # Built once per validation, not once per row: an import may hold thousands of rows.
    @cached_property
    def _funding_sources(self) -> dict[str, str]:
        by_key = {value: value for value in FundingSource.values}
        return by_key | {normalise(label): value for value, label in FundingSource.choices}

    @cached_property
    def _municipalities(self) -> dict[str, Municipality]:
        by_key = {}
        for municipality in self.municipalities:
            by_key[normalise(municipality.name)] = municipality
            by_key[municipality.code] = municipality
        return by_key

    def municipality_set(self, text: str) -> list[Municipality]:
        by_key = self._municipalities
        found, unknown = [], []
        for part in MUNICIPALITY_SEPARATOR.split(text):
            if not part.strip():
                continue
            municipality = by_key.get(normalise(part))
            if municipality is None:
                unknown.append(part.strip())
            elif municipality not in found:
                found.append(municipality)
        if unknown:
            names = ", ".join(f"”{name}”" for name in unknown)
            raise UnknownValue(f"Okänd kommun: {names}. Skriv kommunernas namn åtskilda med kommatecken.")
        return found


def _numbered(text: str, objects: list, label: str, noun: str):
    """Find by number (`2`), by name, or by both (`2. En region för alla`, as the lists show)."""
    cleaned = text.strip()
    match = _NUMBERED.match(cleaned)
    if match:
        number, name = int(match.group(1)), normalise(match.group(2))
        found = next((item for item in objects if item.number == number), None)
        if found is None:
            raise UnknownValue(f"{label} {number} finns inte i VG2020.")
        if name and name != normalise(found.name):
            raise UnknownValue(f"{label} {number} heter ”{found.name}”, inte ”{match.group(2).strip()}”.")
        return found
    wanted = normalise(cleaned)
    found = next((item for item in objects if normalise(item.name) == wanted), None)
    if found is None:
        raise UnknownValue(f"Det finns ingen {noun} som heter ”{cleaned}”. Välj i listan eller ange numret.")
    return found
