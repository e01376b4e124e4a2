"""Which strategy the portal presents: the one in force, never one that has not begun."""

import pytest

from followup import write_rule
from followup.models import ReportingYear
from followup.years import ensure_reporting_years
from strategy.models import Strategy, in_force_among
from tests.conftest import client_for, make_entry

pytestmark = pytest.mark.django_db


def _strategy(slug: str, start: int, end: int) -> Strategy:
    strategy = Strategy.objects.create(
        slug=slug, short_name=slug.upper(), name=f"Strategi {start}–{end}", start_year=start, end_year=end
    )
    ensure_reporting_years(strategy)
    return strategy


def test_the_strategy_whose_period_holds_the_year_is_in_force(vg2020):
    vg2030 = Strategy.objects.get(slug="vg2030")
    assert Strategy.objects.current(2016) == vg2020
    assert Strategy.objects.current(2026) == vg2030


def test_after_the_last_period_the_latest_begun_strategy_stays_in_force():
    assert Strategy.objects.current(2035) == Strategy.objects.get(slug="vg2030")


def test_a_strategy_that_has_not_begun_is_never_in_force():
    _strategy("framtid", 2031, 2040)
    assert Strategy.objects.current(2026).slug == "vg2030"
    assert Strategy.objects.current(2013) is None


def test_the_middleware_and_the_query_agree_on_the_strategy_in_force():
    _strategy("framtid", 2031, 2040)
    strategies = list(Strategy.objects.all())
    for year in (2013, 2014, 2020, 2021, 2026, 2031, 2045):
        assert in_force_among(strategies, year) == Strategy.objects.current(year)


def test_entry_form_keeps_offering_the_strategy_in_force_when_a_future_one_is_added(developer_vgr):
    _strategy("framtid", 2031, 2040)
    html = client_for(developer_vgr).get("/vg2030/insatser/ny/").content.decode()
    assert ">2022<" in html or "2022</option>" in html
    assert "2031</option>" not in html


def test_a_year_that_has_not_begun_takes_no_entries():
    year = ReportingYear.objects.get(strategy__slug="vg2030", year=2030)
    assert write_rule.refusal(None, year).startswith("Uppföljningsåret 2030 har inte börjat än.")
    assert not ReportingYear.objects.open().filter(pk=year.pk).exists()


def test_an_upcoming_strategy_is_shown_as_upcoming_and_offers_no_year(developer_vgr):
    _strategy("framtid", 2031, 2040)
    client = client_for(developer_vgr)
    home = client.get("/framtid/").content.decode()
    assert "är en kommande strategi (2031–2040)" in home
    form = client.get("/framtid/insatser/ny/").content.decode()
    assert "2031</option>" not in form


def test_entries_of_vg2030_are_listed_under_vg2030_only(developer_vgr):
    make_entry(strategy="vg2030", year=2022, goal=2, title="Ny strategi")
    make_entry(year=2016, title="Gammal strategi")
    client = client_for(developer_vgr)
    assert "Ny strategi" in client.get("/vg2030/insatser/?year=2022").content.decode()
    assert "Ny strategi" not in client.get("/vg2020/insatser/?year=2016").content.decode()
