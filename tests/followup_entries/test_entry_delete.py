import pytest
from django.test import Client

from followup.models import SpendingEntry
from tests.conftest import client_for, make_entry

from .conftest import close_year, page_text

pytestmark = pytest.mark.django_db


def url(entry: SpendingEntry) -> str:
    return f"/vg2020/insatser/{entry.pk}/ta-bort/"


def test_delete_asks_for_confirmation_first_and_deletes_nothing_on_get(developer_vgr):
    entry = make_entry(title="Att ta bort")
    response = client_for(developer_vgr).get(url(entry))
    assert response.status_code == 200
    assert "Ta bort insatsen?" in page_text(response)
    assert SpendingEntry.objects.filter(pk=entry.pk).exists()


def test_developer_deletes_own_entry_and_returns_to_the_year(developer_vgr):
    entry = make_entry(year=2017)
    response = client_for(developer_vgr).post(url(entry))
    assert response.status_code == 302
    assert response["Location"] == "/vg2020/insatser/?year=2017"
    assert not SpendingEntry.objects.filter(pk=entry.pk).exists()


def test_deletion_is_recorded_with_who_did_it(developer_vgr):
    entry = make_entry()
    client_for(developer_vgr).post(url(entry))
    record = SpendingEntry.history.filter(id=entry.pk).latest("history_date")
    assert record.history_type == "-"
    assert record.history_user == developer_vgr


def test_developer_of_another_actor_gets_404_on_delete(developer_gr):
    entry = make_entry(actor="VGR")
    client = client_for(developer_gr)
    assert client.get(url(entry)).status_code == 404
    assert client.post(url(entry)).status_code == 404
    assert SpendingEntry.objects.filter(pk=entry.pk).exists()


def test_bhu_member_gets_403_on_delete(bhu_member):
    entry = make_entry()
    assert client_for(bhu_member).post(url(entry)).status_code == 403
    assert SpendingEntry.objects.filter(pk=entry.pk).exists()


def test_entry_of_a_closed_year_cannot_be_deleted(developer_vgr):
    entry = make_entry(year=2014)
    close_year(2014)
    response = client_for(developer_vgr).post(url(entry), follow=True)
    assert "Uppföljningsåret 2014 är stängt" in page_text(response)
    assert SpendingEntry.objects.filter(pk=entry.pk).exists()


def test_delete_without_csrf_token_is_refused(developer_vgr):
    entry = make_entry()
    client = Client(enforce_csrf_checks=True)
    client.force_login(developer_vgr)
    assert client.post(url(entry)).status_code == 403
    assert SpendingEntry.objects.filter(pk=entry.pk).exists()
