"""The report filters as a plain GET form: every view of a report is a shareable address.

The form reads the parameters that `ReportFilters.as_query()` writes (`fran`, `till` and
each filter dimension's own, see `reports.FILTERS`) and turns them back into
`ReportFilters`; anything it cannot read gets a Swedish message naming the value. On the
pages of one area or actor that dimension comes from the address, so its field is left
out (`fixed`).
"""

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from strategy.models import Strategy

from .reports import BY_YEAR_AND_ACTOR, FILTERS, NONE_KEY, Dimension, ReportChoices, ReportFilters, dimension
from .reports.dimensions import label_in

ALL = ""

# Sort orders of the entry list: parameter value -> (label, ORM ordering).
ENTRY_ORDERS = {
    "": ("År och aktör", BY_YEAR_AND_ACTOR),
    "belopp": ("Belopp, minst först", ("amount", "pk")),
    # The exact reverse of "belopp", so that both read the amount index (one way or the other).
    "-belopp": ("Belopp, störst först", ("-amount", "-pk")),
    "rubrik": ("Rubrik", ("title", "pk")),
    "-ar": ("Senaste år först", ("-reporting_year__year", "actor__name", "title", "pk")),
}


def _option_attrs(attrs: dict) -> str:
    # A select's options have no attributes but `selected` (Select.option_inherits_attrs).
    if not attrs:
        return ""
    return " selected" if attrs == {"selected": True} else flatatt(attrs)


class FilterSelect(forms.Select):
    """Django's select, written in Python: the same markup as its templates (one per
    option), which cost a report page more than its tables once the filters offer every
    priority of the strategy (issue 17)."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _ in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '\n  <option value="{}"{}>{}</option>',
                ((option["value"], _option_attrs(option["attrs"]), option["label"]) for option in options),
            )
            groups.append(
                format_html('\n  <optgroup label="{}">{}\n  </optgroup>', group_name, rendered)
                if group_name
                else rendered
            )
        options = SafeString("".join(groups))
        return format_html(
            '<select name="{}"{}>{}\n</select>', widget["name"], flatatt(widget["attrs"]), options
        )


def _choice(label: str, choices: list, invalid: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=FilterSelect,
        error_messages={"invalid_choice": invalid},
    )


class ReportFilterForm(forms.Form):
    """Years and one value of each filter dimension (actor, goal area, priority, focus area,
    funding source) of a report."""

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
        within = ReportFilters(first_year=strategy.start_year, last_year=strategy.end_year, **self.fixed)
        words = strategy.words
        for item in FILTERS:
            if item.name not in self.fixed and words.shows(item.name):
                self.fields[item.param] = self._field(item, within)

    def _field(self, item: Dimension, within: ReportFilters) -> forms.ChoiceField:
        members = [
            member for member in item.members(self.choices.of(item.name), within) if member.key != NONE_KEY
        ]
        options: list = [(member.key, member.label) for member in members]
        invalid = item.unknown
        if item.parent:
            # Grouped under their parents (priorities under goal areas), or only those of the
            # page's own parent.
            parents = [within.get(item.parent)] if item.parent in self.fixed else self.choices.of(item.parent)
            options = [
                (str(parent), [(m.key, m.label) for m in members if getattr(m.value, item.parent) == parent])
                for parent in parents
            ]
            if item.parent in self.fixed:
                invalid += f" i det här {dimension(item.parent).definite}"
        none = [(NONE_KEY, item.none_label)] if item.none_label else []
        words = self.strategy.words
        level = words.level(item.name)
        every = f"Alla {level.plural}" if level and item.name != "focus_area" else item.every
        return _choice(label_in(item, words), [(ALL, every), *options, *none], f"{invalid}.")

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
        values: dict[str, Any] = {}
        for item in FILTERS:
            if item.param not in self.fields and item.name not in self.fixed:
                continue
            key = data.get(item.param)
            if key == NONE_KEY:
                values[item.name] = NONE_KEY
            elif key:
                values[item.name] = next(row for row in self.choices.of(item.name) if item.key(row) == key)
        return ReportFilters(
            first_year=int(data["fran"] or self.strategy.start_year),
            last_year=int(data["till"] or self.strategy.end_year),
            **(values | self.fixed),
        )


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
