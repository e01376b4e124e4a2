"""The one rule that decides whether an actor's figures for a reporting year may change.

Every write path asks it: the entry forms, copy-from-last-year, the spreadsheet import and
its template, Django admin (including its history pages) and the write services in
`followup.entries`. Pages ask it too, through the same functions, to decide whether to
offer a change at all, and lists ask it as a filter (`writable_entries`, `open_years`).

An actor's figures may change while the year is open, has begun (a strategy that has
not started takes no entries until its first reporting year has come), and the actor's
year in the reporting round (`reporting.models.ActorYear`) is not submitted or approved.
The reporting app sits above followup; this module reads its ActorYear through an import
inside the functions (the one exception to the layering, see docs/architecture.md), so
that the rule stays in one place. Callers lock the reporting year row first
(`followup.entries`, the import, `reporting.transitions`), so a submit and an edit of
the same actor-year are never interleaved.

`actor=None` asks about the year as a whole: may anyone's figures still change?
"""

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

if TYPE_CHECKING:
    from strategy.models import Actor

    from .models import ReportingYear

NOT_WRITABLE = "not_writable"


def genitive(name: str) -> str:
    """Swedish genitive of a name: "GR:s", "Fyrbodals", "Skaraborgs"."""
    if name.endswith(("s", "x", "z")):
        return name
    return f"{name}:s" if name[-1].isupper() else f"{name}s"


def _locked_actor_years():
    from reporting.models import ActorYear

    return ActorYear.objects.locked()


def _actor_year_reason(actor: "Actor", reporting_year: "ReportingYear") -> str | None:
    status = (
        _locked_actor_years()
        .filter(round__reporting_year_id=reporting_year.pk, actor_id=actor.pk)
        .values_list("status", flat=True)
        .first()
    )
    if status is None:
        return None
    done = "godkänt" if status == "godkand" else "inlämnat"
    return f"{genitive(actor.short_name)} år {reporting_year.year} är {done} och kan inte ändras."


def lock_reason(actor: "Actor | None", reporting_year: "ReportingYear") -> str | None:
    """Why the figures are read-only, as one Swedish sentence for pages; None when they may change."""
    if reporting_year.is_closed:
        return f"Uppföljningsåret {reporting_year.year} är stängt och sammanställt."
    if reporting_year.year > _this_year():
        return f"Uppföljningsåret {reporting_year.year} har inte börjat än."
    if actor is not None:
        return _actor_year_reason(actor, reporting_year)
    return None


def refusal(actor: "Actor | None", reporting_year: "ReportingYear") -> str | None:
    """Why a change was refused, in Swedish; None when the figures may change."""
    reason = lock_reason(actor, reporting_year)
    if reason is None:
        return None
    if reporting_year.is_closed:
        return f"{reason} Ingenting har ändrats. Kontakta en administratör om året behöver öppnas igen."
    return f"{reason} Ingenting har ändrats. Kontakta en sammanställare om året behöver lämnas tillbaka."


def is_writable(actor: "Actor | None", reporting_year: "ReportingYear") -> bool:
    return lock_reason(actor, reporting_year) is None


def ensure_writable(actor: "Actor | None", reporting_year: "ReportingYear") -> None:
    """Raise a ValidationError with the Swedish message users see when the figures may not change."""
    message = refusal(actor, reporting_year)
    if message is not None:
        raise ValidationError(message, code=NOT_WRITABLE)


def writable_entries() -> Q:
    """The rule as a filter on spending entries: those whose figures may change."""
    locked = _locked_actor_years().filter(
        round__reporting_year_id=OuterRef("reporting_year_id"), actor_id=OuterRef("actor_id")
    )
    return Q(reporting_year__is_closed=False, reporting_year__year__lte=_this_year()) & ~Q(Exists(locked))


def open_years() -> Q:
    """The rule as a filter on reporting years: those in which some actor's figures may change."""
    return Q(is_closed=False, year__lte=_this_year())


def _this_year() -> int:
    return timezone.localdate().year
