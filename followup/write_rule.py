"""The one rule that decides whether an actor's figures for a reporting year may change.

Every write path asks it: the entry forms, copy-from-last-year, the spreadsheet import and
its template, Django admin (including its history pages) and the write services in
`followup.entries`. Pages ask it too, through the same functions, to decide whether to
offer a change at all, and lists ask it as a filter (`writable_entries`, `open_years`).

Today an actor's figures may change while the year is open and has begun (a strategy that
has not started takes no entries until its first reporting year has come). The reporting round will
narrow it per actor (a submitted or approved actor-year is read-only); that change
belongs here and nowhere else: the sentence, the filters and the checks below.

`actor=None` asks about the year as a whole: may anyone's figures still change?
"""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

if TYPE_CHECKING:
    from strategy.models import Actor

    from .models import ReportingYear

NOT_WRITABLE = "not_writable"


def lock_reason(actor: "Actor | None", reporting_year: "ReportingYear") -> str | None:
    """Why the figures are read-only, as one Swedish sentence for pages; None when they may change."""
    if reporting_year.is_closed:
        return f"Uppföljningsåret {reporting_year.year} är stängt och sammanställt."
    if reporting_year.year > _this_year():
        return f"Uppföljningsåret {reporting_year.year} har inte börjat än."
    return None


def refusal(actor: "Actor | None", reporting_year: "ReportingYear") -> str | None:
    """Why a change was refused, in Swedish; None when the figures may change."""
    reason = lock_reason(actor, reporting_year)
    if reason is None:
        return None
    return f"{reason} Ingenting har ändrats. Kontakta en administratör om året behöver öppnas igen."


def is_writable(actor: "Actor | None", reporting_year: "ReportingYear") -> bool:
    return lock_reason(actor, reporting_year) is None


def ensure_writable(actor: "Actor | None", reporting_year: "ReportingYear") -> None:
    """Raise a ValidationError with the Swedish message users see when the figures may not change."""
    message = refusal(actor, reporting_year)
    if message is not None:
        raise ValidationError(message, code=NOT_WRITABLE)


def writable_entries() -> Q:
    """The rule as a filter on spending entries: those whose figures may change."""
    return Q(reporting_year__is_closed=False, reporting_year__year__lte=_this_year())


def open_years() -> Q:
    """The rule as a filter on reporting years: those in which some actor's figures may change."""
    return Q(is_closed=False, year__lte=_this_year())


def _this_year() -> int:
    return timezone.localdate().year
