"""The one table of report dimensions, and that the form, the filters, the report, its
pages and its exports all follow it."""

import re

import pytest
from django.urls import reverse

from followup.report_forms import ReportFilterForm
from followup.reports import (
    DIMENSIONS,
    FILTERS,
    MATRICES,
    NONE_KEY,
    PAGES,
    ReportFilters,
    build_report,
    cross,
    dimension,
    load_choices,
)
from followup.spreadsheets.report_exports import TABLES
from strategy.models import Actor, GoalArea
from tests.conftest import client_for, focus_area, make_entry

BREAKDOWNS = {item.name for item in DIMENSIONS}


def test_every_section_of_every_page_is_a_breakdown_or_a_matrix_once():
    tables = BREAKDOWNS | {spec.name for spec in MATRICES}
    for page, sections in PAGES.items():
        assert set(sections) <= tables, page
        assert len(set(sections)) == len(sections), page


def test_every_filter_has_a_parameter_and_the_words_of_its_choices():
    assert len({item.param for item in FILTERS}) == len(FILTERS)
    for item in FILTERS:
        assert item.param and item.every and "%(value)s" in item.unknown, item.name


def test_export_tables_are_every_breakdown_then_every_matrix_under_the_tables_words():
    assert list(TABLES) == [*(item.name for item in DIMENSIONS), *(spec.name for spec in MATRICES)]
    assert TABLES["funding_source"] == dimension("funding_source").label == "Finansieringskälla"
    assert (
        TABLES["actor_by_focus_area"] == cross("actor_by_focus_area").title == "Aktör × kraftsamlingsområde"
    )


@pytest.mark.django_db
def test_filter_form_offers_each_filter_under_its_label_in_the_tables_order(vg2020):
    form = ReportFilterForm({}, strategy=vg2020, choices=load_choices(vg2020))
    assert [(name, field.label) for name, field in form.fields.items()] == [
        ("fran", "Från år"),
        ("till", "Till och med år"),
        *((item.param, item.label) for item in FILTERS),
    ]


@pytest.mark.django_db
def test_filters_are_described_under_the_dimensions_labels(vg2020):
    filters = ReportFilters(
        first_year=2016,
        last_year=2017,
        funding_source="eu",
        priority=NONE_KEY,
        actor=Actor.objects.get(slug="gr"),
    )
    assert filters.describe() == [
        ("År", "2016–2017"),
        ("Aktör", "Göteborgsregionens kommunalförbund"),
        ("Prioritering", "Ingen prioritering angiven"),
        ("Finansieringskälla", "EU-medel"),
    ]


@pytest.mark.django_db
def test_filters_choosing_the_same_are_equal_whatever_the_order_and_without_nones():
    area = GoalArea.objects.get(strategy__slug="vg2020", number=2)
    assert ReportFilters(
        first_year=2016, last_year=2016, goal_area=area, funding_source="eu"
    ) == ReportFilters(first_year=2016, last_year=2016, funding_source="eu", actor=None, goal_area=area)


def test_filters_refuse_a_dimension_the_table_does_not_have():
    with pytest.raises(TypeError, match="colour"):
        ReportFilters(first_year=2016, last_year=2016, colour="red")


@pytest.mark.django_db
def test_report_has_every_breakdown_and_matrix_of_the_table_under_its_titles(vg2020):
    report = build_report(strategy=vg2020, filters=ReportFilters(first_year=2016, last_year=2016))
    assert [(b.dimension, b.title) for b in report.breakdowns.values()] == [
        (d.name, d.title) for d in DIMENSIONS
    ]
    assert [(m.name, m.title, m.row_title) for m in report.matrices.values()] == [
        (spec.name, spec.title, dimension(spec.rows).label) for spec in MATRICES
    ]


def section_ids(html: str) -> list[str]:
    return re.findall(r'<h2 id="rubrik-([^"]+)"', html)


def expected_ids(page: str) -> list[str]:
    return ["trend", *(name if name in BREAKDOWNS else cross(name).anchor for name in PAGES[page])]


@pytest.fixture
def entry_on_every_page(db):
    """An entry that each page below reports (a report of none shows no sections)."""
    return make_entry(actor="GR", goal=3, focus_area=focus_area(2))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/vg2020/uppfoljning/", "overview"),
        ("/vg2020/uppfoljning/kraftsamling/2/", "focus_area"),
        ("/vg2020/uppfoljning/malomrade/3/", "goal_area"),
        ("/vg2020/uppfoljning/aktor/gr/", "actor"),
    ],
)
def test_report_page_shows_its_sections_in_the_pages_order(bhu_member, entry_on_every_page, path, page):
    assert section_ids(client_for(bhu_member).get(path).content.decode()) == expected_ids(page)


@pytest.mark.django_db
def test_overview_reads_goal_areas_focus_areas_priorities_actors_funding_then_matrices(
    bhu_member, entry_on_every_page
):
    assert section_ids(client_for(bhu_member).get("/vg2020/uppfoljning/").content.decode()) == [
        "trend",
        "goal_area",
        "focus_area",
        "priority",
        "actor",
        "funding_source",
        "aktor-kraftsamling",
        "aktor-malomrade",
    ]


@pytest.mark.django_db
def test_every_area_page_of_the_table_shows_the_report_of_one_value(vg2020, bhu_member):
    choices = load_choices(vg2020)
    client = client_for(bhu_member)
    for item in DIMENSIONS:
        if item.area_page:
            value = choices.of(item.name)[0]
            response = client.get(reverse(item.area_page, args=[item.key(value)]))
            assert response.status_code == 200, item.name
            assert response.context["report"].filters.get(item.name) == value
