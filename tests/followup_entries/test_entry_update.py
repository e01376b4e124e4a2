from decimal import Decimal

import pytest
from django.test import Client

from followup.models import SpendingEntry
from tests.conftest import client_for, make_entry

from .conftest import close_year, edit_data, page_text, priority

pytestmark = pytest.mark.django_db


def url(entry: SpendingEntry) -> str:
    return f"/vg2020/insatser/{entry.pk}/andra/"


def test_edit_form_shows_the_amount_the_swedish_way_and_carries_the_version(developer_vgr):
    entry = make_entry(amount="1234567.50")
    response = client_for(developer_vgr).get(url(entry))
    html = page_text(response)
    assert response.status_code == 200
    assert 'value="1\u00a0234\u00a0567,50"' in html
    assert 'name="version" value="1"' in html


def test_developer_changes_own_entry_and_the_version_moves_on(developer_vgr):
    entry = make_entry(amount="100000")
    response = client_for(developer_vgr).post(
        url(entry), edit_data(entry, amount="250 000 kr", title="Ny rubrik")
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.title, entry.amount, entry.version) == ("Ny rubrik", Decimal("250000.00"), 2)
    assert entry.updated_by == developer_vgr


def test_second_save_from_an_old_form_is_refused_and_shows_the_current_values(developer_vgr):
    entry = make_entry(title="Original")
    first = edit_data(entry, title="Första ändringen")
    second = edit_data(entry, title="Andra ändringen")
    client = client_for(developer_vgr)
    assert client.post(url(entry), first).status_code == 302

    response = client.post(url(entry), second)

    html = page_text(response)
    assert response.status_code == 200
    assert "Någon annan har sparat ändringar i insatsen efter att du öppnade formuläret." in html
    assert "Insatsen som den är sparad nu" in html
    assert "Första ändringen" in html
    entry.refresh_from_db()
    assert (entry.title, entry.version) == ("Första ändringen", 2)


def test_after_a_conflict_the_form_carries_the_current_version_so_a_deliberate_save_works(developer_vgr):
    entry = make_entry()
    client = client_for(developer_vgr)
    client.post(url(entry), edit_data(entry, title="Först"))
    response = client.post(url(entry), edit_data(entry, title="Sedan"))
    assert response.context["form"]["version"].value() == "2"
    client.post(url(entry), edit_data(entry, title="Sedan", version=2))
    entry.refresh_from_db()
    assert (entry.title, entry.version) == ("Sedan", 3)


def test_priority_under_another_goal_area_is_refused_on_edit(developer_vgr):
    entry = make_entry(goal=1)
    response = client_for(developer_vgr).post(url(entry), edit_data(entry, priority=priority(21).pk))
    assert "priority" in response.context["form"].errors
    entry.refresh_from_db()
    assert (entry.priority, entry.version) == (None, 1)


def test_entry_of_a_closed_year_cannot_be_edited(developer_vgr):
    entry = make_entry(year=2015, title="Stängd")
    close_year(2015)
    client = client_for(developer_vgr)
    response = client.post(url(entry), edit_data(entry, title="Ändrad"), follow=True)
    assert response.redirect_chain == [(f"/vg2020/insatser/{entry.pk}/", 302)]
    assert "Uppföljningsåret 2015 är stängt och sammanställt. Ingenting har ändrats." in page_text(response)
    entry.refresh_from_db()
    assert (entry.title, entry.version) == ("Stängd", 1)


def test_entry_cannot_be_moved_into_a_closed_year(developer_vgr):
    entry = make_entry(year=2016)
    close_year(2015)
    response = client_for(developer_vgr).post(url(entry), edit_data(entry, reporting_year=2015))
    assert "är stängt" in response.context["form"].errors["reporting_year"][0]
    entry.refresh_from_db()
    assert entry.reporting_year.year == 2016


def test_developer_of_another_actor_gets_404_and_the_entry_is_unchanged(developer_gr):
    entry = make_entry(actor="VGR", title="VGR:s insats")
    client = client_for(developer_gr)
    assert client.get(url(entry)).status_code == 404
    response = client.post(url(entry), edit_data(entry, actor="GR", title="Kapad"))
    assert response.status_code == 404
    assert "VGR:s insats" not in page_text(response)
    entry.refresh_from_db()
    assert (entry.title, entry.actor.short_name) == ("VGR:s insats", "VGR")


def test_moving_own_entry_to_an_actor_that_is_not_yours_is_refused(developer_vgr):
    entry = make_entry(actor="VGR")
    response = client_for(developer_vgr).post(url(entry), edit_data(entry, actor="GR"))
    assert response.context["form"].errors["actor"]
    entry.refresh_from_db()
    assert entry.actor.short_name == "VGR"


def test_bhu_member_gets_403_on_edit(bhu_member):
    entry = make_entry()
    assert client_for(bhu_member).post(url(entry), edit_data(entry, title="BHU")).status_code == 403
    entry.refresh_from_db()
    assert entry.title == "Testinsats"


def test_edit_without_csrf_token_is_refused(developer_vgr):
    entry = make_entry()
    client = Client(enforce_csrf_checks=True)
    client.force_login(developer_vgr)
    assert client.post(url(entry), edit_data(entry, title="Utan token")).status_code == 403
    entry.refresh_from_db()
    assert entry.title == "Testinsats"


def test_unknown_entry_gives_404(developer_vgr):
    assert client_for(developer_vgr).get("/vg2020/insatser/999999/andra/").status_code == 404
