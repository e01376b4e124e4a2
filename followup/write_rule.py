"""The one rule that decides whether an actor's figures for a reporting year may change.

Every write path asks it: the entry forms, copy-from-last-year, the spreadsheet import and
its template, Django admin (including its history pages) and management commands. Pages
ask it too, through the same functions, to decide whether to offer a change at all.

Today an actor's figures may change while the year is open. The reporting round will
narrow it per actor (a submitted or approved actor-year is read-only); that change
belongs here and nowhere else.
"""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

if TYPE_CHECKING:
    from strategy.models import Actor

    from .models import ReportingYear

NOT_WRITABLE = "not_writable"


def refusal(actor: "Actor | None", reporting_year: "ReportingYear") -> str | None:
    """Why this actor's figures for this year may not change, in Swedish; None when they may."""
    if reporting_year.is_closed:
        return (
            f"Uppföljningsåret {reporting_year.year} är stängt och sammanställt. Ingenting har ändrats. "
            "Kontakta en administratör om året behöver öppnas igen."
        )
    return None


def is_writable(actor: "Actor | None", reporting_year: "ReportingYear") -> bool:
    return refusal(actor, reporting_year) is None


def ensure_writable(actor: "Actor | None", reporting_year: "ReportingYear") -> None:
    """Raise a ValidationError with the Swedish message users see when the figures may not change."""
    message = refusal(actor, reporting_year)
    if message is not None:
        raise ValidationError(message, code=NOT_WRITABLE)
