"""Writing spending entries safely, and the totals shown beside them.

Every write locks the reporting year's row first and checks that the year is open, so
that an administrator closing a year and a developer saving an entry never interleave.
Edits also lock the entry and compare versions, so a form loaded before someone else's
save cannot overwrite it (optimistic locking).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Count, F, Sum

from .forms import EntryForm
from .models import ReportingYear, SpendingEntry, SpendingEntryQuerySet


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


def _lock_open_year(year_id: int) -> ReportingYear:
    year = ReportingYear.objects.select_for_update().get(pk=year_id)
    year.ensure_open()
    return year


@transaction.atomic
def save_entry(
    form: EntryForm, *, user: AbstractBaseUser, expected_version: int | None = None
) -> SpendingEntry:
    """Save a valid entry form. Raises ValidationError for a closed year, StaleEntryError on a lost race."""
    entry = form.save(commit=False)
    _lock_open_year(entry.reporting_year_id)
    if entry.pk:
        current = SpendingEntry.objects.select_for_update().get(pk=entry.pk)
        if current.version != expected_version:
            raise StaleEntryError(current)
        if current.reporting_year_id != entry.reporting_year_id:
            _lock_open_year(current.reporting_year_id)
        entry.version = current.version + 1
    else:
        entry.created_by = user
    entry.updated_by = user
    entry.save()
    form.save_m2m()
    return entry


@transaction.atomic
def delete_entry(entry: SpendingEntry) -> None:
    """Delete an entry of an open year. Raises ValidationError for a closed year."""
    _lock_open_year(entry.reporting_year_id)
    SpendingEntry.objects.select_for_update().get(pk=entry.pk).delete()


@transaction.atomic
def copy_entries(
    sources: Iterable[SpendingEntry], *, to_year: ReportingYear, user: AbstractBaseUser
) -> list[SpendingEntry]:
    """Copy entries into an open year as a starting point, all or nothing.

    A focus area that no longer applies in the new year is left out of the copy rather
    than refusing it; the developer chooses a new one when editing.
    """
    year = _lock_open_year(to_year.pk)
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
