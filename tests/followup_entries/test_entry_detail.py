import pytest
from django.test import Client

from followup.models import SpendingEntry
from tests.conftest import client_for, make_entry

from .conftest import close_year, edit_data, entry_data, page_text

pytestmark = pytest.mark.django_db


def url(entry: SpendingEntry) -> str:
    return f"/vg2020/insatser/{entry.pk}/"


def test_developer_sees_own_entry_with_edit_links(developer_vgr):
    entry = make_entry(title="Inkubator", amount="1234567.50")
    response = client_for(developer_vgr).get(url(entry))
    html = page_text(response)
    assert response.status_code == 200
    assert "Inkubator" in html
    assert "1\u00a0234\u00a0567,50\u00a0kr" in html
    assert f"/vg2020/insatser/{entry.pk}/andra/" in html
    assert "Öppet år" in html


def test_closed_year_shows_as_closed_without_edit_links(developer_vgr):
    entry = make_entry(year=2014)
    close_year(2014)
    html = page_text(client_for(developer_vgr).get(url(entry)))
    assert "Stängt år" in html
    assert "Uppföljningsåret 2014 är stängt och sammanställt." in html
    assert f"/vg2020/insatser/{entry.pk}/andra/" not in html


def test_bhu_member_reads_any_actors_entry_without_edit_links(bhu_member):
    entry = make_entry(actor="GR", title="GR:s insats")
    response = client_for(bhu_member).get(url(entry))
    assert response.status_code == 200
    assert "GR:s insats" in page_text(response)
    assert f"/vg2020/insatser/{entry.pk}/andra/" not in page_text(response)


def test_developer_of_another_actor_gets_404_on_detail(developer_gr):
    entry = make_entry(actor="VGR", title="Hemlig")
    response = client_for(developer_gr).get(url(entry))
    assert response.status_code == 404
    assert "Hemlig" not in page_text(response)


def test_anonymous_visitor_sees_no_entry(db):
    entry = make_entry(title="Hemlig")
    response = Client().get(url(entry))
    assert response.status_code == 302
    assert response["Location"] == f"/konto/logga-in/?next=/vg2020/insatser/{entry.pk}/"


def test_history_records_who_created_and_changed_what_before_and_after(developer_vgr):
    client = client_for(developer_vgr)
    client.post("/vg2020/insatser/ny/", entry_data(title="Första namnet", amount="100 000"))
    entry = SpendingEntry.objects.get()
    client.post(
        f"/vg2020/insatser/{entry.pk}/andra/", edit_data(entry, title="Andra namnet", amount="150 000")
    )

    records = list(entry.history.order_by("history_date"))
    assert [record.history_type for record in records] == ["+", "~"]
    assert all(record.history_user == developer_vgr for record in records)

    history = client.get(url(entry)).context["history"]
    changed, created = history
    assert (created.action, created.who) == ("Skapad", "Vera")
    assert (changed.action, changed.who) == ("Ändrad", "Vera")
    changes = {change.label: (change.before, change.after) for change in changed.changes}
    assert changes == {
        "Rubrik": ("Första namnet", "Andra namnet"),
        "Beviljat belopp (kr)": ("100\u00a0000\u00a0kr", "150\u00a0000\u00a0kr"),
    }


def test_history_shows_municipalities_changed_as_names(developer_vgr):
    from strategy.models import Municipality

    borås = Municipality.objects.get(name="Borås")
    client = client_for(developer_vgr)
    client.post("/vg2020/insatser/ny/", entry_data())
    entry = SpendingEntry.objects.get()
    client.post(f"/vg2020/insatser/{entry.pk}/andra/", {**edit_data(entry), "municipalities": [borås.pk]})
    latest = client.get(url(entry)).context["history"][0]
    assert [(c.label, c.before, c.after) for c in latest.changes] == [("Berörda kommuner", "–", "Borås")]


def test_history_page_uses_a_fixed_number_of_queries(developer_vgr, django_assert_max_num_queries):
    entry = make_entry()
    client = client_for(developer_vgr)
    for number in range(6):
        client.post(
            f"/vg2020/insatser/{entry.pk}/andra/",
            edit_data(entry, title=f"Namn {number}", version=number + 1),
        )
    with django_assert_max_num_queries(20):
        response = client.get(url(entry))
    assert len(response.context["history"]) == 7
