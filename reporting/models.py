"""The yearly reporting round: a round per reporting year, each actor's year in it with its
status, every change of status, and the reminders that were sent.

`followup.write_rule` reads `ActorYear` (lazily, inside its functions) to make a submitted
or approved actor-year read-only; nothing else in followup knows this app.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q

from followup.models import ReportingYear
from strategy.addresses import reverse_for
from strategy.models import Actor


class Status(models.TextChoices):
    NOT_STARTED = "ej_paborjad", "ej påbörjad"
    IN_PROGRESS = "pagar", "pågår"
    SUBMITTED = "inlamnad", "inlämnad"
    RETURNED = "atersand", "återsänd"
    APPROVED = "godkand", "godkänd"


# The actor's figures may not change in these (followup.write_rule asks).
LOCKED = (Status.SUBMITTED, Status.APPROVED)
# Stored until the actor submits; what is shown is derived from whether entries exist.
OPEN = (Status.NOT_STARTED, Status.IN_PROGRESS)


class ReportingRound(models.Model):
    """A reporting year's round, opened by a compiler with a deadline and instructions."""

    reporting_year = models.OneToOneField(
        ReportingYear, on_delete=models.PROTECT, related_name="round", verbose_name="uppföljningsår"
    )
    deadline = models.DateField("sista dag att lämna in")
    instructions = models.TextField("instruktioner till aktörerna", max_length=4000, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="öppnad av"
    )
    opened_at = models.DateTimeField("öppnad den", auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="stängd av",
    )
    closed_at = models.DateTimeField("stängd den", null=True, blank=True)
    # Short names of the actors whose years were not approved when a compiler closed the
    # year explicitly; empty when it closed because every actor's year was approved.
    not_approved_at_close = models.TextField("ej godkända när året stängdes", blank=True)
    close_comment = models.TextField("kommentar vid stängning", max_length=2000, blank=True)

    class Meta:
        verbose_name = "rapporteringsomgång"
        verbose_name_plural = "rapporteringsomgångar"
        ordering = ["reporting_year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True) | Q(closed_by__isnull=False),
                name="round_closed_by_someone",
                violation_error_message="En stängd omgång ska ange vem som stängde den.",
            )
        ]

    def __str__(self) -> str:
        return f"Rapportering {self.reporting_year.year}"

    def get_absolute_url(self) -> str:
        return reverse_for(self.reporting_year.strategy, "reporting:board", args=[self.reporting_year.year])

    @property
    def year(self) -> int:
        return self.reporting_year.year

    def days_left(self, today: date) -> int:
        return (self.deadline - today).days


class ActorYearQuerySet(models.QuerySet):
    def locked(self) -> "ActorYearQuerySet":
        return self.filter(status__in=LOCKED)

    def for_open_rounds(self) -> "ActorYearQuerySet":
        return self.filter(round__reporting_year__is_closed=False)


class ActorYear(models.Model):
    """One actor's year in a round, with its status (reporting.transitions changes it)."""

    round = models.ForeignKey(
        ReportingRound, on_delete=models.CASCADE, related_name="actor_years", verbose_name="omgång"
    )
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="+", verbose_name="aktör")
    status = models.CharField("status", max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    changed_at = models.DateTimeField("senast ändrad", auto_now=True)

    objects = ActorYearQuerySet.as_manager()

    class Meta:
        verbose_name = "aktörens år"
        verbose_name_plural = "aktörernas år"
        ordering = ["round", "actor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "actor"],
                name="actor_year_unique",
                violation_error_message="Aktören har redan ett år i den här omgången.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="actor_year_status_known",
                violation_error_message="Okänd status för aktörens år.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor.short_name} {self.round.reporting_year.year}: {self.get_status_display()}"

    def get_absolute_url(self) -> str:
        year = self.round.reporting_year
        return reverse_for(year.strategy, "reporting:actor_year", args=[year.year, self.actor.slug])

    def shown_status(self, entry_count: int) -> str:
        """The status people see: before submitting, *pågår* once the year has entries."""
        if self.status in OPEN:
            return Status.IN_PROGRESS if entry_count else Status.NOT_STARTED
        return self.status

    @property
    def is_locked(self) -> bool:
        return self.status in LOCKED


class StatusChange(models.Model):
    """A change of an actor-year's status: who, when, from, to, and the comment."""

    actor_year = models.ForeignKey(
        ActorYear, on_delete=models.CASCADE, related_name="changes", verbose_name="aktörens år"
    )
    from_status = models.CharField("från", max_length=20, choices=Status.choices)
    to_status = models.CharField("till", max_length=20, choices=Status.choices)
    comment = models.TextField("kommentar", max_length=2000, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="av"
    )
    changed_at = models.DateTimeField("när", auto_now_add=True)

    class Meta:
        verbose_name = "statusändring"
        verbose_name_plural = "statusändringar"
        ordering = ["changed_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_status=models.F("to_status")),
                name="status_change_changes",
                violation_error_message="En statusändring ska ändra statusen.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Reminder(models.TextChoices):
    BEFORE_DEADLINE = "fore", "före sista dagen"
    AFTER_DEADLINE = "efter", "efter sista dagen"


class SentReminder(models.Model):
    """A reminder sent to an actor's developers; recorded so that it is never sent twice."""

    round = models.ForeignKey(
        ReportingRound, on_delete=models.CASCADE, related_name="reminders", verbose_name="omgång"
    )
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="+", verbose_name="aktör")
    kind = models.CharField("påminnelse", max_length=10, choices=Reminder.choices)
    recipients = models.TextField("mottagare", blank=True)
    sent_at = models.DateTimeField("skickad", auto_now_add=True)

    class Meta:
        verbose_name = "skickad påminnelse"
        verbose_name_plural = "skickade påminnelser"
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "actor", "kind"],
                name="reminder_sent_once",
                violation_error_message="Påminnelsen är redan skickad till aktören.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor.short_name} {self.round.reporting_year.year} ({self.get_kind_display()})"
