"""Entry list exports (.xlsx, CSV, JSON): headings, values, totals, filters and visibility."""

import io
import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from followup.models import ImportBatch, SpendingEntry
from tests.conftest import client_for, focus_area, make_entry

from .conftest import database_state, preview_of, read_workbook

pytestmark = pytest.mark.django_db

HEADER_ROW = 5
EXPORT_HEADINGS = [
    "Id",
    "År",
    "Aktör",
    "Rubrik",
    "Beskrivning",
    "Diarienummer",
    "Projektägare",
    "Målområde",
    "Prioritering",
    "Kraftsamlingsområde",
    "Beviljat belopp (kr)",
    "Finansieringskälla",
    "Beräknad total projektomslutning (kr)",
    "Berörda kommuner",
    "Senast ändrad",
]


def content_of(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def entries(db):
    first = make_entry(
        title="Alfa", amount="1234567.50", total_project_size="2000000", focus_area=focus_area(2)
    )
    first.municipalities.set([1, 2])
    second = make_entry(title="Beta", amount="100000", goal=2, case_number="RUN 1-2-3")
    other_actor = make_entry(actor="GR", title="Gamma", amount="5000")
    other_year = make_entry(year=2015, title="Delta", amount="7000")
    return first, second, other_actor, other_year


def test_xlsx_export_has_heading_bold_frozen_header_autofilter_and_totals(developer_vgr, entries):
    response = client_for(developer_vgr).get("/vg2020/insatser/export.xlsx?year=2016&actor=vgr")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="insatser-2016-vgr.xlsx"'
    sheet = read_workbook(content_of(response))["Insatser"]
    assert sheet["A1"].value == "Insatser i uppföljningen av VG2020"
    assert sheet["A1"].font.bold
    assert sheet["A2"].value == "Urval: År: 2016; Aktör: VGR"
    assert sheet["A3"].value.startswith("Exporterad ")
    assert sheet["A3"].value.endswith(" av Vera")
    assert [cell.value for cell in sheet[HEADER_ROW]] == EXPORT_HEADINGS
    assert all(cell.font.bold for cell in sheet[HEADER_ROW])
    assert sheet.freeze_panes == "A6"
    assert sheet.auto_filter.ref == "A5:O7"
    totals = [cell.value for cell in sheet[8]]
    assert totals[0] == "Summa"
    assert totals[10] == Decimal("1334567.5")
    assert totals[12] == Decimal("2000000")
    assert sheet["K8"].font.bold
    assert sheet["K6"].number_format == '#,##0.00 "kr"'


def test_xlsx_export_rows_hold_the_entries_values(developer_vgr, entries):
    first = entries[0]
    sheet = read_workbook(
        content_of(client_for(developer_vgr).get("/vg2020/insatser/export.xlsx?year=2016"))
    )["Insatser"]
    values = [cell.value for cell in sheet[6]]
    assert values[:4] == [first.pk, 2016, "VGR", "Alfa"]
    assert values[7] == "1. En ledande kunskapsregion"
    assert values[9] == str(focus_area(2))
    assert values[10] == Decimal("1234567.5")
    assert values[11] == "Regionutvecklingsnämnden"
    assert values[13] == ", ".join(sorted(first.municipalities.values_list("name", flat=True)))
    assert sheet["H7"].value == "2. En region för alla"


def test_xlsx_export_writes_ids_and_years_as_plain_integers_and_amounts_in_kronor(developer_vgr, entries):
    sheet = read_workbook(
        content_of(client_for(developer_vgr).get("/vg2020/insatser/export.xlsx?year=2016"))
    )["Insatser"]
    id_cell, year_cell, amount_cell = sheet["A6"], sheet["B6"], sheet["K6"]
    assert (id_cell.value, year_cell.value) == (entries[0].pk, 2016)
    assert (id_cell.number_format, year_cell.number_format) == ("0", "0")
    assert amount_cell.number_format == '#,##0.00 "kr"'


def test_developer_exports_only_own_actors_entries(developer_vgr, entries):
    sheet = read_workbook(content_of(client_for(developer_vgr).get("/vg2020/insatser/export.xlsx")))[
        "Insatser"
    ]
    titles = [sheet.cell(row=number, column=4).value for number in range(6, sheet.max_row)]
    assert titles == ["Delta", "Alfa", "Beta"]


def test_bhu_member_exports_every_actors_entries(bhu_member, entries):
    sheet = read_workbook(content_of(client_for(bhu_member).get("/vg2020/insatser/export.xlsx?year=2016")))[
        "Insatser"
    ]
    titles = [sheet.cell(row=number, column=4).value for number in range(6, sheet.max_row)]
    assert sorted(titles) == ["Alfa", "Beta", "Gamma"]
    assert sheet.cell(row=sheet.max_row, column=11).value == Decimal("1339567.5")


def test_csv_export_is_semicolon_separated_utf8_with_bom_and_decimal_comma(developer_vgr, entries):
    response = client_for(developer_vgr).get("/vg2020/insatser/export.csv?year=2016&actor=vgr")
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    raw = content_of(response)
    assert raw.startswith("\ufeff".encode())
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0].split(";") == EXPORT_HEADINGS
    first = lines[1].split(";")
    assert first[3] == "Alfa"
    assert first[10] == "1234567,50"
    assert first[12] == "2000000,00"
    assert lines[2].split(";")[10] == "100000,00"
    assert lines[3] == ""


