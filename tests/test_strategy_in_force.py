"""Which strategy the portal presents: the one in force, never one that has not begun."""

import pytest

from followup.years import ensure_reporting_years
from strategy.models import Strategy
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def _strategy(slug: str, start: int, end: int) -> Strategy:
    strategy = Strategy.objects.create(
        slug=slug, short_name=slug.upper(), name=f"Strategi {start}–{end}", start_year=start, end_year=end
    )
    ensure_reporting_years(strategy)
    return strategy


def test_the_strategy_whose_period_holds_the_year_is_in_force(vg2020):
    successor = _strategy("vg2030", 2021, 2030)
    assert Strategy.objects.current(2016) == vg2020
    assert Strategy.objects.current(2026) == successor


def test_after_the_last_period_the_latest_begun_strategy_stays_in_force(vg2020):
    assert Strategy.objects.current(2026) == vg2020


def test_a_strategy_that_has_not_begun_is_never_in_force(vg2020):
    _strategy("framtid", 2031, 2040)
    assert Strategy.objects.current(2026) == vg2020
    assert Strategy.objects.current(2013) is None


def test_entry_form_keeps_offering_the_strategy_in_force_when_a_future_one_is_added(developer_vgr):
    _strategy("framtid", 2031, 2040)
    html = client_for(developer_vgr).get("/insatser/ny/").content.decode()
    assert '<option value="' in html
    assert ">2016<" in html or "2016</option>" in html
    assert "2031" not in html
