"""What the region publishes about VG2020: annual reports with recommendations that are
followed up year by year, and evaluations of goal attainment.

A published annual report carries a frozen copy of that year's figures (`snapshot`), and a
published evaluation a frozen copy of its evidence, so that what BHU and the public read
never changes when entries or indicator values are edited later. Its PDF is rendered once,
when it is published, and stored (`PublishedPdf`). A published act is never edited: a
correction is a new, recorded act (`Erratum`).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from strategy import roles
from strategy.addresses import reverse_for
from strategy.models import GoalArea, Strategy


class PublicationStatus(models.TextChoices):
    DRAFT = "utkast", "Utkast"
    PUBLISHED = "publicerad", "Publicerad"


class PublicationQuerySet(models.QuerySet):
    def published(self) -> "PublicationQuerySet":
        return self.filter(status=PublicationStatus.PUBLISHED)

    def visible_to(self, user: roles.User) -> "PublicationQuerySet":
        """Everything for BHU members and staff; only what is published for everyone else."""
        if roles.can_read_all(user):
            return self
        return self.published()


class Publication(models.Model):
    """What annual reports and evaluations share: a draft that staff publish once."""

    strategy = models.ForeignKey(
        Strategy, on_delete=models.PROTECT, related_name="+", verbose_name="strategi"
    )
    year = models.PositiveSmallIntegerField("år")
    title = models.CharField("rubrik", max_length=200)
    summary = models.TextField("sammanfattning")
    status = models.CharField(
        "status", max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    published_at = models.DateTimeField("publicerad den", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="publicerad av",
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

    objects = PublicationQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED


class AnnualReport(Publication):
    """The yearly description to BHU of how the implementation of the strategy develops."""

    narrative = models.TextField(
        "genomförandet under året", help_text="Hur genomförandet utvecklas. Tomma rader skiljer stycken åt."
    )
    snapshot = models.JSONField(
        "frysta siffror",
        null=True,
        blank=True,
        editable=False,
        help_text="Årets siffror som de såg ut när rapporten publicerades.",
    )

    class Meta:
        verbose_name = "årsrapport"
        verbose_name_plural = "årsrapporter"
        ordering = ["strategy", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "year"], name="annual_report_year_unique"),
            models.CheckConstraint(
                condition=Q(status__in=PublicationStatus.values), name="annual_report_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status=PublicationStatus.DRAFT)
                | Q(published_at__isnull=False, snapshot__isnull=False),
                name="annual_report_published_has_snapshot",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse_for(self.strategy, "publications:report_detail", args=[self.strategy.slug, self.year])


class RecommendationStatus(models.TextChoices):
    NOT_STARTED = "ej_paborjad", "Ej påbörjad"
    IN_PROGRESS = "pagar", "Pågår"
    DONE = "genomford", "Genomförd"
    DROPPED = "avford", "Avförd"


class Recommendation(models.Model):
    """A numbered recommendation of an annual report.

    `status` and `response` are the current ones: those of the latest year's update
    (`RecommendationUpdate`), kept here so that lists need no subquery.
    """

    report = models.ForeignKey(
        AnnualReport, on_delete=models.CASCADE, related_name="recommendations", verbose_name="årsrapport"
    )
    number = models.PositiveSmallIntegerField("nummer", validators=[MinValueValidator(1)])
    text = models.TextField("rekommendation")
    status = models.CharField(
        "status",
        max_length=12,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.NOT_STARTED,
    )
    response = models.TextField("svar", blank=True)

    class Meta:
        verbose_name = "rekommendation"
        verbose_name_plural = "rekommendationer"
        ordering = ["report__year", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="recommendation_number_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="recommendation_number_positive"),
            models.CheckConstraint(
                condition=Q(status__in=RecommendationStatus.values), name="recommendation_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"Rekommendation {self.number} ({self.report.year})"


class RecommendationUpdate(models.Model):
    """What had become of a recommendation in a given year; one per recommendation and year."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="updates", verbose_name="rekommendation"
    )
    year = models.PositiveSmallIntegerField("år")
    status = models.CharField("status", max_length=12, choices=RecommendationStatus.choices)
    response = models.TextField("svar", blank=True)
    updated_at = models.DateTimeField("uppdaterad", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="uppdaterad av",
    )

    class Meta:
        verbose_name = "uppföljning av rekommendation"
        verbose_name_plural = "uppföljningar av rekommendationer"
        ordering = ["recommendation", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "year"], name="recommendation_update_year_unique"
            ),
            models.CheckConstraint(
                condition=Q(status__in=RecommendationStatus.values), name="recommendation_update_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recommendation} – {self.year}: {self.get_status_display()}"


class EvaluationKind(models.TextChoices):
    MIDTERM = "halvtid", "Halvtidsutvärdering"
    FINAL = "slut", "Slututvärdering"


class Evaluation(Publication):
    """The mid-term evaluation (2017) or the final evaluation of goal attainment."""

    kind = models.CharField("slag", max_length=10, choices=EvaluationKind.choices)
    snapshot = models.JSONField(
        "fryst underlag",
        null=True,
        blank=True,
        editable=False,
        help_text="Insatser per målområde och år och indikatorvärden, som de såg ut vid publiceringen.",
    )

    class Meta:
        verbose_name = "utvärdering"
        verbose_name_plural = "utvärderingar"
        ordering = ["strategy", "year"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "kind"], name="evaluation_kind_unique"),
            models.CheckConstraint(condition=Q(kind__in=EvaluationKind.values), name="evaluation_kind_known"),
            models.CheckConstraint(
                condition=Q(status__in=PublicationStatus.values), name="evaluation_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status=PublicationStatus.DRAFT) | Q(published_at__isnull=False),
                name="evaluation_published_has_date",
            ),
            models.CheckConstraint(
                condition=Q(status=PublicationStatus.DRAFT) | Q(snapshot__isnull=False),
                name="evaluation_published_has_snapshot",
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse_for(
            self.strategy, "publications:evaluation_detail", args=[self.strategy.slug, self.kind]
        )


class Rating(models.IntegerChoices):
    """The scale every goal-area assessment uses; the labels are shown with the ratings."""

    WEAK = 1, "1 – Svag utveckling mot målet"
    SOME = 2, "2 – Viss utveckling mot målet"
    GOOD = 3, "3 – God utveckling mot målet"
    REACHED = 4, "4 – Målet är i huvudsak nått"


class Assessment(models.Model):
    evaluation = models.ForeignKey(
        Evaluation, on_delete=models.CASCADE, related_name="assessments", verbose_name="utvärdering"
    )
    goal_area = models.ForeignKey(
        GoalArea, on_delete=models.PROTECT, related_name="assessments", verbose_name="målområde"
    )
    rating = models.PositiveSmallIntegerField(
        "bedömning",
        choices=Rating.choices,
        validators=[MinValueValidator(Rating.WEAK), MaxValueValidator(Rating.REACHED)],
    )
    text = models.TextField("motivering")

    class Meta:
        verbose_name = "bedömning per målområde"
        verbose_name_plural = "bedömningar per målområde"
        ordering = ["evaluation", "goal_area__number"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "goal_area"], name="assessment_goal_area_unique"),
            models.CheckConstraint(
                condition=Q(rating__gte=Rating.WEAK) & Q(rating__lte=Rating.REACHED),
                name="assessment_rating_on_scale",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} – målområde {self.goal_area.number}"