def test_exported_text_never_becomes_a_formula(developer_vgr):
    make_entry(title='=HYPERLINK("http://example.com")')
    client = client_for(developer_vgr)
    sheet = read_workbook(content_of(client.get("/vg2020/insatser/export.xlsx")))["Insatser"]
    assert sheet["D6"].data_type == "s"
    csv_text = content_of(client.get("/vg2020/insatser/export.csv")).decode("utf-8-sig")
    assert ";\"'=HYPERLINK" in csv_text


def test_json_api_lists_visible_entries_with_totals(developer_vgr, entries):
    response = client_for(developer_vgr).get("/vg2020/api/v1/insatser/?year=2016")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(content_of(response))
    assert data["filters"] == {"year": 2016, "actor": None}
    assert data["count"] == 2
    assert data["totals"] == {"amount": "1334567.50"}
    first = data["results"][0]
    assert first["id"] == entries[0].pk
    assert (first["actor"], first["goal_area"], first["focus_area"]) == ("vgr", 1, 2)
    assert (first["amount"], first["total_project_size"], first["funding_source"]) == (
        "1234567.50",
        "2000000.00",
        "run",
    )
    assert len(first["municipalities"]) == 2


def test_json_api_times_are_local_iso_8601_with_the_offset(developer_vgr, entries):
    SpendingEntry.objects.filter(pk=entries[0].pk).update(
        updated_at=datetime(2016, 5, 1, 10, 0, 0, 123456, tzinfo=UTC)
    )
    data = json.loads(content_of(client_for(developer_vgr).get("/vg2020/api/v1/insatser/?year=2016")))
    assert data["results"][0]["updated_at"] == "2016-05-01T12:00:00+02:00"
    generated = datetime.fromisoformat(data["generated_at"])
    assert data["generated_at"] == timezone.localtime(generated).isoformat(timespec="seconds")


def test_json_api_refuses_anonymous_readers(client, entries):
    response = client.get("/vg2020/api/v1/insatser/")
    assert response.status_code == 401
    assert "Logga in" in response.json()["error"]


def test_json_api_explains_an_unknown_filter(developer_vgr):
    response = client_for(developer_vgr).get("/vg2020/api/v1/insatser/?year=abc")
    assert response.status_code == 400
    assert response.json()["error"].startswith("Året ”abc” finns inte i strategin.")


def test_export_with_unknown_actor_is_a_bad_request(developer_vgr):
    response = client_for(developer_vgr).get("/vg2020/insatser/export.csv?actor=okand")
    assert response.status_code == 400
    assert "Det finns ingen aktör ”okand”." in response.content.decode()


