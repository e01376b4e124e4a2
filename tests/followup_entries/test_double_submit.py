"""A form sent twice (a double click, a reload, back and send again) is written once, and the
second POST is shown where the first one led."""

import re

import pytest

from followup.models import SpendingEntry, SubmissionToken
from followup.submissions import ALREADY_SENT
from tests.conftest import client_for, make_entry

from .conftest import edit_data, entry_count, entry_data, page_text

pytestmark = pytest.mark.django_db


def key_of(response) -> str:
    match = re.search(r'name="submission_key" value="([^"]+)"', page_text(response))
    assert match, "Formuläret saknar sin engångsnyckel"
    return match.group(1)


def test_create_form_sent_twice_makes_one_entry(developer_vgr):
    client = client_for(developer_vgr)
    key = key_of(client.get("/vg2020/insatser/ny/"))
    client.post("/vg2020/insatser/ny/", entry_data(submission_key=key))
    client.post("/vg2020/insatser/ny/", entry_data(submission_key=key))
    assert entry_count() == 1


def test_second_post_of_the_create_form_shows_the_entry_the_first_made(developer_vgr):
    client = client_for(developer_vgr)
    key = key_of(client.get("/vg2020/insatser/ny/"))
    client.post("/vg2020/insatser/ny/", entry_data(submission_key=key))
    response = client.post("/vg2020/insatser/ny/", entry_data(submission_key=key), follow=True)
    entry = SpendingEntry.objects.get()
    assert response.redirect_chain == [(f"/vg2020/insatser/{entry.pk}/", 302)]
    assert ALREADY_SENT in page_text(response)


def test_each_load_of_the_form_gets_its_own_key_so_two_deliberate_entries_are_two(developer_vgr):
    client = client_for(developer_vgr)
    first, second = key_of(client.get("/vg2020/insatser/ny/")), key_of(client.get("/vg2020/insatser/ny/"))
    client.post("/vg2020/insatser/ny/", entry_data(submission_key=first))
    client.post("/vg2020/insatser/ny/", entry_data(submission_key=second))
    assert entry_count() == 2


def test_a_refused_form_keeps_its_key_and_is_saved_when_corrected(developer_vgr):
    client = client_for(developer_vgr)
    key = key_of(client.get("/vg2020/insatser/ny/"))
    refused = client.post("/vg2020/insatser/ny/", entry_data(title="", submission_key=key))
    assert key_of(refused) == key
    client.post("/vg2020/insatser/ny/", entry_data(submission_key=key))
    assert entry_count() == 1


def test_copy_sent_twice_makes_one_copy(developer_vgr):
    source = make_entry(year=2015, title="Förra året")
    client = client_for(developer_vgr)
    key = key_of(client.get("/vg2020/insatser/kopiera/?year=2016"))
    data = {"entries": [source.pk], "submission_key": key}
    client.post("/vg2020/insatser/kopiera/?year=2016", data)
    response = client.post("/vg2020/insatser/kopiera/?year=2016", data, follow=True)
    assert SpendingEntry.objects.filter(reporting_year__year=2016).count() == 1
    assert response.redirect_chain == [("/vg2020/insatser/?year=2016", 302)]


def test_edit_sent_twice_is_saved_once_without_a_conflict(developer_vgr):
    entry = make_entry(title="Före")
    client = client_for(developer_vgr)
    key = key_of(client.get(f"/vg2020/insatser/{entry.pk}/andra/"))
    data = edit_data(entry, title="Efter", submission_key=key)
    client.post(f"/vg2020/insatser/{entry.pk}/andra/", data)
    response = client.post(f"/vg2020/insatser/{entry.pk}/andra/", data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.title, entry.version) == ("Efter", 2)


def test_another_users_key_writes_nothing(developer_vgr, developer_gr):
    client_vgr = client_for(developer_vgr)
    key = key_of(client_vgr.get("/vg2020/insatser/ny/"))
    client_vgr.post("/vg2020/insatser/ny/", entry_data(submission_key=key))
    response = client_for(developer_gr).post(
        "/vg2020/insatser/ny/", entry_data(actor="GR", submission_key=key)
    )
    assert response.status_code == 302
    assert list(SpendingEntry.objects.values_list("actor__short_name", flat=True)) == ["VGR"]


def test_keys_older_than_a_day_are_forgotten(developer_vgr):
    from datetime import timedelta

    from django.utils import timezone

    SubmissionToken.objects.create(
        key="gammal", user=developer_vgr, created_at=timezone.now() - timedelta(days=2)
    )
    client_for(developer_vgr).post("/vg2020/insatser/ny/", entry_data(submission_key="ny-nyckel"))
    assert list(SubmissionToken.objects.values_list("key", flat=True)) == ["ny-nyckel"]
