"""One rounding rule, half up, for every figure of a report; and a note under each table
whose rounded rows do not add up to its rounded total, only where that happens."""

from decimal import Decimal

import pytest

from followup.reports import Breakdown, Figure, ReportFilters, build_report
from followup.templatetags.report_tags import rounding_note
from tests.conftest import client_for, make_entry

pytestmark = pytest.mark.django_db

YEAR_2017 = ReportFilters(first_year=2017, last_year=2017)
AMOUNTS_NOTE = "Beloppen är avrundade var för sig och kan därför summera till något annat än totalen."


def goal_area_one(report):
    return next(figure for figure in report.breakdowns["goal_area"].figures if figure.key == "1")


@pytest.mark.parametrize(("size", "leverage"), [("4125", Decimal("4.13")), ("1005", Decimal("1.01"))])
def test_leverage_rounds_half_up(vg2020, size, leverage):
    make_entry(year=2017, amount="1000", total_project_size=Decimal(size))
    assert build_report(strategy=vg2020, filters=YEAR_2017).total.leverage == leverage


def test_page_shows_a_leverage_of_exactly_4125_as_413(bhu_member):
    make_entry(year=2017, amount="1000", total_project_size=Decimal("4125"))
    html = client_for(bhu_member).get("/vg2020/uppfoljning/?fran=2017&till=2017").content.decode()
    assert "<dd>4,13</dd>" in html


def test_share_rounds_half_up(vg2020):
    make_entry(year=2017, goal=1, amount="1000")
    make_entry(year=2017, goal=2, amount="399000")
    assert goal_area_one(build_report(strategy=vg2020, filters=YEAR_2017)).share == Decimal("0.3")


def test_change_percent_rounds_half_up(vg2020):
    make_entry(year=2016, amount="400000")
    make_entry(year=2017, amount="401000")
    assert build_report(strategy=vg2020, filters=YEAR_2017).total.change_percent == Decimal("0.3")


def test_table_whose_rounded_amounts_miss_the_total_says_so(bhu_member):
    for year in (2016, 2017):  # the same both years: the changes (all zero) add up
        make_entry(year=year, goal=1, amount="1400")
        make_entry(year=year, goal=2, amount="1400")
    response = client_for(bhu_member).get("/vg2020/uppfoljning/?fran=2017&till=2017")
    assert rounding_note(response.context["report"].breakdowns["goal_area"]) == AMOUNTS_NOTE
    assert AMOUNTS_NOTE in response.content.decode()


def test_tables_that_add_up_have_no_note(bhu_member):
    make_entry(year=2017, goal=1, amount="1000")
    make_entry(year=2017, goal=2, amount="3000")
    html = client_for(bhu_member).get("/vg2020/uppfoljning/?fran=2017&till=2017").content.decode()
    assert "avrundade var för sig" not in html


def test_shares_that_miss_a_hundred_percent_are_noted(vg2020):
    for goal in (1, 2, 3):
        make_entry(year=2017, goal=goal, amount="1000")
    note = rounding_note(build_report(strategy=vg2020, filters=YEAR_2017).breakdowns["goal_area"])
    assert note == "Andelarna är avrundade var för sig och kan därför summera till något annat än totalen."


def test_matrix_whose_row_misses_its_total_says_so(vg2020):
    make_entry(actor="VGR", year=2017, goal=1, amount="1400")
    make_entry(actor="VGR", year=2017, goal=2, amount="1400")
    note = rounding_note(build_report(strategy=vg2020, filters=YEAR_2017).matrices["actor_by_goal_area"])
    assert note.startswith("Beloppen är avrundade var för sig")


def figure(key: str, total: str, *, share: str, last: str, previous: str) -> Figure:
    return Figure(
        key=key,
        label=key,
        total=Decimal(total),
        share=Decimal(share),
        last_year_total=Decimal(last),
        previous_year_total=Decimal(previous),
    )


def test_changes_that_miss_their_total_are_noted_with_the_other_columns():
    rows = [
        figure("1", "1400", share="50.0", last="1400", previous="0"),
        figure("2", "1400", share="50.0", last="1400", previous="0"),
    ]
    total = figure("total", "2800", share="100.0", last="2800", previous="0")
    note = rounding_note(Breakdown("goal_area", "Per målområde", rows, total))
    assert note == (
        "Beloppen och förändringarna är avrundade var för sig "
        "och kan därför summera till något annat än totalen."
    )


def test_the_years_change_column_has_no_total_to_miss():
    rows = [
        figure("2016", "1000", share="50.0", last="0", previous="0"),
        figure("2017", "1000", share="50.0", last="1400", previous="0"),
    ]
    total = figure("total", "2000", share="100.0", last="2600", previous="0")
    assert rounding_note(Breakdown("year", "Per år", rows, total), changes=False) == ""
