"""Forms for entering spending entries: Swedish messages, amounts read as people type them.

The cross-field rules (priority under the goal area, focus area in force that year,
total size not below the amount, and the write rule on the year) live in
`SpendingEntry.clean()`; the ModelForm runs it and shows each error on the field it
concerns.
"""

from decimal import Decimal

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Min, QuerySet
from django.http import QueryDict

from strategy import roles
from strategy.models import Actor, FocusArea, Municipality, Priority, Strategy, length_hint, length_message

from . import formatting, submissions, write_rule
from .history import TEXT_FIELDS
from .models import MAX_AMOUNT, FundingSource, ReportingYear, SpendingEntry

AMOUNT_HINT = "I hela kronor, eller med öre efter ett komma. Till exempel 1 234 567 eller 1234567,50."


class YearField(forms.ModelChoiceField):
    """A reporting year chosen by its number, so that `?year=2016` and the form agree."""

    def __init__(self, **kwargs) -> None:
        super().__init__(queryset=ReportingYear.objects.none(), to_field_name="year", **kwargs)

    def label_from_instance(self, year: ReportingYear) -> str:
        return f"{year.year} (stängt)" if year.is_closed else str(year.year)

    def prepare_value(self, value):
        if isinstance(value, ReportingYear):
            return value.year
        return super().prepare_value(value)

    def limit_to(self, strategy: Strategy, *, shown: list[ReportingYear]) -> None:
        """Accept every year of the strategy but offer only `shown`.

        Posting a closed year (an old tab, a tampered form) must reach the model's
        clear closed-year message rather than a bare "invalid choice".
        """
        self.queryset = strategy.reporting_years.all()
        self.error_messages["invalid_choice"] = (
            f"Året ska ligga inom strategins period, {strategy.start_year}–{strategy.end_year}."
        )
        self.widget.choices = [("", "Välj år")] + [
            (year.year, self.label_from_instance(year)) for year in shown
        ]


def _clean_amount(text: str, *, label: str) -> Decimal | None:
    try:
        value = formatting.parse_amount(text)
    except formatting.AmountError as error:
        raise forms.ValidationError(str(error), code="invalid") from error
    if value is None:
        return None
    if value < 0:
        raise forms.ValidationError(f"{label} kan inte vara negativt.", code="min_value")
    if value > MAX_AMOUNT:
        raise forms.ValidationError(
            f"{label} är orimligt stort (högst {formatting.format_kr(MAX_AMOUNT)}). Kontrollera nollorna.",
            code="max_value",
        )
    return value


def _amount_initial(value: Decimal | None) -> str:
    if value is None:
        return ""
    decimals = 0 if value == value.to_integral_value() else 2
    return formatting.format_number(value, decimals)


class PriorityField(forms.ModelChoiceField):
    def label_from_instance(self, priority: Priority) -> str:
        return f"{priority.number}. {priority.name} (målområde {priority.goal_area.number})"


class FocusAreaField(forms.ModelChoiceField):
    def label_from_instance(self, area: FocusArea) -> str:
        return f"{area.number}. {area.name} (gäller {area.period_label})"


