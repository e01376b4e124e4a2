"""Writing spending entries safely, and the totals shown beside them.

The entry pages, copy-from-last-year and admin write through here. Every write locks the
reporting year rows first and asks the write rule (`followup.write_rule`), so that an
administrator closing a year and a developer saving an entry never interleave. Edits
also lock the entry and compare versions, so a form loaded before someone else's save
cannot overwrite it (optimistic locking).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, F, Sum

from strategy.models import Municipality

from . import write_rule
from .models import ReportingYear, SpendingEntry, SpendingEntryQuerySet

ENTRY_GONE = "Insatsen finns inte längre: den är redan borttagen. Ingenting har ändrats."


class EntryGoneError(Exception):
    """The entry was deleted (by someone else, or by this user's own first click) before the write."""


class StaleEntryError(Exception):
    """Someone saved the entry after this form was loaded; `current` is what they saved."""

    def __init__(self, current: SpendingEntry) -> None:
        super().__init__(f"Entry {current.pk} is at version {current.version}")
        self.current = current


@dataclass(frozen=True)
class TotalRow:
    number: int | None
    name: str
    count: int
    total: Decimal


@dataclass(frozen=True)
class EntryTotals:
    by_goal_area: list[TotalRow]
    by_focus_area: list[TotalRow]
    count: int
    total: Decimal


def entry_totals(entries: SpendingEntryQuerySet) -> EntryTotals:
    """Sums per goal area and per focus area, each one grouped query."""
    by_goal = (
        entries.order_by()
        .values("goal_area__number", "goal_area__name")
        .annotate(count=Count("pk"), total=Sum("amount"))
        .order_by("goal_area__number")
    )
    by_focus = (
        entries.order_by()
        .values("focus_area__number", "focus_area__name")
        .annotate(count=Count("pk"), total=Sum("amount"))
        .order_by(F("focus_area__number").asc(nulls_last=True))
    )
    goal_rows = [
        TotalRow(row["goal_area__number"], row["goal_area__name"], row["count"], row["total"])
        for row in by_goal
    ]
    focus_rows = [
        TotalRow(
            row["focus_area__number"],
            row["focus_area__name"] or "Inget kraftsamlingsområde",
            row["count"],
            row["total"],
        )
        for row in by_focus
    ]
    return EntryTotals(
        by_goal_area=goal_rows,
        by_focus_area=focus_rows,
        count=sum(row.count for row in goal_rows),
        total=sum((row.total for row in goal_rows), Decimal("0.00")),
    )


def _lock_years(ids: set[int]) -> dict[int, ReportingYear]:
    # In id order, so that two saves moving entries between the same two years in
    # opposite directions cannot deadlock.
    years = ReportingYear.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    return {year.pk: year for year in years}


def _lock_stored(
    pk: int, *, new_year_id: int | None = None
) -> tuple[SpendingEntry, dict[int, ReportingYear]]:
    """Lock the entry's stored year and the year it moves to, then the entry itself.

    Years before entries, as the import and the closing of years lock them. Raises
    EntryGoneError when the entry is not there (any more) once its year is locked.
    """
    stored_year_id = SpendingEntry.objects.filter(pk=pk).values_list("reporting_year_id", flat=True).first()
    years = _lock_years({stored_year_id, new_year_id} - {None})
    current = (
        SpendingEntry.objects.select_for_update(of=("self",)).select_related("actor").filter(pk=pk).first()
    )
    if current is None:
        raise EntryGoneError(pk)
    if current.reporting_year_id not in years:
        # Moved by someone else between the read and the lock: lock its year too.
        years |= _lock_years({current.reporting_year_id})
    return current, years


def save_new_version(entry: SpendingEntry, *, user: AbstractBaseUser, stored_version: int) -> None:
    """Write a change to a stored, locked entry: the one place its version moves on.

    A form, an import or admin that later posts `stored_version` has lost a race.
    """
    entry.version = stored_version + 1
    entry.updated_by = user
    entry.save()


@transaction.atomic
def save_entry(
    entry: SpendingEntry,
    *,
    municipalities: Iterable[Municipality],
    user: AbstractBaseUser,
    expected_version: int | None,
) -> SpendingEntry:
    """Create or change an entry and set its municipalities, all or nothing.

    Locks the years involved, asks the write rule for the stored actor and year and for
    the new ones, and for a change compares `expected_version`, the version the user's
    form was loaded at (None for a new entry, or where the caller changes the entry as
    stored: admin, whose forms have never carried a version). Raises ValidationError
    when the rule refuses, StaleEntryError on a lost race.
    """
    if entry.pk is None:
        year = _lock_years({entry.reporting_year_id})[entry.reporting_year_id]
        write_rule.ensure_writable(entry.actor, year)
        entry.created_by = entry.updated_by = user
        entry.save()
    else:
        current, years = _lock_stored(entry.pk, new_year_id=entry.reporting_year_id)
        write_rule.ensure_writable(current.actor, years[current.reporting_year_id])
        write_rule.ensure_writable(entry.actor, years[entry.reporting_year_id])
        if expected_version is not None and current.version != expected_version:
            raise StaleEntryError(current)
        save_new_version(entry, user=user, stored_version=current.version)
    entry.municipalities.set(municipalities)
    return entry


@transaction.atomic
def delete_entry(entry: SpendingEntry) -> None:
    """Delete an entry where the write rule allows it. Raises ValidationError where it does
    not, EntryGoneError when it was deleted already."""
    current, years = _lock_stored(entry.pk)
    write_rule.ensure_writable(current.actor, years[current.reporting_year_id])
    current.delete()


@transaction.atomic
def copy_entries(
    sources: Iterable[SpendingEntry], *, to_year: ReportingYear, user: AbstractBaseUser
) -> list[SpendingEntry]:
    """Copy entries into an open year as a starting point, all or nothing.

    A focus area that no longer applies in the new year is left out of the copy rather
    than refusing it; the developer chooses a new one when editing.
    """
    year = _lock_years({to_year.pk})[to_year.pk]
    sources = list(sources)
    for actor in {source.actor for source in sources}:
        write_rule.ensure_writable(actor, year)
    copies = []
    for source in sources:
        copy = SpendingEntry(
            actor_id=source.actor_id,
            reporting_year=year,
            title=source.title,
            description=source.description,
            case_number=source.case_number,
            project_owner=source.project_owner,
            goal_area_id=source.goal_area_id,
            priority_id=source.priority_id,
            focus_area=source.focus_area
            if source.focus_area and source.focus_area.applies_in(year.year)
            else None,
            amount=source.amount,
            funding_source=source.funding_source,
            total_project_size=source.total_project_size,
            created_by=user,
            updated_by=user,
        )
        copy.full_clean()
        copy.save()
        copy.municipalities.set(source.municipalities.all())
        copies.append(copy)
    return copies
