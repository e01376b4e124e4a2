"""Reporting years: which exist for a strategy, which is the one being followed up, closing."""

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


def default_year(years: list[ReportingYear]) -> ReportingYear | None:
    """The year being followed up: the earliest open one (years are closed in order), else the last."""
    open_years = [year for year in years if write_rule.is_writable(None, year)]
    if open_years:
        return open_years[0]
    return years[-1] if years else None


@transaction.atomic
def close_years(years: ReportingYearQuerySet, *, user: AbstractBaseUser) -> int:
    # The row locks make a developer's save that already holds a year's lock finish first,
    # and a save that comes after see the year closed (see followup.entries).
    ids = list(years.select_for_update().filter(is_closed=False).values_list("pk", flat=True))
    return ReportingYear.objects.filter(pk__in=ids).update(
        is_closed=True, closed_at=timezone.now(), closed_by=user
    )


@transaction.atomic
def reopen_years(years: ReportingYearQuerySet) -> int:
    ids = list(years.select_for_update().filter(is_closed=True).values_list("pk", flat=True))
    return ReportingYear.objects.filter(pk__in=ids).update(is_closed=False, closed_at=None, closed_by=None)
