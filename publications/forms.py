from django import forms

from strategy.models import Strategy

from .indicator_import import MAX_BYTES, MAX_ROWS
from .models import (
    AnnualReport,
    Assessment,
    Erratum,
    Evaluation,
    EvaluationKind,
    Rating,
    Recommendation,
    RecommendationStatus,
)


def _year_choices(years) -> list[tuple[int, str]]:
    return [(year, str(year)) for year in years]


class AnnualReportForm(forms.ModelForm):
    year = forms.TypedChoiceField(label="År", coerce=int, help_text="Året som rapporten beskriver.")

    class Meta:
        model = AnnualReport
        fields = ["year", "title", "summary", "narrative"]
        help_texts = {"summary": "Några meningar som sammanfattar året. Visas först i rapporten."}

    def __init__(self, *args, strategy: Strategy, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.strategy = strategy
        self.fields["year"].choices = _year_choices(strategy.years)

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        taken = AnnualReport.objects.filter(strategy=self.strategy, year=year).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"Det finns redan en årsrapport för {year}. Ändra den i stället.")
        return year


class RecommendationForm(forms.ModelForm):
    class Meta:
        model = Recommendation
        fields = ["number", "text"]
        help_texts = {"number": "Rekommendationerna numreras 1, 2, 3 … inom rapporten."}

    def __init__(self, *args, report: AnnualReport, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.report = report
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("number", report.recommendations.count() + 1)

    def clean_number(self) -> int:
        number = self.cleaned_data["number"]
        taken = self.report.recommendations.filter(number=number).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(f"Rapporten har redan en rekommendation nummer {number}.")
        return number


class FollowUpForm(forms.Form):
    year = forms.TypedChoiceField(
        label="År",
        coerce=int,
        help_text="Året som uppföljningen gäller. Ett år som redan följts upp ersätts.",
    )
    status = forms.ChoiceField(label="Status", choices=RecommendationStatus.choices, widget=forms.RadioSelect)
    response = forms.CharField(
        label="Svar",
        widget=forms.Textarea,
        required=False,
        help_text="Vad som har gjorts med anledning av rekommendationen.",
    )

    def __init__(self, *args, recommendation: Recommendation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        report = recommendation.report
        # Followed up from the year it was given until the end of the strategy's period, and after it.
        self.fields["year"].choices = _year_choices(range(report.year, report.strategy.end_year + 3))
        if not self.is_bound:
            # Opens on the latest follow-up (the recommendation's current status and response), or
            # on the report's own year before the first one.
            latest = recommendation.updates.order_by("-year").first()
            self.initial = {
                "year": latest.year if latest else report.year,
                "status": recommendation.status,
                "response": recommendation.response,
            } | self.initial


class PublishForm(forms.Form):
    """Confirms publishing; a year without any entries must be confirmed explicitly."""

    confirm_empty = forms.BooleanField(
        label="Publicera ändå, utan några insatser för året",
        required=False,
        help_text="Rapportens siffror blir noll och ändras inte när insatser läggs in senare.",
    )

    confirm_round = forms.BooleanField(
        label="Publicera ändå, fast rapporteringen för året inte är klar",
        required=False,
        help_text="Alla aktörers år är inte godkända; rapportens siffror kan ändras efteråt.",
    )

    def __init__(
        self, *args, needs_empty_confirmation: bool = False, needs_round_confirmation: bool = False, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.needs_empty_confirmation = needs_empty_confirmation
        self.needs_round_confirmation = needs_round_confirmation
        if not needs_empty_confirmation:
            del self.fields["confirm_empty"]
        if not needs_round_confirmation:
            del self.fields["confirm_round"]

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.needs_empty_confirmation and not cleaned.get("confirm_empty"):
            self.add_error(
                "confirm_empty",
                "Det finns inga insatser för året. Kryssa i rutan om rapporten ska publiceras ändå.",
            )
        if self.needs_round_confirmation and not cleaned.get("confirm_round"):
            self.add_error(
                "confirm_round",
                "Rapporteringen för året är inte klar. Kryssa i rutan om rapporten ska publiceras ändå.",
            )
        return cleaned


class EvaluationForm(forms.ModelForm):
    year = forms.TypedChoiceField(label="År", coerce=int)

    class Meta:
        model = Evaluation
        fields = ["kind", "year", "title", "summary"]
        widgets = {"kind": forms.RadioSelect}
        help_texts = {"year": "Året då utvärderingen gjordes."}

    def __init__(self, *args, strategy: Strategy, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.strategy = strategy
        self.fields["year"].choices = _year_choices(range(strategy.start_year, strategy.end_year + 4))
        self.fields["year"].help_text = (
            f"Halvtidsutvärderingen görs under perioden ({strategy.start_year}–{strategy.end_year}), "
            "slututvärderingen efter den."
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        kind, year = cleaned.get("kind"), cleaned.get("year")
        if kind and year:
            if kind == EvaluationKind.MIDTERM and year > self.strategy.end_year:
                self.add_error("year", "Halvtidsutvärderingen ska göras under strategins period.")
            if kind == EvaluationKind.FINAL and year <= self.strategy.end_year:
                self.add_error(
                    "year", f"Slututvärderingen görs efter strategins sista år, {self.strategy.end_year}."
                )
        if kind:
            taken = Evaluation.objects.filter(strategy=self.strategy, kind=kind).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("kind", f"Det finns redan en {EvaluationKind(kind).label.lower()}.")
        return cleaned


class AssessmentForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label="Bedömning",
        coerce=int,
        choices=Rating.choices,
        widget=forms.RadioSelect,
        help_text="Skala 1–4, där 4 är bäst.",
    )

    class Meta:
        model = Assessment
        fields = ["rating", "text"]


class IndicatorImportForm(forms.Form):
    file = forms.FileField(
        label="Fil med indikatorvärden",
        help_text=(
            f"En .xlsx- eller .csv-fil på högst {MAX_BYTES // (1024 * 1024)} MB och {MAX_ROWS} rader, "
            "med kolumnerna indikator, år, område och värde. CSV får ha semikolon eller komma mellan "
            "kolumnerna; värden får ha decimalkomma."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Refused before it is read: a large file is never loaded into memory.
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"Filen är för stor. Den får vara högst {MAX_BYTES // (1024 * 1024)} MB."
            )
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Välj en fil av typen .xlsx eller .csv.")
        return upload


class ErratumForm(forms.ModelForm):
    """A correction of exactly one published annual report or evaluation (admin's add form)."""

    class Meta:
        model = Erratum
        fields = ["annual_report", "evaluation", "text"]

    def clean(self) -> dict:
        cleaned = super().clean()
        if bool(cleaned.get("annual_report")) == bool(cleaned.get("evaluation")):
            raise forms.ValidationError(
                "Välj antingen en publicerad årsrapport eller en publicerad utvärdering, inte båda."
            )
        return cleaned
