"""The drill-down list: the entries behind a figure, their total over every page, and only
one's own actors' entries one by one for a regional developer."""

from decimal import Decimal

import pytest

from tests.conftest import client_for, focus_area, make_entry

from .conftest import bulk_entries

pytestmark = pytest.mark.django_db

LIST = "/vg2020/uppfoljning/insatser/"


@pytest.fixture
def two_actors_entries(db):
    return {
        "own": make_entry(actor="VGR", year=2017, amount="1234567", title="Egen insats i VGR"),
        "other": make_entry(actor="GR", year=2017, amount="500000", title="Hemlig insats i GR"),
    }


def test_list_shows_the_total_of_the_figure_in_swedish_kronor(bhu_member, two_actors_entries):
    response = client_for(bhu_member).get(LIST, {"fran": "2017", "till": "2017"})
    html = response.content.decode()
    assert response.context["totals"].total == Decimal("1734567.00")
    assert "Totalt <strong>1\u00a0734\u00a0567\u00a0kr</strong> i 2 insatser." in html
    assert "1\u00a0234\u00a0567\u00a0kr" in html


def test_bhu_sees_every_entry_and_no_note(bhu_member, two_actors_entries):
    html = client_for(bhu_member).get(LIST).content.decode()
    assert "Egen insats i VGR" in html
    assert "Hemlig insats i GR" in html
    assert "Du ser enskilda insatser bara för dina egna aktörer" not in html


def test_admin_sees_every_entry(admin_user, two_actors_entries):
    html = client_for(admin_user).get(LIST).content.decode()
    assert "Hemlig insats i GR" in html


def test_developer_sees_the_whole_total_but_only_own_entries(developer_vgr, two_actors_entries):
    response = client_for(developer_vgr).get(LIST)
    html = response.content.decode()
    totals = response.context["totals"]
    assert (totals.total, totals.count) == (Decimal("1734567.00"), 2)
    assert (totals.visible_total, totals.visible_count) == (Decimal("1234567.00"), 1)
    assert "Egen insats i VGR" in html
    assert "Hemlig insats i GR" not in html
    assert "Du ser enskilda insatser bara för dina egna aktörer." in html


def test_developer_asking_for_another_actor_sees_the_figure_and_no_titles(developer_vgr, two_actors_entries):
    response = client_for(developer_vgr).get(LIST, {"aktor": "gr"})
    html = response.content.decode()
    assert response.context["totals"].total == Decimal("500000.00")
    assert "Hemlig insats i GR" not in html
    assert "Inga av insatserna hör till dina aktörer." in html


def test_each_entry_links_to_its_page(bhu_member, two_actors_entries):
    html = client_for(bhu_member).get(LIST).content.decode()
    assert f'href="/vg2020/insatser/{two_actors_entries["own"].pk}/"' in html


def test_entry_link_is_not_grouped_by_thousands(bhu_member):
    entries = bulk_entries(1001, seed=2)
    last = max(entries, key=lambda entry: entry.pk)
    last.amount = Decimal("9999999")
    last.save()
    html = client_for(bhu_member).get(LIST, {"ordning": "-belopp"}).content.decode()
    assert f'href="/vg2020/insatser/{last.pk}/"' in html


def test_list_is_paginated_in_swedish_with_the_total_over_every_page(bhu_member):
    entries = bulk_entries(60, seed=4)
    client = client_for(bhu_member)
    first = client.get(LIST, {"fran": "2014", "till": "2020"})
    html = first.content.decode()
    assert len(first.context["page"].object_list) == 50
    assert "Sida 1 av 2" in html
    assert 'href="?fran=2014&amp;till=2020&amp;sida=2" rel="next">Nästa sida</a>' in html
    second = client.get(LIST, {"fran": "2014", "till": "2020", "sida": "2"})
    assert len(second.context["page"].object_list) == 10
    assert "Föregående sida" in second.content.decode()
    expected = sum((entry.amount for entry in entries), Decimal(0))
    assert first.context["totals"].total == second.context["totals"].total == expected


def test_list_sorts_by_amount_when_asked(bhu_member):
    make_entry(amount="10", title="Liten")
    make_entry(amount="5000000", title="Stor")
    make_entry(amount="2000", title="Mellan")
    page = client_for(bhu_member).get(LIST, {"ordning": "-belopp"}).context["page"]
    assert [entry.title for entry in page.object_list] == ["Stor", "Mellan", "Liten"]


def test_list_of_a_figure_with_none_set_holds_exactly_those_entries(bhu_member):
    outside = make_entry(amount="700", year=2018)
    make_entry(amount="300", year=2018, focus_area=focus_area(1))
    response = client_for(bhu_member).get(LIST, {"kraftsamling": "ingen", "fran": "2018", "till": "2018"})
    assert [entry.pk for entry in response.context["page"].object_list] == [outside.pk]
    assert response.context["totals"].total == Decimal("700.00")
