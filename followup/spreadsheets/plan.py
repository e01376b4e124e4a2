"""What an import would do: the plan that planning builds and applying writes.

A plan holds, per data row, the action (create, change, leave as it is), the values read
and, for a change, each column's before and after; and every error by Excel row and
column. Its fingerprint ties a confirmation to the plan the user saw.
"""

import hashlib
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from followup.models import ReportingYear, SpendingEntry
from strategy.models import Actor, Municipality

Action = Literal["create", "update", "unchanged"]

TEXT_FIELDS = ["title", "description", "case_number", "project_owner"]
COMPARED_FIELDS = [
    *TEXT_FIELDS,
    "goal_area_id",
    "priority_id",
    "focus_area_id",
    "amount",
    "funding_source",
    "total_project_size",
]


@dataclass(frozen=True)
class CellError:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Rad {self.row}")
        if self.column:
            where.append(f"kolumn ”{self.column}”")
        return f"{', '.join(where)}: {self.message}" if where else self.message


@dataclass(frozen=True)
class Change:
    column: str
    before: str
    after: str


@dataclass
class PlannedRow:
    row: int
    action: Action
    values: dict[str, Any]
    municipalities: list[Municipality]
    entry: SpendingEntry | None = None
    changes: list[Change] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.values["title"]

    @property
    def amount(self) -> Decimal:
        return self.values["amount"]

    def key(self) -> tuple:
        return (
            *(self.values[name] for name in COMPARED_FIELDS),
            frozenset(municipality.pk for municipality in self.municipalities),
        )


@dataclass
class ImportPlan:
    actor: Actor
    reporting_year: ReportingYear
    file_name: str
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)

    def _with(self, action: Action) -> list[PlannedRow]:
        return [row for row in self.rows if row.action == action]

    @property
    def created(self) -> list[PlannedRow]:
        return self._with("create")

    @property
    def updated(self) -> list[PlannedRow]:
        return self._with("update")

    @property
    def unchanged(self) -> list[PlannedRow]:
        return self._with("unchanged")

    @property
    def is_valid(self) -> bool:
        return not self.errors

    def fingerprint(self) -> str:
        """Changes whenever what confirming would do changes (another save, another plan)."""
        state = [
            [
                row.row,
                row.action,
                row.entry.pk if row.entry else None,
                row.entry.version if row.entry else None,
            ]
            for row in self.rows
        ]
        return hashlib.sha256(json.dumps(state).encode()).hexdigest()


class ImportRefused(Exception):
    def __init__(self, plan: ImportPlan) -> None:
        super().__init__("; ".join(str(error) for error in plan.errors))
        self.plan = plan


class ImportOutdated(Exception):
    """The entries changed between the preview and the confirmation."""
