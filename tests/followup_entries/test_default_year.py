"""The year the entry pages open on: the latest open year that has begun (issue 14, part 8)."""

import pytest

from followup.models import ReportingYear
from followup.years import default_year
from tests.conftest import client_for

from .conftest import close_year

pytestmark = pytest.mark.django_db


def years(*spec: tuple[int, bool]) -> list[ReportingYear]:
    return [ReportingYear(year=year, is_closed=closed) for year, closed in spec]


def test_the_latest_open_year_that_has_begun():
    chosen = default_year(years((2014, True), (2015, False), (2016, False)), this_year=2016)
    assert chosen.year == 2016


def test_an_open_year_that_has_not_begun_is_passed_over():
    chosen = default_year(years((2021, False), (2022, False), (2023, False)), this_year=2022)
    assert chosen.year == 2022


def test_before_any_year_has_begun_the_first_open_year():
    chosen = default_year(years((2031, False), (2032, False)), this_year=2025)
    assert chosen.year == 2031


def test_with_every_year_closed_the_last_year():
    chosen = default_year(years((2014, True), (2015, True)), this_year=2025)
    assert chosen.year == 2015


def test_new_entry_form_opens_on_the_latest_open_year(developer_vgr):
    close_year(2020)
    form = client_for(developer_vgr).get("/vg2020/insatser/ny/").context["form"]
    assert form["reporting_year"].value() == 2019


def test_copy_page_opens_on_the_latest_open_year(developer_vgr):
    close_year(2020)
    assert client_for(developer_vgr).get("/vg2020/insatser/kopiera/").context["to_year"].year == 2019
