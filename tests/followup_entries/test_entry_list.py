from collections import defaultdict
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from followup.models import SpendingEntry
from tests.conftest import client_for, focus_area, make_entry

from .conftest import close_year, page_text

pytestmark = pytest.mark.django_db

URL = "/vg2020/insatser/"


def test_developer_sees_own_actors_entries_of_the_chosen_year_only(developer_vgr):
    make_entry(actor="VGR", year=2016, title="VGR 2016")
    make_entry(actor="VGR", year=2017, title="VGR 2017")
    make_entry(actor="GR", year=2016, title="GR 2016")
    response = client_for(developer_vgr).get(URL, {"year": 2016})
    html = page_text(response)
    assert response.status_code == 200
    assert "<h1>Mina insatser 2016</h1>" in html
    assert [entry.title for entry in response.context["entries"]] == ["VGR 2016"]


def test_developer_cannot_list_another_actors_entries_by_slug(developer_vgr):
    make_entry(actor="GR", year=2016, title="GR 2016")
    response = client_for(developer_vgr).get(URL, {"year": 2016, "actor": "gr"})
    assert "GR 2016" not in page_text(response)
    assert response.context["form"].errors["actor"]


def test_bhu_member_may_choose_any_actor(bhu_member):
    make_entry(actor="GR", year=2016, title="GR 2016")
    make_entry(actor="VGR", year=2016, title="VGR 2016")
    response = client_for(bhu_member).get(URL, {"year": 2016, "actor": "gr"})
    assert "<h1>Insatser 2016 – GR</h1>" in page_text(response)
    assert [entry.title for entry in response.context["entries"]] == ["GR 2016"]


def test_totals_per_goal_area_and_focus_area_equal_sums_of_the_entries(developer_vgr):
    make_entry(year=2016, goal=1, amount="100000.50", focus_area=focus_area(1))
    make_entry(year=2016, goal=1, amount="250000", focus_area=None)
    make_entry(year=2016, goal=2, amount="75000", focus_area=focus_area(3))
    make_entry(year=2016, goal=4, amount="1000000", focus_area=focus_area(1))
    make_entry(year=2017, goal=1, amount="999999")
    make_entry(actor="GR", year=2016, goal=1, amount="888888")

    totals = client_for(developer_vgr).get(URL, {"year": 2016}).context["totals"]

    entries = SpendingEntry.objects.filter(actor__short_name="VGR", reporting_year__year=2016)
    by_goal, by_focus = defaultdict(Decimal), defaultdict(Decimal)
    for entry in entries.select_related("goal_area", "focus_area"):
        by_goal[entry.goal_area.number] += entry.amount
        by_focus[entry.focus_area.number if entry.focus_area else None] += entry.amount
    assert {row.number: row.total for row in totals.by_goal_area} == dict(by_goal)
    assert {row.number: row.total for row in totals.by_focus_area} == dict(by_focus)
    assert totals.total == sum(entry.amount for entry in entries) == Decimal("1425000.50")


def test_list_shows_totals_formatted_in_kronor(developer_vgr):
    make_entry(year=2016, goal=1, amount="1234567")
    html = page_text(client_for(developer_vgr).get(URL, {"year": 2016}))
    assert "Summa per målområde 2016" in html
    assert "1\u00a0234\u00a0567\u00a0kr" in html


def test_list_uses_a_fixed_number_of_queries(developer_vgr):
    client = client_for(developer_vgr)
    make_entry(year=2016)
    with CaptureQueriesContext(connection) as one_entry:
        client.get(URL, {"year": 2016})
    for number in range(20):
        make_entry(
            year=2016, goal=number % 4 + 1, focus_area=focus_area(number % 5 + 1), title=f"Insats {number}"
        )
    with CaptureQueriesContext(connection) as many_entries:
        client.get(URL, {"year": 2016})
    # The page's rows cost two queries (their ids through the index, then the rows); the
    # data version and (at a version not seen before, as here) the strategies and their
    # level names three, the reporting round's status three.
    assert len(many_entries) == len(one_entry) <= 20


def test_closed_year_shows_as_closed_and_offers_no_new_entry(developer_vgr):
    close_year(2015)
    html = page_text(client_for(developer_vgr).get(URL, {"year": 2015}))
    assert "Stängt år" in html
    assert "Året är stängt och sammanställt." in html
    assert "/vg2020/insatser/ny/" not in html


def test_open_year_offers_new_entry_and_copy(developer_vgr):
    html = page_text(client_for(developer_vgr).get(URL, {"year": 2016}))
    assert "Öppet år" in html
    assert "/vg2020/insatser/ny/?year=2016" in html
    assert "/vg2020/insatser/kopiera/?year=2016" in html


def test_bhu_member_is_offered_no_new_entry(bhu_member):
    html = page_text(client_for(bhu_member).get(URL, {"year": 2016}))
    assert "/vg2020/insatser/ny/" not in html


def test_mina_insatser_opens_on_the_latest_open_year(developer_vgr):
    close_year(2019)
    close_year(2020)
    assert client_for(developer_vgr).get(URL).context["year"].year == 2018


def test_anonymous_visitor_is_sent_to_sign_in(db):
    response = Client().get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/konto/logga-in/?next=/vg2020/insatser/"


def test_signed_in_user_without_a_role_gets_403(db):
    from tests.conftest import make_user

    assert client_for(make_user("utan.roll")).get(URL).status_code == 403


@pytest.mark.parametrize(
    ("fixture", "label"), [("developer_vgr", "Mina insatser"), ("bhu_member", "Insatser")]
)
def test_navigation_links_to_the_entries(request, fixture, label):
    html = page_text(client_for(request.getfixturevalue(fixture)).get("/vg2020/"))
    assert f'<a href="/vg2020/insatser/">{label}</a>' in html
