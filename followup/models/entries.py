"""The entries (insatser): what each actor spent, per initiative, per year."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from strategy import roles
from strategy.addresses import reverse_for
from strategy.models import (
    Actor,
    FocusArea,
    GoalArea,
    Municipality,
    Priority,
    Strategy,
    length_at_most,
    length_hint,
    length_message,
    limited_text,
)

from .. import write_rule
from .imports import ImportBatch
from .years import ReportingYear

# No single initiative in a region's follow-up comes near ten billion kronor; a larger
# figure is a typing error (an extra zero, öre typed as kronor), so it is refused.
MAX_AMOUNT = Decimal("10000000000.00")
# Free texts: what a decision's title, case number and owner need, and a description of a
# few paragraphs. Stated on the forms, enforced by the form, the model and the database.
TITLE_MAX = 200
CASE_NUMBER_MAX = 50
PROJECT_OWNER_MAX = 200
DESCRIPTION_MAX = 4000


class FundingSource(models.TextChoices):
    REGIONAL_DEVELOPMENT_BOARD = "run", "Regionutvecklingsnämnden"
    CULTURE_BOARD = "kn", "Kulturnämnden"
    ENVIRONMENT_BOARD = "mn", "Miljönämnden"
    MUNICIPAL_COFINANCING = "kommunal", "Kommunal medfinansiering"
    EU_FUNDS = "eu", "EU-medel"
    STATE_FUNDS = "statlig", "Statliga medel"
    OTHER = "ovrigt", "Övrigt"


class SpendingEntryQuerySet(models.QuerySet):
    def for_strategy(self, strategy: Strategy) -> "SpendingEntryQuerySet":
        return self.filter(reporting_year__strategy=strategy)

    def for_year(self, year: int) -> "SpendingEntryQuerySet":
        return self.filter(reporting_year__year=year)

    def visible_to(self, user: roles.User) -> "SpendingEntryQuerySet":
        """Entries this user may read one by one: all for BHU and staff, own actors' otherwise."""
        if roles.can_read_all(user):
            return self
        return self.filter(actor__in=roles.editable_actors(user))

    def writable(self) -> "SpendingEntryQuerySet":
        """Entries whose figures may change, by the write rule, whoever asks."""
        return self.filter(write_rule.writable_entries())

    def locked(self) -> "SpendingEntryQuerySet":
        """Entries whose figures may not change: nothing may alter them, not even a deletion elsewhere."""
        return self.exclude(write_rule.writable_entries())

    def editable_by(self, user: roles.User) -> "SpendingEntryQuerySet":
        """Entries this user may change: own actors', where the write rule allows it."""
        return self.filter(actor__in=roles.editable_actors(user)).writable()


