"""When an edit loses a race: a three-way merge of the entry's versions, field by field.

Three versions of the entry meet when a save is refused because someone else saved
first: the base (what the form was loaded with, read back from the history by the
version the form carries), theirs (what is stored now) and yours (what the form sent).

- A field only they changed takes their value, so that saving again does not undo it.
- A field only you changed keeps your value.
- A field you both changed, differently, keeps your value and shows theirs beside it:
  which one stands is your decision when you save again.

Without the base (a history that lacks the version, a tampered form) every field where
yours and theirs differ counts as changed by both.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from .history import FIELD_ORDER, TEXT_FIELDS, State, describe, label, state_of, version_state
from .models import SpendingEntry


@dataclass(frozen=True)
class TheirChange:
    """A field the other person changed: its value when your form was loaded, theirs, yours."""

    name: str
    label: str
    base: str | None  # None: not known (the history lacks the form's version)
    theirs: str
    yours: str
    # You changed it too, to something else: the form keeps your value.
    both: bool


@dataclass(frozen=True)
class Merge:
    take_theirs: list[str]
    changes: list[TheirChange]


def form_state(cleaned_data: dict[str, Any]) -> State:
    """What a valid entry form sent, in the terms of `history.state_of`."""
    state: State = {}
    for name in FIELD_ORDER:
        value = cleaned_data.get(name)
        if name == "municipalities":
            value = frozenset(municipality.pk for municipality in value or [])
        elif isinstance(value, Model):
            value = value.pk
        elif name in TEXT_FIELDS:
            value = (value or "").replace("\r\n", "\n")
        state[name] = value
    return state


def merge(*, version: int, current: SpendingEntry, yours: State) -> Merge:
    """Merge what the user sent (`yours`, from a form loaded at `version`) with `current`."""
    theirs = state_of(current, current.municipalities.values_list("pk", flat=True))
    base = version_state(current.pk, version)
    known_base = base is not None
    if base is None:
        base = yours
    shown_base, shown_theirs, shown_yours = describe([base, theirs, yours])
    take_theirs, changes = [], []
    for name in FIELD_ORDER:
        they_changed = theirs[name] != base[name] if known_base else theirs[name] != yours[name]
        if not they_changed:
            continue
        you_changed = yours[name] != base[name] if known_base else True
        if not you_changed:
            take_theirs.append(name)
        changes.append(
            TheirChange(
                name=name,
                label=label(name),
                base=shown_base[name] if known_base else None,
                theirs=shown_theirs[name],
                yours=shown_yours[name],
                both=you_changed and yours[name] != theirs[name],
            )
        )
    return Merge(take_theirs=take_theirs, changes=changes)
