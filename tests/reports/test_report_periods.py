"""A report's period and the year its change columns compare with: the year before is
context for the change only, never a figure of the period, and a year before the strategy
(never reported) is no comparison at all."""

from decimal import Decimal

import pytest

from followup.reports import ReportFilters, build_report
from tests.conftest import client_for, focus_area, make_entry
from tests.followup_spreadsheets.conftest import read_workbook

pytestmark = pytest.mark.django_db

AREA_PAGES = [
    "/vg2020/uppfoljning/",
    "/vg2020/uppfoljning/malomrade/1/",
    "/vg2020/uppfoljning/aktor/vgr/",
    "/vg2020/uppfoljning/kraftsamling/2/",
]


@pytest.fixture
def two_years(db):
    make_entry(year=2015, amount="300000", focus_area=focus_area(2))
    make_entry(year=2016, amount="100000", focus_area=focus_area(2))


def test_one_year_report_has_only_its_own_year_per_year(vg2020, two_years):
    report = build_report(strategy=vg2020, filters=ReportFilters(first_year=2016, last_year=2016))
    assert [figure.key for figure in report.by_year.figures] == ["2016"]


def test_the_year_before_is_kept_for_the_change_of_a_one_year_report(vg2020, two_years):
    report = build_report(strategy=vg2020, filters=ReportFilters(first_year=2016, last_year=2016))
    assert report.total.previous_year_total == Decimal("300000.00")
    assert report.total.change == Decimal("-200000.00")


@pytest.mark.parametrize("path", AREA_PAGES)
def test_one_year_page_lists_and_draws_only_its_own_year(bhu_member, two_years, path):
    response = client_for(bhu_member).get(path, {"fran": "2016", "till": "2016"})
    assert [row.figure.key for row in response.context["years"]] == ["2016"]
    html = response.content.decode()
    assert "visa insatserna från 2015" not in html
    assert "2015: 0" not in html


def test_change_against_a_year_before_the_strategy_is_not_applicable(vg2020):
    make_entry(year=2014, amount="500000")
    report = build_report(strategy=vg2020, filters=ReportFilters(first_year=2014, last_year=2014))
    assert (report.total.change, report.total.change_percent) == (None, None)
    goal_area = next(figure for figure in report.breakdowns["goal_area"].figures if figure.key == "1")
    assert (goal_area.change, goal_area.change_percent) == (None, None)
    assert not report.has_change


def test_change_against_the_strategys_first_year_is_shown(vg2020):
    make_entry(year=2014, amount="500000")
    make_entry(year=2015, amount="600000")
    report = build_report(strategy=vg2020, filters=ReportFilters(first_year=2015, last_year=2015))
    assert report.total.change == Decimal("100000.00")
    assert report.has_change


def test_page_of_the_strategys_first_year_shows_no_change(bhu_member):
    make_entry(year=2014, amount="24106649")
    html = (
        client_for(bhu_member).get("/vg2020/uppfoljning/", {"fran": "2014", "till": "2014"}).content.decode()
    )
    assert "+24\u00a0107" not in html
    assert "2013 ligger före strategins första år" in html


def test_snapshot_of_a_year_before_the_strategy_has_no_previous_year_total(vg2020):
    make_entry(year=2014, amount="500000")
    snapshot = build_report(
        strategy=vg2020, filters=ReportFilters(first_year=2014, last_year=2014)
    ).as_snapshot()
    assert snapshot["total"]["previous_year_total"] is None


def test_empty_report_says_so_in_one_sentence_with_the_filter_form(bhu_member):
    make_entry(actor="VGR", year=2016)
    response = client_for(bhu_member).get(
        "/vg2020/uppfoljning/", {"fran": "2016", "till": "2016", "aktor": "gr"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Inga insatser matchar filtren" in html
    assert 'class="filters report-filters"' in html
    assert "<table" not in html
    assert "<svg" not in html


def test_report_with_entries_shows_its_tables(bhu_member):
    make_entry(actor="VGR", year=2016)
    html = (
        client_for(bhu_member).get("/vg2020/uppfoljning/", {"fran": "2016", "till": "2016"}).content.decode()
    )
    assert "Inga insatser matchar filtren" not in html
    assert "<table" in html


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return [line.split(";") for line in text.split("\r\n") if line]


def test_csv_per_year_of_a_one_year_report_has_only_that_year(bhu_member, two_years):
    response = client_for(bhu_member).get("/vg2020/uppfoljning/export.csv?tabell=year&fran=2016&till=2016")
    assert [row[0] for row in csv_rows(response)[1:]] == ["2016", "Summa"]


def test_year_sheet_of_a_one_year_report_has_only_that_year(bhu_member, two_years):
    response = client_for(bhu_member).get("/vg2020/uppfoljning/export.xlsx?fran=2016&till=2016")
    sheet = read_workbook(b"".join(response.streaming_content))["År"]
    assert [row[0] for row in sheet.iter_rows(min_row=6, values_only=True)] == ["2016", "Summa"]


def test_json_of_a_one_year_report_has_only_that_year(bhu_member, two_years):
    data = client_for(bhu_member).get("/vg2020/api/v1/uppfoljning/?fran=2016&till=2016").json()
    assert [figure["key"] for figure in data["breakdowns"]["year"]["figures"]] == ["2016"]


def test_export_of_the_strategys_first_year_leaves_the_change_empty(bhu_member):
    make_entry(year=2014, amount="24106649")
    response = client_for(bhu_member).get(
        "/vg2020/uppfoljning/export.csv?tabell=goal_area&fran=2014&till=2014"
    )
    rows = csv_rows(response)
    assert rows[0][4] == "Förändring 2014 mot 2013 (kr)"
    assert {(row[4], row[5]) for row in rows[1:]} == {("", "")}


def test_json_of_the_strategys_first_year_has_no_previous_year_total(bhu_member):
    make_entry(year=2014, amount="24106649")
    data = client_for(bhu_member).get("/vg2020/api/v1/uppfoljning/?fran=2014&till=2014").json()
    assert data["total"]["previous_year_total"] is None


def test_workbook_of_an_empty_report_is_a_valid_file_with_every_sheet(bhu_member):
    response = client_for(bhu_member).get("/vg2020/uppfoljning/export.xlsx?fran=2016&till=2016&aktor=gr")
    assert response.status_code == 200
    workbook = read_workbook(b"".join(response.streaming_content))
    assert workbook["Målområde"][workbook["Målområde"].max_row][1].value == 0


def test_csv_of_an_empty_report_has_its_headings_and_a_zero_total(bhu_member):
    response = client_for(bhu_member).get("/vg2020/uppfoljning/export.csv?tabell=actor&aktor=gr")
    rows = csv_rows(response)
    assert rows[0][0] == "Aktör"
    assert rows[-1][:2] == ["Summa", "0,00"]
