"""A confirmation that meets a write not yet committed waits for it, then plans again
(PostgreSQL: row locks and real concurrency)."""

import threading
import time

import pytest
from django.db import connection, transaction

from followup.models import SpendingEntry
from tests.conftest import client_for, make_entry

from .conftest import row, upload, xlsx

pytestmark = pytest.mark.django_db(transaction=True)

WAIT_SECONDS = 30


def blocked_by_me() -> int:
    """How many other connections wait for a lock this connection's transaction holds."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # else the view repeats its first answer
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))"
        )
        return cursor.fetchone()[0]


def test_confirm_waits_for_an_uncommitted_edit_and_then_matches_the_row_to_it(developer_vgr):
    """A colleague turns an entry the file does not name into the file's new row while the
    import is confirmed: the stored plan (create it) no longer holds, and confirming must
    neither overwrite nor duplicate; it sends the user back to a new preview."""
    if connection.vendor != "postgresql":
        pytest.skip("Kräver PostgreSQL (radlås och verklig samtidighet).")
    colleagues = make_entry(title="Gammal")
    client = client_for(developer_vgr)
    response = upload(client, xlsx([row()]))
    address = response["Location"]
    fingerprint = client.get(address).context["fingerprint"]
    confirmed = {}

    def confirm() -> None:
        try:
            confirmed["response"] = client.post(address, {"fingerprint": fingerprint})
        finally:
            connection.close()

    with transaction.atomic():
        SpendingEntry.objects.filter(pk=colleagues.pk).update(
            title="Ny insats", project_owner="Högskolan Väst", amount="250000.00"
        )
        thread = threading.Thread(target=confirm)
        thread.start()
        deadline = time.monotonic() + WAIT_SECONDS
        while not blocked_by_me() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert blocked_by_me(), "Bekräftelsen väntade aldrig på den pågående ändringen"
    thread.join(timeout=WAIT_SECONDS)
    assert not thread.is_alive()
    assert confirmed["response"]["Location"] == address  # a new preview, with a warning
    assert list(SpendingEntry.objects.values_list("pk", "title")) == [(colleagues.pk, "Ny insats")]
