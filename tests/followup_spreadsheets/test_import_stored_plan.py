"""Confirming applies the plan the preview validated, unless the data changed in between:
then the rows are validated again under the lock, so a concurrent change is still caught.
"""

from decimal import Decimal
from unittest import mock

import pytest

from followup.models import ImportBatch, PendingImport, SpendingEntry
from followup.spreadsheets import applying
from reporting.models import Status
from strategy.page_cache import data_version
from tests.conftest import client_for, make_entry
from tests.reporting.conftest import actor_year, open_round, set_status

from .conftest import database_state, row, same_as, upload, xlsx

pytestmark = pytest.mark.django_db


def previewed(client, data: bytes):
    """Upload and open the preview; returns the preview's address and its fingerprint."""
    response = upload(client, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    return response["Location"], preview.context["fingerprint"]


def confirmed(client, address: str, fingerprint: str):
    """Confirm, noting whether the rows were planned again."""
    with mock.patch.object(applying, "plan_import", wraps=applying.plan_import) as planned_again:
        response = client.post(address, {"fingerprint": fingerprint})
    return response, planned_again.called


def outcome() -> list[tuple]:
    """What an import leaves behind: every entry's values, municipalities and history."""
    return [
        (
            entry.title,
            entry.amount,
            entry.funding_source,
            entry.goal_area.number,
            sorted(entry.municipalities.values_list("name", flat=True)),
            entry.version,
            [
                (record.history_type, (record.history_change_reason or "")[:7])
                for record in entry.history.all()
            ],
        )
        for entry in SpendingEntry.objects.order_by("title")
    ]


@pytest.mark.parametrize("elsewhere_changed", [False, True], ids=["unchanged", "changed-elsewhere"])
def test_confirm_gives_the_same_result_whether_it_applies_the_stored_plan_or_plans_again(
    developer_vgr, elsewhere_changed
):
    existing = make_entry(title="Befintlig")
    other_actors = make_entry(title="Någon annans", actor="GR")
    data = xlsx(
        [
            same_as(existing, title="Befintlig, ändrad"),
            row(title="Helt ny", amount="1 234,50", municipalities="Ale, Borås"),
        ]
    )
    client = client_for(developer_vgr)
    address, fingerprint = previewed(client, data)
    if elsewhere_changed:
        # Not an entry the file touches, but the data version moves, so the rows are planned again.
        SpendingEntry.objects.filter(pk=other_actors.pk).update(description="Ändrad")
    response, planned_again = confirmed(client, address, fingerprint)
    assert response.status_code == 302
    assert planned_again == elsewhere_changed
    batch = ImportBatch.objects.get()
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (1, 1, 0)
    assert outcome() == [
        (
            "Befintlig, ändrad",
            Decimal("100000.00"),
            existing.funding_source,
            1,
            [],
            2,
            [("~", "Import:"), ("+", "")],
        ),
        (
            "Helt ny",
            Decimal("1234.50"),
            "run",
            1,
            ["Ale", "Borås"],
            1,
            [("+", "Import:")],
        ),
        ("Någon annans", Decimal("100000.00"), other_actors.funding_source, 1, [], 1, [("+", "")]),
    ]

    # The same file again, confirmed from its stored plan: nothing changes.
    after_first, first_outcome = database_state(), outcome()
    address, fingerprint = previewed(client, data)
    response, planned_again = confirmed(client, address, fingerprint)
    assert response.status_code == 302
    assert not planned_again
    second = ImportBatch.objects.latest("pk")
    assert (second.created_count, second.updated_count, second.unchanged_count) == (0, 0, 2)
    assert database_state()[:2] == after_first[:2]
    assert outcome() == first_outcome


def test_entry_deleted_between_preview_and_confirm_is_validated_again_and_refused(developer_vgr):
    entry = make_entry(title="Försvinner")
    client = client_for(developer_vgr)
    address, fingerprint = previewed(client, xlsx([same_as(entry, title="Från filen"), row(title="Ny")]))
    entry_id = entry.pk
    entry.delete()
    before = database_state()
    response, planned_again = confirmed(client, address, fingerprint)
    assert planned_again
    assert response.status_code == 200
    assert f"Det finns ingen insats med id {entry_id} för VGR 2016" in response.content.decode()
    assert database_state() == before


def test_entry_edited_between_preview_and_confirm_is_not_overwritten(developer_vgr):
    entry = make_entry(title="Före")
    client = client_for(developer_vgr)
    address, fingerprint = previewed(client, xlsx([same_as(entry, title="Från filen")]))
    SpendingEntry.objects.filter(pk=entry.pk).update(title="Ändrad av kollega", version=2)
    before = database_state()
    response, planned_again = confirmed(client, address, fingerprint)
    assert planned_again
    assert response["Location"] == address  # back to a new preview, with a warning
    assert database_state() == before
    entry.refresh_from_db()
    assert entry.title == "Ändrad av kollega"


def test_actor_year_submitted_between_preview_and_confirm_is_refused(developer_vgr, compiler):
    """Submitting does not move the data version (the reporting round is not versioned), so
    the write rule is asked again whatever the version says."""
    round_ = open_round(compiler)
    client = client_for(developer_vgr)
    address, fingerprint = previewed(client, xlsx([row(title="Ny")]))
    version = data_version()
    set_status(actor_year(round_), Status.SUBMITTED)
    assert data_version() == version
    before = database_state()
    response, _ = confirmed(client, address, fingerprint)
    assert response.status_code == 200
    assert "VGR:s år 2016 är inlämnat och kan inte ändras." in response.content.decode()
    assert database_state() == before


def test_confirm_with_another_fingerprint_than_the_stored_plan_writes_nothing(developer_vgr):
    client = client_for(developer_vgr)
    address, _ = previewed(client, xlsx([row(title="Ny")]))
    before = database_state()
    response, planned_again = confirmed(client, address, "ett annat fingeravtryck")
    assert planned_again
    assert response["Location"] == address
    assert database_state() == before


def test_kept_plan_that_cannot_be_read_back_is_removed_with_a_message(developer_vgr):
    client = client_for(developer_vgr)
    address, fingerprint = previewed(client, xlsx([row(title="Ny")]))
    PendingImport.objects.update(plan=b"inte zlib")
    before = database_state()
    response = client.post(address, {"fingerprint": fingerprint}, follow=True)
    assert "Den uppladdade filen kunde inte läsas igen" in response.content.decode()
    assert not PendingImport.objects.exists()
    assert database_state() == before
