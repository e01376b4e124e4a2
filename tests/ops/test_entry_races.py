"""Two requests at once on one entry page, against the real PostgreSQL database: a double
click on Ta bort, a save racing a deletion, a create or copy form sent twice. Neither
request gets a 500, and nothing is written twice.

Real threads, each with its own database connection, released together by a barrier;
several rounds, so that both orders of arrival are met.
"""

import re
import threading

import pytest
from django.test import Client

from followup.models import SpendingEntry
from tests.conftest import make_entry
from tests.followup_entries.conftest import edit_data, entry_data
from tests.ops.test_concurrency import BARRIER_TIMEOUT, run_in_threads

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]

ROUNDS = 4


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def key_of(client: Client, url: str) -> str:
    return re.search(r'name="submission_key" value="([^"]+)"', client.get(url).content.decode()).group(1)


def at_once(*posts: tuple[Client, str, dict]) -> list[int]:
    """Send the posts at the same moment; return their status codes in order."""
    barrier = threading.Barrier(len(posts), timeout=BARRIER_TIMEOUT)
    statuses: list[int | None] = [None] * len(posts)

    def send(index: int) -> None:
        client, url, data = posts[index]
        barrier.wait()
        statuses[index] = client.post(url, data).status_code

    assert run_in_threads(len(posts), send) == []
    return statuses


def test_double_click_on_ta_bort_deletes_once_and_answers_both_clicks(developer_vgr):
    client = signed_in(developer_vgr)
    for _ in range(ROUNDS):
        entry = make_entry()
        url = f"/vg2020/insatser/{entry.pk}/ta-bort/"
        data = {"submission_key": key_of(client, url)}
        assert at_once((client, url, data), (client, url, data)) == [302, 302]
        assert not SpendingEntry.objects.filter(pk=entry.pk).exists()
        assert SpendingEntry.history.filter(id=entry.pk, history_type="-").count() == 1


def test_deleting_from_two_tabs_at_once_answers_both(developer_vgr):
    first, second = signed_in(developer_vgr), signed_in(developer_vgr)
    for _ in range(ROUNDS):
        entry = make_entry()
        url = f"/vg2020/insatser/{entry.pk}/ta-bort/"
        assert at_once((first, url, {}), (second, url, {})) == [302, 302]
        assert not SpendingEntry.objects.filter(pk=entry.pk).exists()


def test_a_save_racing_a_deletion_answers_both_without_an_error(developer_vgr):
    editor, deleter = signed_in(developer_vgr), signed_in(developer_vgr)
    for _ in range(ROUNDS):
        entry = make_entry()
        statuses = at_once(
            (editor, f"/vg2020/insatser/{entry.pk}/andra/", edit_data(entry, title="Ändrad")),
            (deleter, f"/vg2020/insatser/{entry.pk}/ta-bort/", {}),
        )
        assert statuses == [302, 302]
        assert not SpendingEntry.objects.filter(pk=entry.pk).exists()


def test_create_form_sent_twice_at_once_makes_one_entry(developer_vgr):
    client = signed_in(developer_vgr)
    for round_number in range(ROUNDS):
        data = entry_data(
            title=f"Runda {round_number}", submission_key=key_of(client, "/vg2020/insatser/ny/")
        )
        assert at_once((client, "/vg2020/insatser/ny/", data), (client, "/vg2020/insatser/ny/", data)) == [
            302,
            302,
        ]
        assert SpendingEntry.objects.filter(title=f"Runda {round_number}").count() == 1


def test_copy_sent_twice_at_once_makes_one_copy(developer_vgr):
    client = signed_in(developer_vgr)
    source = make_entry(year=2015, title="Förra året")
    url = "/vg2020/insatser/kopiera/?year=2016"
    for round_number in range(1, ROUNDS + 1):
        data = {"entries": [source.pk], "submission_key": key_of(client, url)}
        assert at_once((client, url, data), (client, url, data)) == [302, 302]
        assert SpendingEntry.objects.filter(reporting_year__year=2016).count() == round_number
