"""An entry's history as people read it: who, when, and each field before → after.

django-simple-history stores a full copy of the entry per save, plus one more when the
municipalities change (a separate write after the row is saved). Every save moves the
entry's version on and the municipality writes do not, so a record at the same version
by the same person belongs to the save before it and is merged into that event.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.apps import apps
from django.db.models import Model

from strategy.models import Actor, FocusArea, GoalArea, Municipality, Priority

from . import formatting
from .models import FundingSource, ReportingYear, SpendingEntry

ACTIONS = {"+": "Skapad", "~": "Ändrad", "-": "Borttagen"}
TEXT_FIELDS = ["title", "description", "case_number", "project_owner"]
FOREIGN_KEYS = {
    "actor": Actor,
    "reporting_year": ReportingYear,
    "goal_area": GoalArea,
    "priority": Priority,
    "focus_area": FocusArea,
}
AMOUNT_FIELDS = ["amount", "total_project_size"]
FIELD_ORDER = [
    "actor",
    "reporting_year",
    "title",
    "description",
    "case_number",
    "project_owner",
    "goal_area",
    "priority",
    "focus_area",
    "amount",
    "funding_source",
    "total_project_size",
    "municipalities",
]


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEvent:
    when: datetime
    who: str
    action: str
    changes: list[FieldChange]
    # Why, where a write says so: "Import: fil.xlsx (#3)".
    reason: str = ""


State = dict[str, object]


def label(name: str) -> str:
    return str(SpendingEntry._meta.get_field(name).verbose_name).capitalize()


def _is_empty(value) -> bool:
    return value is None or value == "" or value == frozenset()


def _display(name: str, value: object, names: dict) -> str:
    if _is_empty(value):
        return "–"
    if name in FOREIGN_KEYS:
        obj = names[name].get(value)
        return str(obj.year if isinstance(obj, ReportingYear) else obj) if obj else f"(borttagen, id {value})"
    if name in AMOUNT_FIELDS:
        return formatting.format_kr(value)
    if name == "funding_source":
        return FundingSource(value).label if value in FundingSource.values else value
    if name == "municipalities":
        return ", ".join(sorted(str(names[name].get(pk, pk)) for pk in value))
    return str(value)


def state_of(entry: Model, municipality_ids: Iterable[int]) -> State:
    """The values a person edits, comparable across a stored entry and its history records:
    ids for references, Decimals for amounts, one kind of line break in texts."""
    state: State = {name: (getattr(entry, name) or "").replace("\r\n", "\n") for name in TEXT_FIELDS}
    state.update({name: getattr(entry, name) for name in [*AMOUNT_FIELDS, "funding_source"]})
    state.update({name: getattr(entry, f"{name}_id") for name in FOREIGN_KEYS})
    state["municipalities"] = frozenset(municipality_ids)
    return state


def version_state(entry_id: int, version: int) -> State | None:
    """The entry as it was at `version` (after that save's municipalities), from its history;
    None where the history does not hold that version."""
    record = (
        SpendingEntry.history.filter(id=entry_id, version=version)
        .order_by("history_date", "history_id")
        .last()
    )
    if record is None:
        return None
    m2m_model = apps.get_model("followup", "HistoricalSpendingEntry_municipalities")
    ids = m2m_model.objects.filter(history=record).values_list("municipality_id", flat=True)
    return state_of(record, ids)


def _names(states: list[State]) -> dict[str, dict]:
    """The rows the states refer to, one query per kind."""
    names: dict[str, dict] = {
        name: model.objects.in_bulk({state[name] for state in states if state[name] is not None})
        for name, model in FOREIGN_KEYS.items()
    }
    names["municipalities"] = Municipality.objects.in_bulk(
        set().union(*(s["municipalities"] for s in states))
    )
    return names


def describe(states: list[State]) -> list[dict[str, str]]:
    """Each state's values as people read them (names, kronor, "–" for nothing)."""
    names = _names(states)
    return [{name: _display(name, state[name], names) for name in FIELD_ORDER} for state in states]


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return "Okänd (system eller import)"
    return user.get_full_name() or user.get_username()


def entry_history(entry: SpendingEntry) -> list[HistoryEvent]:
    """The entry's events, newest first, in a fixed number of queries."""
    records = list(entry.history.select_related("history_user").order_by("history_date", "history_id"))
    m2m_model = apps.get_model("followup", "HistoricalSpendingEntry_municipalities")
    municipalities: dict[int, set[int]] = {record.history_id: set() for record in records}
    for history_id, municipality_id in m2m_model.objects.filter(history__in=list(municipalities)).values_list(
        "history_id", "municipality_id"
    ):
        municipalities[history_id].add(municipality_id)

    states = [state_of(record, municipalities[record.history_id]) for record in records]
    names = _names(states)

    events: list[HistoryEvent] = []
    before = dict.fromkeys(FIELD_ORDER)
    start = 0
    while start < len(records):
        end = start
        while (
            end + 1 < len(records)
            and records[end + 1].history_type == "~"
            and records[end + 1].version == records[end].version
            and records[end + 1].history_user_id == records[start].history_user_id
        ):
            end += 1
        after = states[end]
        first = records[start]
        if records[end].history_type == "-":
            changes = []
        else:
            changes = [
                FieldChange(
                    label(name), _display(name, before[name], names), _display(name, after[name], names)
                )
                for name in FIELD_ORDER
                if not (_is_empty(before[name]) and _is_empty(after[name])) and before[name] != after[name]
            ]
        if changes or first.history_type != "~":
            action = ACTIONS["-"] if records[end].history_type == "-" else ACTIONS[first.history_type]
            reason = next(
                (r.history_change_reason for r in records[start : end + 1] if r.history_change_reason), ""
            )
            events.append(HistoryEvent(first.history_date, _who(first), action, changes, reason or ""))
        before = after
        start = end + 1
    events.reverse()
    return events