class SpendingEntry(models.Model):
    """A spending entry (insats): money an actor granted in a year towards a goal area."""

    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="entries", verbose_name="aktör")
    reporting_year = models.ForeignKey(
        ReportingYear, on_delete=models.PROTECT, related_name="entries", verbose_name="år"
    )
    title = models.CharField(
        "rubrik",
        max_length=TITLE_MAX,
        help_text=length_hint(TITLE_MAX),
        error_messages={"max_length": length_message(TITLE_MAX)},
    )
    description = models.TextField("beskrivning", blank=True, **limited_text(DESCRIPTION_MAX))
    case_number = models.CharField(
        "diarienummer",
        max_length=CASE_NUMBER_MAX,
        blank=True,
        help_text=f"Till exempel RUN 612-0195-14. {length_hint(CASE_NUMBER_MAX)}",
        error_messages={"max_length": length_message(CASE_NUMBER_MAX)},
    )
    project_owner = models.CharField(
        "projektägare",
        max_length=PROJECT_OWNER_MAX,
        help_text=length_hint(PROJECT_OWNER_MAX),
        error_messages={"max_length": length_message(PROJECT_OWNER_MAX)},
    )
    goal_area = models.ForeignKey(
        GoalArea, on_delete=models.PROTECT, related_name="entries", verbose_name="målområde"
    )
    priority = models.ForeignKey(
        Priority,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name="prioritering",
        null=True,
        blank=True,
    )
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name="kraftsamlingsområde",
        null=True,
        blank=True,
    )
    amount = models.DecimalField(
        "beviljat belopp (kr)",
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_AMOUNT)],
    )
    funding_source = models.CharField("finansieringskälla", max_length=20, choices=FundingSource.choices)
    total_project_size = models.DecimalField(
        "beräknad total projektomslutning (kr)",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_AMOUNT)],
    )
    municipalities = models.ManyToManyField(
        Municipality, related_name="entries", verbose_name="berörda kommuner", blank=True
    )
    created_at = models.DateTimeField("skapad", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="skapad av",
    )
    updated_at = models.DateTimeField("senast ändrad", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="senast ändrad av",
    )
    last_import = models.ForeignKey(
        ImportBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entries",
        verbose_name="senaste import",
    )
    # Raised by one on every save; a form that posts an older version lost a race.
    version = models.PositiveIntegerField("version", default=1)

    objects = SpendingEntryQuerySet.as_manager()
    history = HistoricalRecords(
        m2m_fields=[municipalities],
        excluded_fields=["updated_at"],
        verbose_name="historik för insats",
        verbose_name_plural="historik för insatser",
    )

    class Meta:
        verbose_name = "insats"
        verbose_name_plural = "insatser"
        ordering = ["reporting_year__year", "actor__name", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0) & Q(amount__lte=MAX_AMOUNT),
                name="entry_amount_in_range",
            ),
            models.CheckConstraint(
                condition=Q(total_project_size__isnull=True)
                | (Q(total_project_size__gte=F("amount")) & Q(total_project_size__lte=MAX_AMOUNT)),
                name="entry_total_not_below_amount",
            ),
            models.CheckConstraint(
                condition=Q(funding_source__in=FundingSource.values),
                name="entry_funding_source_known",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="entry_title_not_empty"),
            length_at_most("description", DESCRIPTION_MAX, name="entry_description_length"),
        ]
        indexes = [
            # The lists read a year and actor in title order a page at a time (followup/listing.py),
            # and the import looks up its new rows' titles here.
            models.Index(
                fields=["reporting_year", "actor", "title", "id"], name="entry_year_actor_title_idx"
            ),
            # The drill-down sorted by amount, from either end; the year and actor included so
            # that skipping to a page filters by them in the index alone (PostgreSQL).
            models.Index(
                fields=["amount", "id"], include=["reporting_year", "actor"], name="entry_amount_idx"
            ),
            models.Index(fields=["reporting_year", "goal_area"], name="entry_year_goal_idx"),
            models.Index(fields=["reporting_year", "focus_area"], name="entry_year_focus_idx"),
            # The reports filter and group by priority and by funding source within the years too.
            models.Index(fields=["reporting_year", "priority"], name="entry_year_priority_idx"),
            models.Index(fields=["reporting_year", "funding_source"], name="entry_year_funding_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_for(self.reporting_year.strategy, "followup:entry_detail", args=[self.pk])

    @property
    def year(self) -> int:
        return self.reporting_year.year

    def clean(self) -> None:
        """Rules that span fields or tables, shared by the form and the spreadsheet import."""
        errors: dict[str, str] = {}
        year = self.reporting_year if self.reporting_year_id else None
        if year and (refused := write_rule.refusal(self.actor if self.actor_id else None, year)):
            errors["reporting_year"] = refused
        errors.update(self.value_errors())
        if errors:
            raise ValidationError(errors)

    def value_errors(self) -> dict[str, str]:
        """The rules between the entry's own values, without the write rule: the import
        asks that once per file, where `clean` would ask the database once per row."""
        errors: dict[str, str] = {}
        year = self.reporting_year if self.reporting_year_id else None
        if year and self.goal_area_id and self.goal_area.strategy_id != year.strategy_id:
            errors["goal_area"] = "Målområdet hör inte till årets strategi."
        if self.priority_id and self.goal_area_id and self.priority.goal_area_id != self.goal_area_id:
            errors["priority"] = (
                f"Prioritering {self.priority.number} hör till målområde "
                f"{self.priority.goal_area.number}, inte till det valda målområdet."
            )
        if self.focus_area_id and year and not self.focus_area.applies_in(year.year):
            errors["focus_area"] = (
                f"Kraftsamlingsområdet gäller inte {year.year} (det gäller {self.focus_area.period_label})."
            )
        if (
            self.total_project_size is not None
            and self.amount is not None
            and self.total_project_size < self.amount
        ):
            errors["total_project_size"] = (
                "Den beräknade totala projektomslutningen kan inte vara mindre än det beviljade beloppet."
            )
        return errors


class SubmissionToken(models.Model):
    """A form's one-time key, claimed by the write its POST asks for (followup.submissions).

    The unique key makes a second POST of the same page (a double click, a reload) wait
    for the first one's transaction and then find the key taken: it changes nothing and
    is sent to `result_url`, where the first one led.
    """

    key = models.CharField("nyckel", max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name="användare"
    )
    created_at = models.DateTimeField("skickat", default=timezone.now, db_index=True)
    result_url = models.CharField("resultat", max_length=300, blank=True)

    class Meta:
        verbose_name = "skickat formulär"
        verbose_name_plural = "skickade formulär"

    def __str__(self) -> str:
        return self.key
