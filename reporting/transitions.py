"""The reporting round's state machine: every change of an actor-year's status, in one place.

    ej påbörjad / pågår --submit--> inlämnad --approve--> godkänd --reopen--> pågår
    återsänd ----------submit-----^   \\--return--> återsänd

- submit: a regional developer of the actor, while the year is open;
- return (comment required), approve, reopen (comment required): a compiler (or an
  administrator), see `strategy.roles.can_run_round`.

Every change runs in one transaction that locks the reporting year row first, as every
write of entries does (`followup.entries`, the import), then the actor-year row: a
submit waits for an edit that holds the year, and an edit that comes after the submit
finds the actor-year submitted and is refused. Every change is recorded as a
StatusChange; the mails go out when the transaction has committed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from followup.models import ReportingYear, SpendingEntry
from followup.years import close_years
from strategy import roles
from strategy.models import Actor

from . import mail
from .models import ActorYear, ReportingRound, StatusChange
from .models import Status as S

COMMENT_MAX = 2000


class TransitionRefused(Exception):
    """The change is not allowed; the message is the Swedish sentence shown to the user."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    may: Callable[[AbstractBaseUser, ActorYear], bool]
    comment_required: bool = False


def _developer_of_actor(user: AbstractBaseUser, actor_year: ActorYear) -> bool:
    return roles.develops_for(user, actor_year.actor)


def _compiler(user: AbstractBaseUser, actor_year: ActorYear) -> bool:
    return roles.can_run_round(user)


SUBMIT = Transition(
    "submit", "Lämna in", (S.NOT_STARTED, S.IN_PROGRESS, S.RETURNED), S.SUBMITTED, _developer_of_actor
)
RETURN = Transition("return", "Skicka tillbaka", (S.SUBMITTED,), S.RETURNED, _compiler, comment_required=True)
APPROVE = Transition("approve", "Godkänn", (S.SUBMITTED,), S.APPROVED, _compiler)
REOPEN = Transition("reopen", "Öppna igen", (S.APPROVED,), S.IN_PROGRESS, _compiler, comment_required=True)
TRANSITIONS = {transition.name: transition for transition in (SUBMIT, RETURN, APPROVE, REOPEN)}
# The compiler's actions on an actor-year's page, in the order they are offered.
REVIEW_ACTIONS = (APPROVE, RETURN, REOPEN)

NO_ENTRIES_CONFIRMATION = "Året har inga insatser: kryssa i ”Vi har inga insatser detta år”."


def refusal(user: AbstractBaseUser, actor_year: ActorYear, transition: Transition) -> str | None:
    """Why this user may not make this change now, in Swedish; None when they may."""
    year = actor_year.round.reporting_year
    if year.is_closed:
        return f"Uppföljningsåret {year.year} är stängt. Ingenting har ändrats."
    if not transition.may(user, actor_year):
        return "Ditt konto får inte göra den ändringen. Ingenting har ändrats."
    if actor_year.status not in transition.sources:
        return (
            f"Det går inte att {transition.label.lower()} när året är {actor_year.get_status_display()}. "
            "Ingenting har ändrats."
        )
    return None


def allowed(user: AbstractBaseUser, actor_year: ActorYear) -> list[Transition]:
    """The changes this user may make now; pages offer these and no others."""
    return [
        transition for transition in TRANSITIONS.values() if refusal(user, actor_year, transition) is None
    ]


def _lock_year(reporting_year_id: int) -> ReportingYear:
    return ReportingYear.objects.select_for_update().get(pk=reporting_year_id)


