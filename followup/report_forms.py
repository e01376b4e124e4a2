"""The report filters as a plain GET form: every view of a report is a shareable address.

The form reads the parameters that `ReportFilters.as_query()` writes (`fran`, `till`,
`aktor`, `malomrade`, `prioritering`, `kraftsamling`, `finansiering`) and turns them
back into `ReportFilters`; anything it cannot read gets a Swedish message naming the
value. On the pages of one area or actor that dimension comes from the address, so its
field is left out (`fixed`).
"""

from django import forms

from strategy.models import Strategy

from .models import FundingSource
from .reports import NONE_KEY, ReportChoices, ReportFilters

ALL = ""

# Sort orders of the entry list: parameter value -> (label, ORM ordering).
ENTRY_ORDERS = {
    "": ("År och aktör", ("reporting_year__year", "actor__name", "title", "pk")),
    "belopp": ("Belopp, minst först", ("amount", "pk")),
    "-belopp": ("Belopp, störst först", ("-amount", "pk")),
    "rubrik": ("Rubrik", ("title", "pk")),
    "-ar": ("Senaste år först", ("-reporting_year__year", "actor__name", "title", "pk")),
}


def _choice(label: str, choices: list, invalid: str, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=False,
        help_text=help_text,
        error_messages={"invalid_choice": invalid},
    )


class ReportFilterForm(forms.Form):
    """Years, actor, goal area, priority, focus area and funding source of a report."""

    def __init__(
        self,
        data,
        *,
        strategy: Strategy,
        choices: ReportChoices,
        fixed: dict | None = None,
        **kwargs,
    ) -> None:
        super().__init__(data, **kwargs)
        self.strategy = strategy
        self.choices = choices
        self.fixed = fixed or {}
        period = f"{strategy.start_year} och {strategy.end_year}"
        years = [(str(year), str(year)) for year in strategy.years]
        self.fields["fran"] = _choice(
            "Från år",
            [(ALL, f"{strategy.start_year} (periodens början)"), *years],
            f"Välj ett år mellan {period}; ”%(value)s” är inget år i strategins period.",
        )
        self.fields["till"] = _choice(
            "Till och med år",
            [(ALL, f"{strategy.end_year} (periodens slut)"), *years],
            f"Välj ett år mellan {period}; ”%(value)s” är inget år i strategins period.",
        )
        if "actor" not in self.fixed:
            self.fields["aktor"] = _choice(
                "Aktör",
                [(ALL, "Alla aktörer"), *((actor.slug, actor.name) for actor in choices.actors)],
                "Det finns ingen aktör med kortnamnet ”%(value)s”.",
            )
        goal_areas = choices.goal_areas
        if "goal_area" not in self.fixed:
            self.fields["malomrade"] = _choice(
                "Målområde",
                [(ALL, "Alla målområden"), *((str(area.number), str(area)) for area in goal_areas)],
                "Det finns inget målområde med nummer ”%(value)s”.",
            )
        else:
            goal_areas = [self.fixed["goal_area"]]
        grouped = [
            (
                str(area),
                [
                    (str(priority.number), str(priority))
                    for priority in choices.priorities
                    if priority.goal_area_id == area.pk
                ],
            )
            for area in goal_areas
        ]
        self.fields["prioritering"] = _choice(
            "Prioritering",
            [(ALL, "Alla prioriteringar"), *grouped, (NONE_KEY, "Ingen prioritering angiven")],
            "Det finns ingen prioritering med nummer ”%(value)s”"
            + (" i det här målområdet." if "goal_area" in self.fixed else "."),
        )
        if "focus_area" not in self.fixed:
            self.fields["kraftsamling"] = _choice(
                "Kraftsamlingsområde",
                [
                    (ALL, "Alla, även utanför kraftsamlingsområdena"),
                    *((str(area.number), str(area)) for area in choices.focus_areas),
                    (NONE_KEY, "Utanför kraftsamlingsområdena"),
                ],
                "Det finns inget kraftsamlingsområde med nummer ”%(value)s”.",
            )
        self.fields["finansiering"] = _choice(
            "Finansieringskälla",
            [(ALL, "Alla finansieringskällor"), *FundingSource.choices],
            "Det finns ingen finansieringskälla som heter ”%(value)s”.",
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        first, last = cleaned.get("fran"), cleaned.get("till")
        if first and last and int(first) > int(last):
            self.add_error(
                "till",
                f"Året {last} ligger före från-året {first}. "
                f"Välj ett till och med-år som är {first} eller senare.",
            )
        return cleaned

    @property
    def filters(self) -> ReportFilters:
        """The filters the valid form describes, with the fixed dimension of the page."""
        data = self.cleaned_data
        choices = self.choices

        def by_number(objects, key: str):
            if not data.get(key):
                return None
            if data[key] == NONE_KEY:
                return NONE_KEY
            return next(item for item in objects if str(item.number) == data[key])

        actor = next((item for item in choices.actors if item.slug == data.get("aktor")), None)
        values = {
            "first_year": int(data["fran"] or self.strategy.start_year),
            "last_year": int(data["till"] or self.strategy.end_year),
            "actor": actor,
            "goal_area": by_number(choices.goal_areas, "malomrade"),
            "priority": by_number(choices.priorities, "prioritering"),
            "focus_area": by_number(choices.focus_areas, "kraftsamling"),
            "funding_source": data.get("finansiering") or None,
        }
        values.update(self.fixed)
        return ReportFilters(**values)


class EntryListForm(ReportFilterForm):
    """The report filters plus the sort order of the drill-down list of entries."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ordning"] = _choice(
            "Sortera efter",
            [(value, label) for value, (label, _) in ENTRY_ORDERS.items()],
            "Listan kan inte sorteras efter ”%(value)s”.",
        )

    @property
    def ordering(self) -> tuple[str, ...]:
        return ENTRY_ORDERS[self.cleaned_data.get("ordning") or ""][1]
