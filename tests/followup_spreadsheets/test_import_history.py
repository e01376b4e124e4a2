"""The import records the entries it creates in their history, written inside the database."""

import pytest

from followup.models import ImportBatch, SpendingEntry
from tests.conftest import client_for

from .conftest import row, upload_and_confirm, xlsx

pytestmark = pytest.mark.django_db


def test_created_entries_get_one_history_record_each_with_their_municipalities(developer_vgr):
    upload_and_confirm(client_for(developer_vgr), xlsx([row(title="Ny", municipalities="Ale, Alingsås")]))
    entry = SpendingEntry.objects.get(title="Ny")
    batch = ImportBatch.objects.get()
    (record,) = entry.history.all()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+",
        developer_vgr,
        f"Import: insatser.xlsx (#{batch.pk})",
    )
    assert (record.title, record.amount, record.last_import_id) == (entry.title, entry.amount, batch.pk)
    assert sorted(link.municipality.name for link in record.municipalities.all()) == ["Ale", "Alingsås"]
