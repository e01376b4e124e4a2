"""Reporting years: which exist for a strategy, which is the one being followed up, closing."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from strategy.models import Strategy

from . import write_rule
from .models import ReportingYear, ReportingYearQuerySet


def ensure_reporting_years(strategy: Strategy) -> int:
    """Create the missing reporting years of a strategy's period. Returns how many were made.

    Years outside the period are left alone: they may hold entries, which must not vanish
    because someone shortened a strategy.
    """
    existing = set(strategy.reporting_years.values_list("year", flat=True))
    missing = [ReportingYear(strategy=strategy, year=year) for year in strategy.years if year not in existing]
    ReportingYear.objects.bulk_create(missing)
    return len(missing)


def default_year(years: list[ReportingYear], *, this_year: int | None = None) -> ReportingYear | None:
    """The year being reported on now: the latest open one that has begun (a strategy's
    later years exist, open, from the start), else the earliest open one, else the last.

    The entry list, the new-entry form and the copy page open on it.
    """
    this_year = timezone.localdate().year if this_year is None else this_year
    begun = [year for year in years if year.year <= this_year and write_rule.is_writable(None, year)]
    if begun:
        return max(begun, key=lambda year: year.year)
    # A strategy that has not started: its first year, which takes entries once it has come.
    upcoming = [year for year in years if year.year > this_year and not year.is_closed]
    if upcoming:
        return min(upcoming, key=lambda year: year.year)
    return max(years, key=lambda year: year.year) if years else None


CLOSED = "Året stängdes"
REOPENED = "Året öppnades igen"


@dataclass(frozen=True)
class StatusChange:
    """A closing or reopening of a year: what, when and by whom, from the year's history."""

    action: str
    when: datetime
    who: str


def _set_status(year: ReportingYear, *, closed: bool, user: AbstractBaseUser) -> None:
    year.is_closed = closed
    year.closed_at = timezone.now() if closed else None
    year.closed_by = user if closed else None
    # One save per year (a strategy has a handful) so that the year's history records who did it.
    year._history_user = user
    year._change_reason = CLOSED if closed else REOPENED
    year.save(update_fields=["is_closed", "closed_at", "closed_by"])


@transaction.atomic
def close_years(years: ReportingYearQuerySet, *, user: AbstractBaseUser) -> int:
    # The row locks make a developer's save that already holds a year's lock finish first,
    # and a save that comes after see the year closed (see followup.entries).
    ids = list(years.select_for_update().filter(is_closed=False).values_list("pk", flat=True))
    for year in ReportingYear.objects.filter(pk__in=ids):
        _set_status(year, closed=True, user=user)
    return len(ids)


@transaction.atomic
def reopen_years(years: ReportingYearQuerySet, *, user: AbstractBaseUser) -> int:
    ids = list(years.select_for_update().filter(is_closed=True).values_list("pk", flat=True))
    for year in ReportingYear.objects.filter(pk__in=ids):
        _set_status(year, closed=False, user=user)
    return len(ids)


def last_status_change(year: ReportingYear) -> StatusChange | None:
    """The latest closing or reopening of the year, None if it was never closed."""
    records = year.history.select_related("history_user").order_by("history_date", "history_id")
    last, was_closed = None, False
    for record in records:
        if record.is_closed != was_closed:
            user = record.history_user
            who = (user.get_full_name() or user.get_username()) if user else "okänd"
            last = StatusChange(CLOSED if record.is_closed else REOPENED, record.history_date, who)
        was_closed = record.is_closed
    return last