def change_status(
    actor_year: ActorYear,
    transition: Transition,
    *,
    user: AbstractBaseUser,
    comment: str = "",
    no_entries_confirmed: bool = False,
    base_url: str = "",
) -> ActorYear:
    """Make the change, record it and send its mail, all or nothing.

    Raises TransitionRefused with the Swedish reason when the change is not allowed.
    Approving the last actor's year closes the reporting year.
    """
    comment = comment.strip()
    if transition.comment_required and not comment:
        raise TransitionRefused("Skriv en kommentar som säger varför. Ingenting har ändrats.")
    if len(comment) > COMMENT_MAX:
        raise TransitionRefused(f"Kommentaren får vara högst {COMMENT_MAX} tecken. Ingenting har ändrats.")
    with transaction.atomic():
        year = _lock_year(actor_year.round.reporting_year_id)
        current = ActorYear.objects.select_for_update().select_related("actor", "round").get(pk=actor_year.pk)
        current.round.reporting_year = year
        if reason := refusal(user, current, transition):
            raise TransitionRefused(reason)
        entries = SpendingEntry.objects.filter(reporting_year=year, actor=current.actor)
        if transition is SUBMIT and not no_entries_confirmed and not entries.exists():
            raise TransitionRefused(NO_ENTRIES_CONFIRMATION + " Ingenting har ändrats.")
        StatusChange.objects.create(
            actor_year=current,
            from_status=current.status,
            to_status=transition.target,
            comment=comment,
            changed_by=user,
        )
        current.status = transition.target
        current.save(update_fields=["status", "changed_at"])
        if transition is APPROVE and not current.round.actor_years.exclude(status=S.APPROVED).exists():
            _close(current.round, user=user, comment="Alla aktörers år är godkända.")
        transaction.on_commit(
            lambda: mail.status_changed(current, transition.name, comment, base_url=base_url)
        )
    return current


@transaction.atomic
def open_round(
    reporting_year: ReportingYear, *, user: AbstractBaseUser, deadline: date, instructions: str
) -> ReportingRound:
    """Open the year's round with a year for every actor. Raises TransitionRefused."""
    year = _lock_year(reporting_year.pk)
    if not roles.can_run_round(user):
        raise TransitionRefused("Ditt konto får inte öppna rapporteringen. Ingenting har ändrats.")
    if year.is_closed:
        raise TransitionRefused(f"Uppföljningsåret {year.year} är stängt. Ingenting har ändrats.")
    if ReportingRound.objects.filter(reporting_year=year).exists():
        raise TransitionRefused(f"Rapporteringen för {year.year} är redan öppnad. Ingenting har ändrats.")
    round_ = ReportingRound.objects.create(
        reporting_year=year, deadline=deadline, instructions=instructions.strip(), opened_by=user
    )
    ActorYear.objects.bulk_create(ActorYear(round=round_, actor=actor) for actor in Actor.objects.all())
    return round_


def _close(round_: ReportingRound, *, user: AbstractBaseUser, comment: str) -> None:
    not_approved = round_.actor_years.exclude(status=S.APPROVED).select_related("actor")
    round_.not_approved_at_close = ", ".join(actor_year.actor.short_name for actor_year in not_approved)
    round_.closed_by, round_.closed_at, round_.close_comment = user, timezone.now(), comment
    round_.save(update_fields=["not_approved_at_close", "closed_by", "closed_at", "close_comment"])
    close_years(ReportingYear.objects.filter(pk=round_.reporting_year_id), user=user)


@transaction.atomic
def close_round(round_: ReportingRound, *, user: AbstractBaseUser, comment: str = "") -> ReportingRound:
    """Close the year explicitly, recording which actors were not approved. Raises TransitionRefused."""
    year = _lock_year(round_.reporting_year_id)
    if not roles.can_run_round(user):
        raise TransitionRefused("Ditt konto får inte stänga året. Ingenting har ändrats.")
    if year.is_closed:
        raise TransitionRefused(f"Uppföljningsåret {year.year} är redan stängt. Ingenting har ändrats.")
    if len(comment) > COMMENT_MAX:
        raise TransitionRefused(f"Kommentaren får vara högst {COMMENT_MAX} tecken. Ingenting har ändrats.")
    current = ReportingRound.objects.get(pk=round_.pk)
    _close(current, user=user, comment=comment.strip())
    return current
