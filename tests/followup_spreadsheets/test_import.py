"""Importing a workbook: preview, confirmation in one transaction, history, idempotence."""

from decimal import Decimal

import pytest

from followup.models import ImportBatch, ReportingYear, SpendingEntry
from tests.conftest import client_for, focus_area, make_entry

from .conftest import database_state, preview_of, row, same_as, upload, upload_and_confirm, xlsx

pytestmark = pytest.mark.django_db


def test_preview_lists_new_rows_and_writes_nothing(developer_vgr):
    before = database_state()
    preview = preview_of(client_for(developer_vgr), xlsx([row(title="Biogas i Skaraborg")]))
    assert preview.status_code == 200
    assert [planned.title for planned in preview.context["plan"].created] == ["Biogas i Skaraborg"]
    assert "Bekräfta och importera" in preview.content.decode()
    assert database_state() == before


def test_confirmed_import_creates_entries_with_the_amounts_typed(developer_vgr):
    data = xlsx(
        [
            row(title="A", amount="1 234 567"),
            row(title="B", amount="1234567,50"),
            row(title="C", amount="  2 500 kr "),
            row(title="D", amount=3000000),
            row(title="E", amount=1500.25),
        ]
    )
    response = upload_and_confirm(client_for(developer_vgr), data)
    assert response.status_code == 302
    assert response["Location"] == "/vg2020/insatser/importer/"
    amounts = dict(SpendingEntry.objects.values_list("title", "amount"))
    assert amounts == {
        "A": Decimal("1234567.00"),
        "B": Decimal("1234567.50"),
        "C": Decimal("2500.00"),
        "D": Decimal("3000000.00"),
        "E": Decimal("1500.25"),
    }


def test_import_accepts_numbers_names_stray_spaces_and_funding_codes(developer_vgr):
    data = xlsx(
        [
            row(
                title="  Sommarjobb för unga  ",
                goal_area=" en region  för alla ",
                priority="9",
                focus_area="4. Underlätta ungdomars och nyanländas insteg på arbetsmarknaden",
                funding_source="eu",
                municipalities="Ale, alingsås",
            ),
            row(title="Andra", goal_area="2. En region för alla", priority="9", funding_source=" EU-medel "),
        ]
    )
    upload_and_confirm(client_for(developer_vgr), data)
    entry = SpendingEntry.objects.get(title="Sommarjobb för unga")
    assert (entry.goal_area.number, entry.priority.number, entry.focus_area) == (2, 9, focus_area(4))
    assert entry.funding_source == "eu"
    assert sorted(entry.municipalities.values_list("name", flat=True)) == ["Ale", "Alingsås"]
    assert SpendingEntry.objects.get(title="Andra").goal_area.number == 2


def test_empty_rows_are_skipped(developer_vgr):
    data = xlsx([row(title="Första"), [None] * 12, ["", "  ", None], row(title="Andra")])
    upload_and_confirm(client_for(developer_vgr), data)
    assert sorted(SpendingEntry.objects.values_list("title", flat=True)) == ["Andra", "Första"]


def test_row_with_id_changes_that_entry_and_records_the_file_in_its_history(developer_vgr):
    entry = make_entry(title="Gammal rubrik", amount="100000")
    data = xlsx([same_as(entry, title="Ny rubrik", amount="150 000")])
    upload_and_confirm(client_for(developer_vgr), data, name="vgr-2016.xlsx")
    entry.refresh_from_db()
    batch = ImportBatch.objects.get()
    assert (entry.title, entry.amount, entry.version) == ("Ny rubrik", Decimal("150000.00"), 2)
    assert entry.last_import == batch
    latest = entry.history.latest()
    assert latest.history_change_reason == f"Import: vgr-2016.xlsx (#{batch.pk})"
    assert latest.history_user == developer_vgr


def test_import_batch_records_who_which_file_and_counts(developer_vgr):
    unchanged = make_entry(title="Samma")
    changed = make_entry(title="Ändras")
    rows = [
        same_as(unchanged),
        same_as(changed, title="Ändrad"),
        row(title="Ny"),
    ]
    upload_and_confirm(client_for(developer_vgr), xlsx(rows), name="uppföljning.xlsx")
    batch = ImportBatch.objects.get()
    assert (batch.created_by, batch.file_name, batch.actor.short_name, batch.reporting_year.year) == (
        developer_vgr,
        "uppföljning.xlsx",
        "VGR",
        2016,
    )
    assert (batch.created_count, batch.updated_count, batch.unchanged_count) == (1, 1, 1)
    assert SpendingEntry.objects.get(title="Ny").last_import == batch