def test_anonymous_visitor_is_sent_to_sign_in_for_exports(client):
    response = client.get("/vg2020/insatser/export.xlsx")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/")


def test_exported_workbook_imported_again_changes_nothing(developer_vgr, entries):
    client = client_for(developer_vgr)
    export = content_of(client.get("/vg2020/insatser/export.xlsx?year=2016&actor=vgr"))
    before = database_state()
    plan = preview_of(client, export, name="insatser-2016-vgr.xlsx").context["plan"]
    assert plan.errors == []
    assert (len(plan.created), len(plan.updated), len(plan.unchanged)) == (0, 0, 2)
    assert database_state() == before


def test_export_of_another_year_is_refused_when_imported(developer_vgr, entries):
    client = client_for(developer_vgr)
    export = content_of(client.get("/vg2020/insatser/export.xlsx?year=2015&actor=vgr"))
    plan = preview_of(client, export).context["plan"]
    assert [error.column for error in plan.errors] == ["Id", "År"]
    assert ImportBatch.objects.count() == 0


@pytest.mark.parametrize(
    "path", ["/vg2020/insatser/export.xlsx", "/vg2020/insatser/export.csv", "/vg2020/api/v1/insatser/"]
)
def test_exports_use_the_same_number_of_queries_for_few_and_many_entries(bhu_member, path):
    def queries_for_export() -> int:
        client = client_for(bhu_member)
        with CaptureQueriesContext(connection) as captured:
            content_of(client.get(path))
        return len(captured)

    make_entry(title="En")
    few = queries_for_export()
    for number in range(60):
        entry = make_entry(title=f"Insats {number}")
        entry.municipalities.set([1, 2, 3])
    assert SpendingEntry.objects.count() == 61
    assert queries_for_export() == few


@pytest.fixture
def many_entries(db):
    """Five 2016 entries of VGR, Alfa … Epsilon in export order; every other one without
    a total project size, priority or focus area, so a styled cell follows an empty one."""
    created = []
    for number, title in enumerate(["Alfa", "Beta", "Delta", "Epsilon", "Gamma"]):
        entry = make_entry(
            title=title,
            amount=f"{1000 * (number + 1)}.25",
            total_project_size=None if number % 2 else f"{5000 * (number + 1)}",
            focus_area=None if number % 2 else focus_area(2),
        )
        SpendingEntry.objects.filter(pk=entry.pk).update(
            updated_at=datetime(2016, 5, 1 + number, 10, 30, tzinfo=UTC)
        )
        created.append(entry)
    created[0].municipalities.set([3, 1, 2])
    return created


def test_xlsx_export_formats_every_row_and_carries_no_value_into_the_next(developer_vgr, many_entries):
    sheet = read_workbook(
        content_of(client_for(developer_vgr).get("/vg2020/insatser/export.xlsx?year=2016"))
    )["Insatser"]
    rows = list(sheet.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + 5))
    for number, (cells, entry) in enumerate(zip(rows, many_entries, strict=True)):
        values = [cell.value for cell in cells]
        assert values[0] == entry.pk
        assert values[3] == entry.title
        assert values[10] == Decimal(f"{1000 * (number + 1)}.25")
        assert values[12] == (None if number % 2 else Decimal(5000 * (number + 1)))
        assert (values[9] or "") == ("" if number % 2 else str(focus_area(2)))
        # Stockholm summer time: the time as users read it, never UTC.
        assert values[14] == datetime(2016, 5, 1 + number, 12, 30)
        assert [cells[index].number_format for index in (0, 1, 10, 14)] == [
            "0",
            "0",
            '#,##0.00 "kr"',
            "yyyy-mm-dd hh:mm",
        ]
        if values[12] is not None:
            assert cells[12].number_format == '#,##0.00 "kr"'
    totals = [cell.value for cell in sheet[HEADER_ROW + 6]]
    assert totals[0] == "Summa"
    assert (totals[10], totals[12]) == (Decimal("15001.25"), Decimal("45000"))


