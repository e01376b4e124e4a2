"""The rows of an upload wait in the database between the preview and the confirmation:
bound to their uploader, named by the token in the address, expiring, and discarded when
they can no longer be read.
"""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages

from followup.models import PendingImport, SpendingEntry
from followup.spreadsheets import pending
from tests.conftest import client_for

from .conftest import row, upload, upload_and_confirm, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(developer_vgr):
    return client_for(developer_vgr)


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_large_upload_leaves_the_session_small(client):
    upload(client, xlsx([row(title=f"Insats {n}", description="x" * 200) for n in range(1000)]))
    assert len(client.session.encode(dict(client.session))) < 1000
    assert len(bytes(PendingImport.objects.get().rows)) < 50_000


def test_the_pending_import_belongs_to_its_uploader(client, developer_vgr, developer_gr):
    token = upload(client, xlsx([row()]))["Location"].rstrip("/").rsplit("/", 1)[1]
    assert pending.load(token, user=developer_vgr).sheet.rows[0][1]["title"] == "Ny insats"
    with pytest.raises(pending.PendingGone):
        pending.load(token, user=developer_gr)


def test_an_expired_preview_is_refused_with_a_message_and_removed(client):
    location = upload(client, xlsx([row()]))["Location"]
    PendingImport.objects.update(created_at=PendingImport.objects.get().created_at - timedelta(hours=3))
    response = client.get(location)
    assert response["Location"] == "/vg2020/insatser/import/"
    assert messages_of(response) == [pending.EXPIRED]
    assert not PendingImport.objects.exists()


def test_an_upload_removes_every_expired_pending_import(client, developer_gr):
    upload(client_for(developer_gr), xlsx([row()]), actor="gr")
    PendingImport.objects.update(created_at=PendingImport.objects.get().created_at - timedelta(hours=3))
    upload(client, xlsx([row()]))
    assert list(PendingImport.objects.values_list("actor__slug", flat=True)) == ["vgr"]


def test_a_new_upload_replaces_the_users_earlier_one(client):
    first = upload(client, xlsx([row(title="Första")]))["Location"]
    upload(client, xlsx([row(title="Andra")]))
    assert PendingImport.objects.count() == 1
    assert client.get(first)["Location"] == "/vg2020/insatser/import/"


def test_pending_rows_that_cannot_be_read_are_discarded_with_a_message(client):
    location = upload(client, xlsx([row()]))["Location"]
    PendingImport.objects.update(rows=b"not zlib")
    response = client.get(location)
    assert response["Location"] == "/vg2020/insatser/import/"
    assert messages_of(response) == [pending.BROKEN]
    assert not PendingImport.objects.exists()


def test_a_pending_import_that_fails_to_plan_is_discarded_and_reloading_does_not_fail_again(
    client, monkeypatch
):
    location = upload(client, xlsx([row()]))["Location"]

    def broken(*args, **kwargs):
        raise ArithmeticError("an amount rule that failed")

    monkeypatch.setattr("followup.views.spreadsheets.plan_import", broken)
    response = client.get(location)
    assert (response.status_code, messages_of(response)) == (302, [pending.BROKEN])
    again = client.get(location)
    assert (again.status_code, again["Location"]) == (302, "/vg2020/insatser/import/")
    assert not PendingImport.objects.exists()


def test_a_confirmed_import_removes_its_pending_rows(client):
    upload_and_confirm(client, xlsx([row()]))
    assert SpendingEntry.objects.count() == 1
    assert not PendingImport.objects.exists()
