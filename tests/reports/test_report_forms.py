"""The report filter form reads exactly what ReportFilters.as_query() writes, and refuses
anything else with a Swedish message."""

from html.parser import HTMLParser

import pytest
from django import forms

from followup.report_forms import EntryListForm, FilterSelect, ReportFilterForm
from followup.reports import NONE_KEY, ReportFilters, load_choices
from strategy.models import Actor, FocusArea, GoalArea, Priority
from tests.conftest import focus_area

pytestmark = pytest.mark.django_db


def form_for(vg2020, data, form_class=ReportFilterForm, **kwargs):
    return form_class(data, strategy=vg2020, choices=load_choices(vg2020), **kwargs)


def test_no_parameters_mean_the_whole_period(vg2020):
    form = form_for(vg2020, {})
    assert form.is_valid()
    assert form.filters == ReportFilters(first_year=2014, last_year=2020)


def test_every_parameter_is_read_back_from_as_query(vg2020):
    filters = ReportFilters(
        first_year=2016,
        last_year=2018,
        actor=Actor.objects.get(short_name="GR"),
        goal_area=GoalArea.objects.get(strategy__slug="vg2020", number=1),
        priority=Priority.objects.get(number=3),
        focus_area=focus_area(2),
        funding_source="eu",
    )
    form = form_for(vg2020, filters.as_query())
    assert form.is_valid(), form.errors
    assert form.filters == filters


def test_none_set_is_read_for_priority_and_focus_area(vg2020):
    form = form_for(vg2020, {"prioritering": NONE_KEY, "kraftsamling": NONE_KEY})
    assert form.is_valid()
    assert form.filters.get("priority") == NONE_KEY
    assert form.filters.get("focus_area") == NONE_KEY


def test_a_fixed_dimension_is_not_offered_and_wins_over_the_query(vg2020):
    area = FocusArea.objects.get(strategy__slug="vg2020", number=3)
    form = form_for(vg2020, {"kraftsamling": "1"}, fixed={"focus_area": area})
    assert "kraftsamling" not in form.fields
    assert form.is_valid()
    assert form.filters.get("focus_area") == area


def test_goal_area_page_offers_only_its_own_priorities(vg2020):
    area = GoalArea.objects.get(strategy__slug="vg2020", number=1)
    form = form_for(vg2020, {"prioritering": "20"}, fixed={"goal_area": area})
    assert not form.is_valid()
    assert form.errors["prioritering"] == [
        "Det finns ingen prioritering med nummer ”20” i det här målområdet."
    ]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"fran": "abc"}, "fran", "Välj ett år mellan 2014 och 2020; ”abc” är inget år i strategins period."),
        (
            {"fran": "2013"},
            "fran",
            "Välj ett år mellan 2014 och 2020; ”2013” är inget år i strategins period.",
        ),
        (
            {"till": "2021"},
            "till",
            "Välj ett år mellan 2014 och 2020; ”2021” är inget år i strategins period.",
        ),
        (
            {"fran": "2019", "till": "2016"},
            "till",
            "Året 2016 ligger före från-året 2019. Välj ett till och med-år som är 2019 eller senare.",
        ),
        ({"aktor": "finns-inte"}, "aktor", "Det finns ingen aktör med kortnamnet ”finns-inte”."),
        ({"malomrade": "9"}, "malomrade", "Det finns inget målområde med nummer ”9”."),
        ({"prioritering": "99"}, "prioritering", "Det finns ingen prioritering med nummer ”99”."),
        ({"kraftsamling": "6"}, "kraftsamling", "Det finns inget kraftsamlingsområde med nummer ”6”."),
        ({"finansiering": "lotto"}, "finansiering", "Det finns ingen finansieringskälla som heter ”lotto”."),
    ],
)
def test_bad_filter_gets_a_swedish_message(vg2020, data, field, message):
    form = form_for(vg2020, data)
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_entry_list_refuses_an_unknown_sort_order(vg2020):
    form = form_for(vg2020, {"ordning": "pris"}, form_class=EntryListForm)
    assert not form.is_valid()
    assert form.errors["ordning"] == ["Listan kan inte sorteras efter ”pris”."]


def test_entry_list_sorts_by_year_and_actor_unless_asked(vg2020):
    form = form_for(vg2020, {}, form_class=EntryListForm)
    assert form.is_valid()
    assert form.ordering[0] == "reporting_year__year"
    form = form_for(vg2020, {"ordning": "-belopp"}, form_class=EntryListForm)
    assert form.is_valid()
    assert form.ordering[0] == "-amount"


class _Markup(HTMLParser):
    """The elements and texts of some HTML in order, each element's attributes as a set
    (their order means nothing to a browser), whitespace between tags left out."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.parts: list = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.parts.append((tag, frozenset(attrs)))

    def handle_endtag(self, tag):
        self.parts.append(f"/{tag}")

    def handle_data(self, data):
        if data.strip():
            self.parts.append(data.strip())


@pytest.mark.parametrize("value", ["", "gr", "<script>"])
def test_filter_select_writes_the_markup_of_djangos_select(value):
    """The report filters' select is written in Python for speed; a screen reader and the
    stylesheet must get exactly what Django's own select gives: groups, the chosen option,
    escaped labels and the error attributes."""
    choices = [
        ("", "Alla aktörer"),
        ("Kommunalförbund", [("gr", "Göteborgsregionen (GR)"), ("fyr", "Fyrbodal & <Dal>")]),
        ("vgr", "Västra Götalandsregionen"),
    ]
    attrs = {"id": "id_aktor", "aria-invalid": "true", "aria-describedby": "id_aktor_error"}
    ours = FilterSelect(choices=choices).render("aktor", value, attrs=attrs)
    djangos = forms.Select(choices=choices).render("aktor", value, attrs=attrs)
    assert _Markup(ours).parts == _Markup(djangos).parts
    assert "&lt;Dal&gt;" in ours
