"""An entry deleted before a request reaches it (a second click on Ta bort, a save or a
delete after someone else's deletion) gives a Swedish message, never a 500."""

import pytest

from followup.entries import ENTRY_GONE
from followup.models import SpendingEntry
from followup.views import entries as views
from tests.conftest import client_for, make_entry

from .conftest import edit_data, page_text

pytestmark = pytest.mark.django_db


def delete_url(entry: SpendingEntry) -> str:
    return f"/vg2020/insatser/{entry.pk}/ta-bort/"


def edit_url(entry: SpendingEntry) -> str:
    return f"/vg2020/insatser/{entry.pk}/andra/"


@pytest.fixture
def deleted_just_before_the_lock(monkeypatch):
    """As if someone else deleted the entry after the page had found it and before the
    write service locked it (what two requests at once do): the page's last check before
    writing deletes it."""
    refuse_locked = views._refuse_locked

    def deleting(request, entry):
        refused = refuse_locked(request, entry)
        SpendingEntry.objects.filter(pk=entry.pk).delete()
        return refused

    monkeypatch.setattr(views, "_refuse_locked", deleting)


def test_second_click_on_ta_bort_goes_to_the_list_with_a_message(developer_vgr):
    entry = make_entry(year=2017)
    client = client_for(developer_vgr)
    assert client.post(delete_url(entry)).status_code == 302

    response = client.post(delete_url(entry), follow=True)

    assert response.redirect_chain == [("/vg2020/insatser/?year=2017", 302)]
    assert ENTRY_GONE in page_text(response)


def test_saving_an_entry_someone_deleted_goes_to_the_list_with_a_message(developer_vgr, developer_gr):
    entry = make_entry(year=2017)
    loaded = edit_data(entry, title="Ändrad")
    client_for(developer_vgr).post(delete_url(entry))

    response = client_for(developer_vgr).post(edit_url(entry), loaded, follow=True)

    assert response.redirect_chain == [("/vg2020/insatser/?year=2017", 302)]
    assert ENTRY_GONE in page_text(response)
    assert not SpendingEntry.objects.exists()


def test_save_that_loses_the_entry_to_a_deletion_before_the_lock_gets_the_message(
    developer_vgr, deleted_just_before_the_lock
):
    entry = make_entry(year=2016)
    response = client_for(developer_vgr).post(edit_url(entry), edit_data(entry, title="Ändrad"), follow=True)
    assert response.redirect_chain == [("/vg2020/insatser/?year=2016", 302)]
    assert ENTRY_GONE in page_text(response)
    assert not SpendingEntry.objects.exists()


def test_delete_that_loses_the_entry_to_a_deletion_before_the_lock_gets_the_message(
    developer_vgr, deleted_just_before_the_lock
):
    entry = make_entry(year=2016)
    response = client_for(developer_vgr).post(delete_url(entry), follow=True)
    assert response.redirect_chain == [("/vg2020/insatser/?year=2016", 302)]
    assert ENTRY_GONE in page_text(response)


def test_another_actors_developer_gets_404_for_a_deleted_entry(developer_vgr, developer_gr):
    entry = make_entry(actor="VGR")
    client_for(developer_vgr).post(delete_url(entry))
    assert client_for(developer_gr).post(delete_url(entry)).status_code == 404
    assert client_for(developer_gr).get(edit_url(entry)).status_code == 404


def test_an_entry_that_never_existed_is_still_not_found(developer_vgr):
    assert client_for(developer_vgr).post("/vg2020/insatser/999999/ta-bort/").status_code == 404