def test_same_file_uploaded_twice_changes_nothing_the_second_time(developer_vgr):
    existing = make_entry(title="Befintlig")
    data = xlsx([same_as(existing, title="Befintlig, ändrad"), row(title="Helt ny", municipalities="Ale")])
    client = client_for(developer_vgr)
    upload_and_confirm(client, data)
    after_first = database_state()
    preview = preview_of(client, data)
    plan = preview.context["plan"]
    assert (len(plan.created), len(plan.updated), len(plan.unchanged)) == (0, 0, 2)
    assert "Filen ändrar ingenting" in preview.content.decode()
    assert database_state() == after_first


def test_unchanged_rows_write_no_history(developer_vgr):
    entry = make_entry(title="Samma")
    history_before = entry.history.count()
    response = upload_and_confirm(client_for(developer_vgr), xlsx([same_as(entry), row(title="Ny")]))
    assert response.status_code == 302
    assert entry.history.count() == history_before
    entry.refresh_from_db()
    assert entry.last_import is None


def test_confirm_refuses_when_an_entry_changed_after_the_preview(developer_vgr):
    entry = make_entry(title="Före")
    client = client_for(developer_vgr)
    response = upload(client, xlsx([same_as(entry, title="Från filen")]))
    preview = client.get(response["Location"])
    SpendingEntry.objects.filter(pk=entry.pk).update(title="Ändrad av kollega", version=2)
    before = database_state()
    confirm = client.post(response["Location"], {"fingerprint": preview.context["fingerprint"]})
    assert confirm.status_code == 302
    assert confirm["Location"] == response["Location"]
    assert database_state() == before
    entry.refresh_from_db()
    assert entry.title == "Ändrad av kollega"


def test_confirm_revalidates_and_refuses_a_year_closed_after_the_preview(developer_vgr):
    client = client_for(developer_vgr)
    response = upload(client, xlsx([row()]))
    preview = client.get(response["Location"])
    ReportingYear.objects.filter(year=2016).update(is_closed=True)
    before = database_state()
    confirm = client.post(response["Location"], {"fingerprint": preview.context["fingerprint"]})
    assert confirm.status_code == 200
    assert "är stängt" in confirm.content.decode()
    assert database_state() == before


def test_preview_of_another_session_is_not_found(developer_vgr):
    response = upload(client_for(developer_vgr), xlsx([row()]))
    other_session = client_for(developer_vgr)
    followed = other_session.post(response["Location"], {"fingerprint": "x"})
    assert followed.status_code == 302
    assert followed["Location"] == "/vg2020/insatser/import/"
    assert SpendingEntry.objects.count() == 0


def test_history_page_lists_imports_of_own_actor_only(developer_vgr, developer_gr):
    upload_and_confirm(client_for(developer_vgr), xlsx([row()]), name="vgr-fil.xlsx")
    upload_and_confirm(client_for(developer_gr), xlsx([row()]), name="goteborg.xlsx", actor="gr")
    page = client_for(developer_vgr).get("/vg2020/insatser/importer/").content.decode()
    assert "vgr-fil.xlsx" in page
    assert "goteborg.xlsx" not in page


def test_bhu_reads_every_import_in_history(developer_vgr, bhu_member):
    upload_and_confirm(client_for(developer_vgr), xlsx([row()]), name="vgr-fil.xlsx")
    response = client_for(bhu_member).get("/vg2020/insatser/importer/")
    assert response.status_code == 200
    assert "vgr-fil.xlsx" in response.content.decode()


def test_identical_new_rows_create_one_entry_each_and_are_unchanged_when_uploaded_again(developer_vgr):
    data = xlsx([row(title="Delbetalning"), row(title="Delbetalning")])
    client = client_for(developer_vgr)
    upload_and_confirm(client, data)
    assert SpendingEntry.objects.filter(title="Delbetalning").count() == 2
    plan = preview_of(client, data).context["plan"]
    assert (len(plan.created), len(plan.unchanged)) == (0, 2)
