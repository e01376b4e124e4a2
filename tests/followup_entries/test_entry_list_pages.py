"""The entry list at any size: 50 a page, totals over every page from the running totals,
a search by title, case number and project owner, and a fixed number of queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from followup.models import FundingSource, ReportingYear, SpendingEntry
from strategy.models import Actor, GoalArea
from tests.conftest import client_for, focus_area, make_entry

pytestmark = pytest.mark.django_db


def many_entries(count: int, *, actor: str = "VGR", year: int = 2016) -> list[SpendingEntry]:
    """`count` entries of one actor and year in one insert, amounts 1..count kronor."""
    values = {
        "actor": Actor.objects.get(short_name=actor),
        "reporting_year": ReportingYear.objects.get(strategy__slug="vg2020", year=year),
        "project_owner": "Testägare AB",
        "goal_area": GoalArea.objects.get(strategy__slug="vg2020", number=1),
        "funding_source": FundingSource.REGIONAL_DEVELOPMENT_BOARD,
    }
    return SpendingEntry.objects.bulk_create(
        SpendingEntry(title=f"Insats {number:03}", amount=Decimal(number), **values)
        for number in range(1, count + 1)
    )


def listed(client, **query) -> list[str]:
    return [entry.title for entry in client.get(reverse("followup:entry_list"), query).context["entries"]]


def test_list_shows_50_entries_a_page_in_title_order(bhu_member):
    many_entries(120)
    client = client_for(bhu_member)
    response = client.get(reverse("followup:entry_list"), {"year": 2016})
    assert [entry.title for entry in response.context["entries"]] == [f"Insats {n:03}" for n in range(1, 51)]
    assert "Sida 1 av 3" in response.content.decode()
    assert listed(client, year=2016, sida=3) == [f"Insats {n:03}" for n in range(101, 121)]


def test_pages_hold_every_entry_once_across_actors(bhu_member):
    many_entries(30, actor="VGR")
    many_entries(40, actor="GR")
    many_entries(5, actor="Fyrbodal")
    client = client_for(bhu_member)
    shown = listed(client, year=2016) + listed(client, year=2016, sida=2)
    entries = SpendingEntry.objects.filter(reporting_year__year=2016).order_by("actor__name", "title", "pk")
    assert shown == [entry.title for entry in entries]


def test_page_links_keep_the_year_actor_and_search(bhu_member):
    many_entries(60, actor="GR")
    html = client_for(bhu_member).get(reverse("followup:entry_list"), {"year": 2016, "actor": "gr"}).content
    assert 'href="?year=2016&amp;actor=gr&amp;sida=2" rel="next">Nästa sida</a>' in html.decode()


def test_totals_cover_every_page_and_equal_the_sum_of_the_entries(developer_vgr):
    many_entries(75)
    make_entry(year=2016, goal=2, amount="1000.50", focus_area=focus_area(1), title="Annan")
    make_entry(actor="GR", year=2016, amount="999")
    totals = client_for(developer_vgr).get(reverse("followup:entry_list"), {"year": 2016}).context["totals"]
    entries = SpendingEntry.objects.filter(actor__short_name="VGR", reporting_year__year=2016)
    assert totals.count == entries.count() == 76
    assert totals.total == sum(entry.amount for entry in entries) == Decimal("3850.50")
    by_goal = {row.number: row.total for row in totals.by_goal_area}
    assert by_goal == {1: Decimal("2850.00"), 2: Decimal("1000.50")}
    assert {row.number: row.count for row in totals.by_focus_area} == {1: 1, None: 75}


@pytest.mark.parametrize(
    ("field", "stored", "typed"),
    [
        ("title", "Återvinning i Åmål", "åmål"),
        ("case_number", "RUN 612-0195-14", "run 612-0195"),
        ("project_owner", "Högskolan Väst", "HÖGSKOLAN VÄST"),
    ],
)
def test_search_finds_by_each_field_whatever_the_case(developer_vgr, field, stored, typed):
    make_entry(year=2016, title="Något annat")
    wanted = make_entry(year=2016, **{field: stored})
    response = client_for(developer_vgr).get(reverse("followup:entry_list"), {"year": 2016, "q": typed})
    assert [entry.pk for entry in response.context["entries"]] == [wanted.pk]
    assert response.context["totals"].count == 1


def test_search_takes_regex_characters_literally(developer_vgr):
    make_entry(year=2016, title="Kluster (fas 2)")
    make_entry(year=2016, title="Kluster fas 2")
    assert listed(client_for(developer_vgr), year=2016, q="(fas 2)") == ["Kluster (fas 2)"]


def test_search_stays_within_the_readers_actors(developer_vgr):
    make_entry(actor="GR", year=2016, title="Hemlig åtgärd")
    response = client_for(developer_vgr).get(reverse("followup:entry_list"), {"year": 2016, "q": "åtgärd"})
    assert list(response.context["entries"]) == []
    assert "matchar ”åtgärd”" in response.content.decode()


def test_a_search_longer_than_100_characters_is_refused_in_swedish(developer_vgr):
    response = client_for(developer_vgr).get(reverse("followup:entry_list"), {"year": 2016, "q": "x" * 101})
    assert response.status_code == 200
    assert "Sök på högst 100 tecken." in response.content.decode()


@pytest.mark.parametrize("page", [1, 3])
def test_any_page_costs_the_same_queries_at_any_size(bhu_member, django_assert_max_num_queries, page):
    client = client_for(bhu_member)
    many_entries(150, actor="VGR")
    with django_assert_max_num_queries(19):
        client.get(reverse("followup:entry_list"), {"year": 2016, "sida": page})
    many_entries(600, actor="GR")
    many_entries(600, actor="Fyrbodal")
    with django_assert_max_num_queries(19):
        client.get(reverse("followup:entry_list"), {"year": 2016, "sida": page})