class EntryForm(forms.ModelForm):
    submission_key = submissions.KeyField()
    actor = forms.ModelChoiceField(
        label="Aktör",
        queryset=Actor.objects.none(),
        empty_label=None,
        help_text="Den aktör som har beviljat pengarna. Du kan bara välja aktörer du rapporterar för.",
        error_messages={
            "invalid_choice": "Du kan bara rapportera insatser för aktörer du tillhör.",
            "required": "Välj aktör.",
        },
    )
    reporting_year = YearField(
        label="År",
        help_text="Det år pengarna beviljades. Stängda år kan inte väljas.",
        error_messages={"required": "Välj år."},
    )
    priority = PriorityField(
        label="Prioritering",
        queryset=Priority.objects.none(),
        required=False,
        empty_label="Ingen särskild prioritering",
        help_text="Prioriteringen ska höra till det valda målområdet.",
    )
    focus_area = FocusAreaField(
        label="Kraftsamlingsområde",
        queryset=FocusArea.objects.none(),
        required=False,
        empty_label="Inget kraftsamlingsområde",
        help_text="Kraftsamlingsområdena gäller från 2015.",
    )
    amount = forms.CharField(
        label="Beviljat belopp (kr)",
        help_text=AMOUNT_HINT,
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"required": "Ange beviljat belopp."},
    )
    total_project_size = forms.CharField(
        label="Beräknad total projektomslutning (kr)",
        required=False,
        max_length=40,
        help_text=(
            "Hela projektets budget med alla finansiärer. Kan inte vara mindre än det beviljade beloppet."
        ),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    municipalities = forms.ModelMultipleChoiceField(
        label="Berörda kommuner",
        queryset=Municipality.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Kryssa i de kommuner insatsen gäller. Inget kryss om den gäller hela regionen.",
    )

    class Meta:
        model = SpendingEntry
        fields = [
            "actor",
            "reporting_year",
            "title",
            "description",
            "case_number",
            "project_owner",
            "goal_area",
            "priority",
            "focus_area",
            "amount",
            "funding_source",
            "total_project_size",
            "municipalities",
        ]
        labels = {"title": "Rubrik", "description": "Beskrivning", "case_number": "Diarienummer"}
        help_texts = {
            "title": "Insatsens namn, som i beslutet.",
            "description": "Vad insatsen går ut på, med några meningar.",
            "case_number": "Beslutets diarienummer, till exempel RUN 612-0195-14.",
            "project_owner": "Den organisation som driver projektet.",
            "goal_area": "Det målområde i strategin som insatsen främst bidrar till.",
            "funding_source": "Varifrån pengarna kommer.",
        }
        error_messages = {
            "title": {"required": "Ange insatsens rubrik."},
            "project_owner": {"required": "Ange projektägare."},
            "goal_area": {"required": "Välj målområde."},
            "funding_source": {"required": "Välj finansieringskälla."},
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def _name_levels(self, strategy: Strategy) -> None:
        """The strategy's own words for its levels; a level it lacks is not asked for."""
        words = strategy.words
        goal = self.fields["goal_area"]
        goal.label = words.goal_area.singular.capitalize()
        goal.empty_label = f"Välj {words.goal_area.singular}"
        goal.help_text = f"Det som insatsen främst bidrar till i {strategy.short_name}."
        goal.error_messages["required"] = f"Välj {words.goal_area.singular}."
        for level in ("priority", "focus_area"):
            level_words = getattr(words, level)
            if level_words is None:
                del self.fields[level]
                continue
            self.fields[level].label = level_words.singular.capitalize()
        if words.priority:
            self.fields["priority"].empty_label = f"Ingen särskild {words.priority.singular}"
            self.fields[
                "priority"
            ].help_text = f"{words.priority.singular.capitalize()} ska höra till {words.goal_area.definite}."
        if words.focus_area:
            self.fields["focus_area"].empty_label = f"Ingen {words.focus_area.singular}"
            first = strategy.focus_areas.aggregate(first=Min("first_year"))["first"]
            self.fields["focus_area"].help_text = (
                f"{words.focus_area.definite_plural.capitalize()} gäller från {first}." if first else ""
            )

    def __init__(self, *args, user: AbstractBaseUser, strategy: Strategy, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        actors = roles.editable_actors(user)
        self.fields["actor"].queryset = actors
        years = list(strategy.reporting_years.all())
        shown = [
            year
            for year in years
            if write_rule.is_writable(None, year) or year.pk == self.instance.reporting_year_id
        ]
        self.fields["reporting_year"].limit_to(strategy, shown=shown)
        self._name_levels(strategy)
        self.fields["goal_area"].queryset = strategy.goal_areas.all()
        if "priority" in self.fields:
            self.fields["priority"].queryset = Priority.objects.filter(
                goal_area__strategy=strategy
            ).select_related("goal_area")
        if "focus_area" in self.fields:
            self.fields["focus_area"].queryset = strategy.focus_areas.all()
        self.fields["funding_source"].choices = [("", "Välj finansieringskälla"), *FundingSource.choices]
        for name in TEXT_FIELDS:
            field = self.fields[name]
            field.help_text = f"{field.help_text} {length_hint(field.max_length)}"
            field.error_messages["max_length"] = length_message(field.max_length)
        if self.instance.pk:
            self.initial["reporting_year"] = self.instance.reporting_year.year
            self.initial["amount"] = _amount_initial(self.instance.amount)
            self.initial["total_project_size"] = _amount_initial(self.instance.total_project_size)

    def clean_amount(self) -> Decimal:
        return _clean_amount(self.cleaned_data["amount"], label="Beloppet")

    def clean_total_project_size(self) -> Decimal | None:
        return _clean_amount(self.cleaned_data["total_project_size"], label="Projektomslutningen")


class EntryEditForm(EntryForm):
    """The edit form also carries the version it was loaded at (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("version", self.instance.version)


def stored_form_data(
    data: QueryDict, *, instance: SpendingEntry, names: list[str], user: AbstractBaseUser, strategy: Strategy
) -> QueryDict:
    """`data` (a posted edit form) with the fields `names` set to `instance`'s stored values,
    written as its edit form writes them, and the stored version."""
    stored = EntryEditForm(instance=instance, user=user, strategy=strategy)
    data = data.copy()
    for name in names:
        value = stored[name].value()
        if isinstance(value, (list, tuple)):
            data.setlist(name, [str(item) for item in value])
        else:
            data[name] = "" if value is None else str(value)
    data["version"] = str(instance.version)
    return data


class DeleteEntryForm(forms.Form):
    """The confirmation of a deletion: only the key that makes a second click harmless."""

    submission_key = submissions.KeyField()


class EntryFilterForm(forms.Form):
    """The GET form of the entry list: which year and which actor, and what to search for."""

    year = YearField(label="År", required=False)
    actor = forms.ModelChoiceField(
        label="Aktör", queryset=Actor.objects.none(), to_field_name="slug", required=False
    )
    q = forms.CharField(
        label="Sök på rubrik, diarienummer eller projektägare",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
        error_messages={"max_length": "Sök på högst 100 tecken."},
    )

    def __init__(self, *args, strategy: Strategy, actors: QuerySet[Actor], all_label: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].limit_to(strategy, shown=list(strategy.reporting_years.all()))
        self.fields["year"].widget.choices = self.fields["year"].widget.choices[1:]
        self.fields["actor"].queryset = actors
        self.fields["actor"].empty_label = all_label
        self.fields["actor"].error_messages["invalid_choice"] = (
            "Du kan bara välja aktörer vars insatser du får se."
        )


class EntryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, entry: SpendingEntry) -> str:
        return f"{entry.title} – {formatting.format_kr(entry.amount)} ({entry.actor.short_name})"


class CopyEntriesForm(forms.Form):
    submission_key = submissions.KeyField()
    entries = EntryChoiceField(
        label="Insatser att kopiera",
        queryset=SpendingEntry.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Välj minst en insats att kopiera."},
    )

    def __init__(self, *args, sources: QuerySet[SpendingEntry], from_year: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["entries"]
        field.queryset = sources
        field.help_text = (
            f"Insatser från {from_year} för dina aktörer. Kopiorna får samma uppgifter och belopp; "
            "ändra dem sedan så att de stämmer för det nya året."
        )
        message = f"Du kan bara kopiera dina egna aktörers insatser från {from_year}."
        field.error_messages["invalid_choice"] = message
        field.error_messages["invalid_pk_value"] = message


class CopyYearForm(forms.Form):
    """The GET form of the copy page: which open year to copy into."""

    year = YearField(label="Kopiera till år", required=False)

    def __init__(self, *args, strategy: Strategy, shown: list[ReportingYear], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].limit_to(strategy, shown=shown)
        self.fields["year"].widget.choices = self.fields["year"].widget.choices[1:]
