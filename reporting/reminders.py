"""Reminders to the developers of actors that have not submitted: once a set number of days
before the deadline, once after it. What was sent is recorded (SentReminder, unique per
round, actor and kind), so running the command again sends nothing twice."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction

from . import mail
from .models import ActorYear, Reminder, ReportingRound, SentReminder
from .models import Status as S

NOT_SUBMITTED = (S.NOT_STARTED, S.IN_PROGRESS, S.RETURNED)


@dataclass(frozen=True)
class Sent:
    year: int
    actor: str
    kind: str
    recipients: int


def due_kind(round_: ReportingRound, today: date, days_before: int) -> str | None:
    if today > round_.deadline:
        return Reminder.AFTER_DEADLINE
    if today >= round_.deadline - timedelta(days=days_before):
        return Reminder.BEFORE_DEADLINE
    return None


def send_due(today: date, *, days_before: int) -> list[Sent]:
    """Send every reminder due today that was not sent before; returns what was sent."""
    sent: list[Sent] = []
    rounds = ReportingRound.objects.filter(reporting_year__is_closed=False).select_related("reporting_year")
    for round_ in rounds:
        kind = due_kind(round_, today, days_before)
        if kind is None:
            continue
        waiting = (
            ActorYear.objects.filter(round=round_, status__in=NOT_SUBMITTED)
            .exclude(actor__in=SentReminder.objects.filter(round=round_, kind=kind).values("actor"))
            .select_related("actor")
        )
        for actor_year in waiting:
            try:
                # The record first, in the same transaction as the mail: a second run that
                # overlaps this one fails on the unique key instead of mailing again.
                with transaction.atomic():
                    record = SentReminder.objects.create(round=round_, actor=actor_year.actor, kind=kind)
                    recipients = mail.reminder(
                        round_, actor_year.actor, overdue=kind == Reminder.AFTER_DEADLINE
                    )
                    record.recipients = ", ".join(recipients)
                    record.save(update_fields=["recipients"])
            except IntegrityError:
                continue
            sent.append(Sent(round_.reporting_year.year, actor_year.actor.short_name, kind, len(recipients)))
    return sent
