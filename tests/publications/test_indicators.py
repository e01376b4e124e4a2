"""Indicator pages: a server-rendered chart with a text alternative and the data table."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from publications.models import Indicator, IndicatorValue
from tests.conftest import client_for

from .conftest import make_indicator

pytestmark = pytest.mark.django_db


def test_indicator_page_draws_an_svg_chart_with_a_text_alternative():
    indicator = make_indicator(values={2014: "40", 2016: "43", 2018: "45"})
    page = client_for(None).get(indicator.get_absolute_url()).content.decode()
    svg = page[page.index('<svg class="chart__svg"') : page.index("</svg>")]
    assert 'role="img"' in svg
    # The title is the whole description: it is also the chart's alternative text in the PDF.
    assert 'aria-labelledby="chart-testindikator-title"' in svg
    assert '<title id="chart-testindikator-title">Linjediagram över andel som testar (procent)' in svg
    assert "Senaste värdet för Västra Götalands län är 45 (2018); målbanan förväntar 48 det året." in svg
    assert svg.count("<circle") == 3 + 1


def test_indicator_page_has_no_inline_style_attributes():
    indicator = make_indicator(values={2014: "40", 2018: "45"})
    page = client_for(None).get(indicator.get_absolute_url()).content.decode()
    assert not re.search(r"\sstyle=", page)


def test_indicator_page_lists_the_values_and_the_path_in_a_table():
    indicator = make_indicator(values={2014: "40", 2017: "44.5"})
    response = client_for(None).get(indicator.get_absolute_url())
    rows = [(row.year, row.values, row.expected) for row in response.context["summary"].rows]
    assert rows == [(2014, ["40"], "40"), (2017, ["44,5"], "46")]
    assert "Bedömning: inte på väg mot målet." in response.content.decode()


def test_indicator_without_a_target_says_there_is_too_little_data():
    indicator = make_indicator(values={2016: "40"}, target_year=None, target_value=None)
    page = client_for(None).get(indicator.get_absolute_url()).content.decode()
    assert "Bedömning: för lite data." in page


def test_indicator_list_is_public_and_groups_by_goal_area():
    make_indicator(values={2014: "40", 2018: "50"})
    page = client_for(None).get("/vg2020/indikatorer/").content.decode()
    assert "Målområde 2: En region för alla" in page
    assert "På väg mot målet" in page


def test_load_indicators_loads_the_real_series_with_school_years_as_the_year_they_end():
    call_command("load_indicators", stdout=StringIO())
    value = IndicatorValue.objects.get(indicator__key="overgang_hogskola_3ar", area="Riket", year=2020)
    assert str(value.value) == "49.400"
    assert IndicatorValue.objects.count() == 53


def test_load_indicators_labels_the_demo_targets_as_assumptions():
    call_command("load_indicators", stdout=StringIO())
    for indicator in Indicator.objects.all():
        assert indicator.target_note.startswith("Demoantagande:")


def test_load_indicators_twice_changes_nothing():
    call_command("load_indicators", stdout=StringIO())
    output = StringIO()
    call_command("load_indicators", stdout=output)
    assert "0 nya värden, 0 ändrade, 53 oförändrade" in output.getvalue()
    assert Indicator.objects.count() == 2
