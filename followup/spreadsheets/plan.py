"""What an import would do: the plan that planning builds and applying writes.

A plan holds, per data row, the action (create, change, leave as it is), the values read
and, for a change, each column's before and after; and every error by Excel row and
column. Its fingerprint ties a confirmation to the plan the user saw; a valid plan is
kept beside the pending rows (`StoredPlan`) so that confirming need not plan again.
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


@dataclass(frozen=True)
class StoredPlan:
    """A valid plan as the preview kept it for the confirmation: what applying needs of
    each row (the action, the values compared, the municipalities' and entry's ids and the
    version planned against), and the data version it was validated against."""

    data_version: int
    fingerprint: str
    file_name: str
    rows: list[dict[str, Any]]

    @classmethod
    def of(cls, plan: ImportPlan, *, data_version: int) -> "StoredPlan":
        return cls(
            data_version=data_version,
            fingerprint=plan.fingerprint(),
            file_name=plan.file_name,
            rows=[
                {
                    "row": planned.row,
                    "action": planned.action,
                    "values": {name: _json_value(planned.values[name]) for name in COMPARED_FIELDS},
                    "municipalities": [municipality.pk for municipality in planned.municipalities],
                    "entry": planned.entry.pk if planned.entry else None,
                    "version": planned.entry.version if planned.entry else None,
                }
                for planned in plan.rows
            ],
        )

    def to_stored(self) -> dict[str, Any]:
        return {
            "data_version": self.data_version,
            "fingerprint": self.fingerprint,
            "file_name": self.file_name,
            "rows": self.rows,
        }

    @classmethod
    def from_stored(cls, data: Any) -> "StoredPlan":
        """The plan as `to_stored` wrote it; ValueError for anything of another shape."""
        try:
            rows = list(data["rows"])
            for row in rows:
                if row["action"] not in ("create", "update", "unchanged") or set(row["values"]) != set(
                    COMPARED_FIELDS
                ):
                    raise ValueError(f"Stored row of an unknown shape: {row!r}")
            return cls(
                data_version=int(data["data_version"]),
                fingerprint=str(data["fingerprint"]),
                file_name=str(data["file_name"]),
                rows=rows,
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"Stored plan of an unknown shape: {error}") from error

    def entry_ids(self) -> list[int]:
        return sorted(row["entry"] for row in self.rows if row["entry"] is not None)

    def rebuild(
        self,
        *,
        actor: Actor,
        reporting_year: ReportingYear,
        entries: dict[int, SpendingEntry],
        municipalities: dict[int, Municipality],
    ) -> ImportPlan:
        """The plan again from the stored rows, with the entries and municipalities they name
        (a KeyError if one is missing); without the changes' texts, which only the preview shows."""
        plan = ImportPlan(actor=actor, reporting_year=reporting_year, file_name=self.file_name)
        for row in self.rows:
            values = dict(row["values"])
            for name in ("amount", "total_project_size"):
                if values[name] is not None:
                    values[name] = Decimal(values[name])
            plan.rows.append(
                PlannedRow(
                    row=row["row"],
                    action=row["action"],
                    values=values,
                    municipalities=[municipalities[pk] for pk in row["municipalities"]],
                    entry=entries[row["entry"]] if row["entry"] is not None else None,
                )
            )
        return plan


def _json_value(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


class ImportRefused(Exception):
    def __init__(self, plan: ImportPlan) -> None:
        super().__init__("; ".join(str(error) for error in plan.errors))
        self.plan = plan


class ImportOutdated(Exception):
    """The entries changed between the preview and the confirmation."""