def _one_publication(name: str) -> models.CheckConstraint:
    """Belongs to exactly one publication: an annual report or an evaluation."""
    return models.CheckConstraint(
        condition=Q(annual_report__isnull=False, evaluation__isnull=True)
        | Q(annual_report__isnull=True, evaluation__isnull=False),
        name=name,
    )


class Erratum(models.Model):
    """A correction of a published report or evaluation: a new, recorded act beside the
    published one, which itself never changes. Shown on its page and in the API."""

    annual_report = models.ForeignKey(
        AnnualReport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="errata",
        verbose_name="årsrapport",
        limit_choices_to={"status": PublicationStatus.PUBLISHED},
    )
    evaluation = models.ForeignKey(
        Evaluation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="errata",
        verbose_name="utvärdering",
        limit_choices_to={"status": PublicationStatus.PUBLISHED},
    )
    text = models.TextField(
        "rättelse", max_length=2000, help_text="Vad som är fel i den publicerade texten och vad som gäller."
    )
    recorded_at = models.DateTimeField("registrerad", auto_now_add=True)
    # Protected: who recorded a correction is part of the record.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="registrerad av"
    )

    class Meta:
        verbose_name = "rättelse"
        verbose_name_plural = "rättelser"
        ordering = ["recorded_at", "pk"]
        constraints = [_one_publication("erratum_one_publication")]

    def __str__(self) -> str:
        return f"Rättelse av {self.publication} ({self.recorded_at:%Y-%m-%d})"

    @property
    def publication(self) -> "AnnualReport | Evaluation | None":
        return self.annual_report or self.evaluation


class PublishedPdf(models.Model):
    """The PDF of a published report or evaluation, rendered once and served as stored.

    Kept in the database rather than as a file under MEDIA_ROOT: a database backup (pg_dump,
    or the README's dumpdata) holds it, and every application server reads the same copy.
    """

    annual_report = models.OneToOneField(
        AnnualReport,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_pdf",
        verbose_name="årsrapport",
    )
    evaluation = models.OneToOneField(
        Evaluation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_pdf",
        verbose_name="utvärdering",
    )
    content = models.BinaryField("PDF")
    rendered_at = models.DateTimeField("skapad", auto_now_add=True)

    class Meta:
        verbose_name = "publicerad PDF"
        verbose_name_plural = "publicerade PDF:er"
        constraints = [_one_publication("published_pdf_one_publication")]

    def __str__(self) -> str:
        return f"PDF av {self.annual_report or self.evaluation}"