def test_xlsx_export_drops_characters_excel_cannot_hold_and_keeps_line_breaks(developer_vgr):
    make_entry(title="Klocka\x07 och tab\tb", description="Rad ett\nrad två")
    sheet = read_workbook(content_of(client_for(developer_vgr).get("/vg2020/insatser/export.xlsx")))[
        "Insatser"
    ]
    assert sheet["D6"].value == "Klocka och tab\tb"
    assert sheet["E6"].value == "Rad ett\nrad två"


def test_streamed_csv_and_json_hold_every_row_across_chunks(developer_vgr, many_entries, monkeypatch):
    from followup.spreadsheets import workbook

    monkeypatch.setattr(workbook, "STREAM_ROWS", 2)
    client = client_for(developer_vgr)
    csv_response = client.get("/vg2020/insatser/export.csv?year=2016")
    chunks = list(csv_response.streaming_content)
    assert len(chunks) > 2
    lines = b"".join(chunks).decode("utf-8-sig").split("\r\n")
    assert [line.split(";")[3] for line in lines[1:6]] == ["Alfa", "Beta", "Delta", "Epsilon", "Gamma"]
    first = lines[1].split(";")
    assert (first[10], first[12], first[14]) == ("1000,25", "5000,00", "2016-05-01 12:30")
    assert lines[2].split(";")[12] == ""
    assert lines[6] == ""

    data = json.loads(content_of(client.get("/vg2020/api/v1/insatser/?year=2016")))
    assert data["count"] == 5
    assert [row["title"] for row in data["results"]] == ["Alfa", "Beta", "Delta", "Epsilon", "Gamma"]
    assert data["totals"] == {"amount": "15001.25"}
    assert data["results"][0]["updated_at"] == "2016-05-01T12:30:00+02:00"
    assert data["results"][1]["focus_area"] is None
    assert data["results"][1]["total_project_size"] is None


def test_municipalities_are_sorted_in_every_format(developer_vgr, many_entries):
    from strategy.models import Municipality

    names = sorted(Municipality.objects.filter(pk__in=[1, 2, 3]).values_list("name", flat=True))
    client = client_for(developer_vgr)
    sheet = read_workbook(content_of(client.get("/vg2020/insatser/export.xlsx?year=2016")))["Insatser"]
    assert sheet["N6"].value == ", ".join(names)
    assert sheet["N7"].value in ("", None)
    csv_lines = content_of(client.get("/vg2020/insatser/export.csv?year=2016")).decode("utf-8-sig")
    assert csv_lines.split("\r\n")[1].split(";")[13] == ", ".join(names)
    data = json.loads(content_of(client.get("/vg2020/api/v1/insatser/?year=2016")))
    assert data["results"][0]["municipalities"] == names
    assert data["results"][1]["municipalities"] == []


def test_a_table_of_mappings_and_one_of_sequences_write_the_same_workbook():
    from followup.spreadsheets.workbook import Column, Table, write_xlsx

    columns = [Column("name", "Namn"), Column("amount", "Belopp", "kr", total=True)]
    moment = timezone.now()
    mappings = [{"name": "a", "amount": Decimal("1.50")}, {"name": "=b", "amount": None}]
    sequences = [("a", Decimal("1.50")), ("=b", None)]
    sheets = []
    for rows in (mappings, sequences):
        target = io.BytesIO()
        write_xlsx(Table(title="T", columns=columns, rows=rows, generated_at=moment), target)
        sheet = read_workbook(target.getvalue())["Data"]
        cells = [cell for row in sheet.rows for cell in row]
        sheets.append([(cell.value, cell.number_format, cell.data_type) for cell in cells])
    assert sheets[0] == sheets[1]
    assert ("=b", "General", "s") in sheets[0]
    assert (Decimal("1.5"), '#,##0.00 "kr"', "n") in sheets[0]
