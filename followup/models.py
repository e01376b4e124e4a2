"""The yearly follow-up: what each actor spent, per initiative (insats), per year."""

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

from . import write_rule

# No single initiative in a region's follow-up comes near ten billion kronor; a larger
# figure is a typing error (an extra zero, öre typed as kronor), so it is refused.
MAX_AMOUNT = Decimal("10000000000.00")
# Free texts: what a decision's title, case number and owner need, and a description of a
# few paragraphs. Stated on the forms, enforced by the form, the model and the database.
TITLE_MAX = 200
CASE_NUMBER_MAX = 50
PROJECT_OWNER_MAX = 200
DESCRIPTION_MAX = 4000


class ReportingYearQuerySet(models.QuerySet):
    def open(self) -> "ReportingYearQuerySet":
        """Years in which some actor's figures may still change, by the write rule."""
        return self.filter(write_rule.open_years())


class ReportingYear(models.Model):
    """A year of a strategy. Open years take changes; closed years are compiled and frozen."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="reporting_years", verbose_name="strategi"
    )
    year = models.PositiveSmallIntegerField("år")
    is_closed = models.BooleanField(
        "stängt",
        default=False,
        help_text="Ett stängt år är sammanställt: dess insatser kan inte ändras.",
    )
    closed_at = models.DateTimeField("stängt den", null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="stängt av",
    )

    objects = ReportingYearQuerySet.as_manager()
    # Who closed and reopened the year, and when (followup.years writes the reason).
    history = HistoricalRecords(
        verbose_name="historik för uppföljningsår", verbose_name_plural="historik för uppföljningsår"
    )

    class Meta:
        verbose_name = "uppföljningsår"
        verbose_name_plural = "uppföljningsår"
        ordering = ["strategy", "year"]
        constraints = [models.UniqueConstraint(fields=["strategy", "year"], name="reporting_year_unique")]

    def __str__(self) -> str:
        return f"{self.year} ({self.status_label})"

    @property
    def status_label(self) -> str:
        return "stängt" if self.is_closed else "öppet"

    def clean(self) -> None:
        if self.strategy_id and self.year not in self.strategy.years:
            period = f"{self.strategy.start_year}–{self.strategy.end_year}"
            raise ValidationError({"year": f"Året ska ligga inom strategins period, {period}."})


class FundingSource(models.TextChoices):
    REGIONAL_DEVELOPMENT_BOARD = "run", "Regionutvecklingsnämnden"
    CULTURE_BOARD = "kn", "Kulturnämnden"
    ENVIRONMENT_BOARD = "mn", "Miljönämnden"
    MUNICIPAL_COFINANCING = "kommunal", "Kommunal medfinansiering"
    EU_FUNDS = "eu", "EU-medel"
    STATE_FUNDS = "statlig", "Statliga medel"
    OTHER = "ovrigt", "Övrigt"


class ImportBatch(models.Model):
    """One confirmed spreadsheet import: who, when, which file and what it did."""

    created_at = models.DateTimeField("importerad", auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="importerad av",
    )
    file_name = models.CharField("filnamn", max_length=255)
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="+", verbose_name="aktör")
    reporting_year = models.ForeignKey(
        ReportingYear, on_delete=models.PROTECT, related_name="+", verbose_name="år"
    )
    created_count = models.PositiveIntegerField("nya rader", default=0)
    updated_count = models.PositiveIntegerField("ändrade rader", default=0)
    unchanged_count = models.PositiveIntegerField("oförändrade rader", default=0)

    class Meta:
        verbose_name = "import"
        verbose_name_plural = "importer"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({timezone.localtime(self.created_at):%Y-%m-%d %H:%M})"


class PendingImport(models.Model):
    """An uploaded file's rows waiting between the preview and the confirmation.

    Kept in the database rather than the session, which would carry megabytes on every
    request, and read by whichever worker serves the confirmation. Only its uploader
    may open it, through the random token in the preview's address; it expires
    (`followup.spreadsheets.pending`).
    """

    token = models.CharField(max_length=43, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="+")
    reporting_year = models.ForeignKey(ReportingYear, on_delete=models.CASCADE, related_name="+")
    # The rows as zlib-compressed JSON: a 5,000-row file takes a few hundred kilobytes.
    rows = models.BinaryField()
    # The valid plan the last preview showed, the same way, for the confirmation to apply
    # without reading the rows again when nothing changed (followup.spreadsheets.plan.StoredPlan).
    plan = models.BinaryField(null=True)

    class Meta:
        verbose_name = "väntande import"
        verbose_name_plural = "väntande importer"

    def __str__(self) -> str:
        return f"Väntande import {self.created_at:%Y-%m-%d %H:%M}"


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


class EntryTotal(models.Model):
    """Running sums of the entries per year, actor, goal area, priority, focus area and
    funding source, so that reports read thousands of rows instead of millions.

    Maintained by database triggers on the entry table (migration 0003_entry_totals), in
    the same transaction as every insert, update, delete and truncate, whichever code or
    tool writes. Never written by the application. Plain id columns, not foreign keys:
    the table is derived data and must not hold up deleting reference rows. 0 in
    `priority_key` and `focus_area_key` means "none set" (NULL cannot be a conflict key).
    """

    reporting_year_id = models.BigIntegerField()
    actor_id = models.BigIntegerField()
    goal_area_id = models.BigIntegerField()
    priority_key = models.BigIntegerField()
    focus_area_key = models.BigIntegerField()
    funding_source = models.CharField(max_length=20)
    total = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    entry_count = models.BigIntegerField(default=0)
    size_total = models.DecimalField(max_digits=18, decimal_places=2, default=0)
    granted_with_size = models.DecimalField(max_digits=18, decimal_places=2, default=0)

    class Meta:
        verbose_name = "summa per dimension"
        verbose_name_plural = "summor per dimension"
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "reporting_year_id",
                    "actor_id",
                    "goal_area_id",
                    "priority_key",
                    "focus_area_key",
                    "funding_source",
                ],
                name="entry_total_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.entry_count} insatser, {self.total} kr"


class DataVersion(models.Model):
    """One row (id 1) whose `version` changes in the same transaction as every write to
    what a cached page shows: entries, reporting years, the strategy's structure, the
    actors, the publications. Written only by database triggers (`totals_sql.py`,
    `publications/data_version_sql.py`); read by `strategy/page_cache.py`, which keys every
    cached page by it, so that a cached page never shows figures older than the database.
    Values are never reused (a sequence on PostgreSQL, random on SQLite), so a version
    a rolled-back transaction saw names nothing that anyone else can read."""

    version = models.BigIntegerField()

    class Meta:
        verbose_name = "dataversion"
        verbose_name_plural = "dataversioner"

    def __str__(self) -> str:
        return str(self.version)
