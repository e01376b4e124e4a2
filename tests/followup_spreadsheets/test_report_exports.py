"""Report exports: every report table as .xlsx sheets and as CSV, and the report as JSON."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from followup.models import SpendingEntry
from followup.reports import ReportFilters, build_report
from followup.spreadsheets.report_exports import TABLES
from strategy.models import Actor, Strategy
from tests.conftest import client_for, focus_area, make_entry, make_user

from .conftest import read_workbook

pytestmark = pytest.mark.django_db

HEADER_ROW = 5
FIRST_ROW = HEADER_ROW + 1
BREAKDOWN_HEADINGS = [
    "Målområde",
    "Belopp (kr)",
    "Andel (%)",
    "Antal insatser",
    "Förändring 2020 mot 2019 (kr)",
    "Förändring 2020 mot 2019 (%)",
    "Hävstång",
]


def content_of(response) -> bytes:
    return b"".join(response.streaming_content)


def entries_total(**filters) -> Decimal:
    """The sum of the amounts, straight from the entries: what every table must add up to."""
    return sum((entry.amount for entry in SpendingEntry.objects.filter(**filters)), Decimal(0))


def csv_lines(response) -> list[list[str]]:
    raw = content_of(response)
    assert raw.startswith("\ufeff".encode())
    return [line.split(";") for line in raw.decode("utf-8-sig").split("\r\n") if line]


def exact(value):
    """openpyxl reads numbers as floats; their shortest text is the figure that was written."""
    return Decimal(str(value)) if isinstance(value, float) else value


def data_rows(sheet) -> list[list]:
    """The rows between the header and the totals row."""
    rows = sheet.iter_rows(min_row=FIRST_ROW, max_row=sheet.max_row - 1)
    return [[exact(cell.value) for cell in row] for row in rows]


def totals_row(sheet) -> list:
    return [exact(cell.value) for cell in sheet[sheet.max_row]]


@pytest.fixture
def entries(db):
    return [
        make_entry(title="Alfa", amount="1234567.50", total_project_size="2469135", focus_area=focus_area(2)),
        make_entry(title="Beta", amount="100000", goal=2, year=2015),
        make_entry(actor="GR", title="Gamma", amount="5000.25", goal=3),
        make_entry(actor="GR", title="Delta", amount="7000", year=2020, funding_source="eu"),
    ]


def test_xlsx_export_has_one_sheet_per_report_table(bhu_member, entries):
    response = client_for(bhu_member).get("/vg2020/uppfoljning/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="uppfoljning-2014-2020.xlsx"'
    assert read_workbook(content_of(response)).sheetnames == list(TABLES.values())


def test_every_sheet_has_a_heading_with_filters_and_time_and_a_bold_frozen_header(bhu_member, entries):
    workbook = read_workbook(content_of(client_for(bhu_member).get("/vg2020/uppfoljning/export.xlsx")))
    for sheet in workbook:
        assert sheet["A1"].value.startswith("VG2020: beviljade belopp per "), sheet.title
        assert sheet["A1"].font.bold
        assert sheet["A2"].value == "Urval: År: 2014–2020"
        assert sheet["A3"].value.startswith("Exporterad ")
        assert sheet["A3"].value.endswith(" av Bertil")
        assert sheet.freeze_panes == f"A{FIRST_ROW}"
        assert all(cell.font.bold for cell in sheet[HEADER_ROW])
        assert sheet.auto_filter.ref.startswith(f"A{HEADER_ROW}:")
    assert workbook["Målområde"]["A1"].value == "VG2020: beviljade belopp per målområde"
    assert workbook["Aktör × målområde"]["A1"].value == "VG2020: beviljade belopp per aktör och målområde"


def test_every_sheets_totals_row_equals_the_sum_of_all_entries(bhu_member, entries):
    expected = entries_total()
    workbook = read_workbook(content_of(client_for(bhu_member).get("/vg2020/uppfoljning/export.xlsx")))
    for name, title in TABLES.items():
        sheet = workbook[title]
        totals = totals_row(sheet)
        assert totals[0] == "Summa", title
        amount = totals[-1] if name.startswith("actor_by_") else totals[1]
        assert amount == expected, title
        assert sheet.cell(row=sheet.max_row, column=2).font.bold


def test_breakdown_rows_add_up_to_their_totals_row(bhu_member, entries):
    workbook = read_workbook(content_of(client_for(bhu_member).get("/vg2020/uppfoljning/export.xlsx")))
    for name in ("goal_area", "priority", "focus_area", "actor", "funding_source", "year"):
        sheet = workbook[TABLES[name]]
        rows = data_rows(sheet)
        assert sum(row[1] for row in rows) == totals_row(sheet)[1], name
        assert sum(row[3] for row in rows) == totals_row(sheet)[3] == 4, name


def test_goal_area_sheet_holds_each_goal_areas_figures(bhu_member, entries):
    sheet = read_workbook(content_of(client_for(bhu_member).get("/vg2020/uppfoljning/export.xlsx")))[
        "Målområde"
    ]
    assert [cell.value for cell in sheet[HEADER_ROW]] == BREAKDOWN_HEADINGS
    first = data_rows(sheet)[0]
    assert first[0] == "1. En ledande kunskapsregion"
    assert first[1:4] == [Decimal("1241567.5"), Decimal("92.2"), 2]
    assert first[6] == 2
    assert sheet["B6"].number_format == '#,##0.00 "kr"'
    assert sheet["C6"].number_format == '0.0 "%"'
    totals = totals_row(sheet)
    assert totals[2] == 100
    assert totals[4] == Decimal("7000")


def test_matrix_sheet_has_actor_rows_with_row_totals_and_a_column_totals_row(bhu_member, entries):
    sheet = read_workbook(content_of(client_for(bhu_member).get("/vg2020/uppfoljning/export.xlsx")))[
        "Aktör × målområde"
    ]
    headings = [cell.value for cell in sheet[HEADER_ROW]]
    assert headings[0] == "Aktör"
    assert headings[1] == "1. En ledande kunskapsregion"
    assert headings[-1] == "Totalt"
    rows = {row[0]: row for row in data_rows(sheet)}
    gr = rows[Actor.objects.get(short_name="GR").name]
    assert gr[1] == 7000
    assert gr[3] == Decimal("5000.25")
    assert gr[-1] == Decimal("12000.25")
    totals = totals_row(sheet)
    assert totals[1:4] == [Decimal("1241567.5"), 100000, Decimal("5000.25")]
    assert sum(row[-1] for row in rows.values()) == totals[-1]


def test_filtered_xlsx_export_covers_only_the_filtered_entries(developer_vgr, entries):
    response = client_for(developer_vgr).get("/vg2020/uppfoljning/export.xlsx?fran=2016&till=2016&aktor=vgr")
    assert response["Content-Disposition"] == 'attachment; filename="uppfoljning-2016-2016-vgr.xlsx"'
    workbook = read_workbook(content_of(response))
    expected = entries_total(actor__slug="vgr", reporting_year__year=2016)
    assert expected == Decimal("1234567.50")
    for name, title in TABLES.items():
        sheet = workbook[title]
        assert sheet["A2"].value == "Urval: År: 2016; Aktör: Västra Götalandsregionen"
        totals = totals_row(sheet)
        assert (totals[-1] if name.startswith("actor_by_") else totals[1]) == expected, title
    assert [cell.value for cell in workbook["Målområde"][HEADER_ROW]][4] == "Förändring 2016 mot 2015 (kr)"


def test_year_sheet_compares_each_year_with_the_year_before(bhu_member, entries):
    sheet = read_workbook(
        content_of(client_for(bhu_member).get("/vg2020/uppfoljning/export.xlsx?fran=2015&till=2016"))
    )["År"]
    assert [cell.value for cell in sheet[HEADER_ROW]][4] == "Förändring mot året före (kr)"
    assert data_rows(sheet) == [
        ["2015", 100000, Decimal("7.5"), 1, None, None, None],
        ["2016", Decimal("1239567.75"), Decimal("92.5"), 2, Decimal("1139567.75"), Decimal("1139.6"), 2],
    ]


def test_csv_export_of_one_table_is_semicolon_separated_utf8_with_bom_and_decimal_comma(bhu_member, entries):
    response = client_for(bhu_member).get("/vg2020/uppfoljning/export.csv?tabell=goal_area")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="uppfoljning-goal-area-2014-2020.csv"'
    lines = csv_lines(response)
    assert lines[0] == BREAKDOWN_HEADINGS
    assert lines[1][:4] == ["1. En ledande kunskapsregion", "1241567,50", "92,2", "2"]
    assert lines[-1][:4] == ["Summa", "1346567,75", "100,0", "4"]
    assert Decimal(lines[-1][1].replace(",", ".")) == entries_total()


def test_csv_export_of_a_matrix_ends_with_the_column_totals(bhu_member, entries):
    lines = csv_lines(
        client_for(bhu_member).get("/vg2020/uppfoljning/export.csv?tabell=actor_by_focus_area&fran=2016")
    )
    assert lines[0][0] == "Aktör"
    assert lines[0][-2:] == ["Utanför kraftsamlingsområdena", "Totalt"]
    assert lines[-1][0] == "Summa"
    assert lines[-1][-1] == "1246567,75"
    assert Decimal(lines[-1][-1].replace(",", ".")) == entries_total(reporting_year__year__gte=2016)


def test_csv_export_keeps_the_filters(developer_gr, entries):
    lines = csv_lines(
        client_for(developer_gr).get("/vg2020/uppfoljning/export.csv?tabell=funding_source&aktor=gr")
    )
    by_source = {line[0]: line for line in lines[1:]}
    assert by_source["EU-medel"][1] == "7000,00"
    assert by_source["Regionutvecklingsnämnden"][1] == "5000,25"
    assert by_source["Summa"][1] == "12000,25"


@pytest.mark.parametrize("table", ["", "malomrade", "entries"])
def test_csv_export_of_an_unknown_table_is_refused_in_swedish(bhu_member, table):
    response = client_for(bhu_member).get(f"/vg2020/uppfoljning/export.csv?tabell={table}")
    assert response.status_code == 400
    text = response.content.decode()
    assert "Det finns ingen tabell som heter" in text
    assert "goal_area" in text


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("fran=abc", "Från år: Välj ett år mellan 2014 och 2020"),
        ("fran=2018&till=2016", "Året 2016 ligger före från-året 2018"),
        ("aktor=finns-inte", "Det finns ingen aktör med kortnamnet ”finns-inte”."),
        ("malomrade=9", "Det finns inget målområde med nummer ”9”."),
        ("finansiering=guld", "Det finns ingen finansieringskälla som heter ”guld”."),
    ],
)
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_with_bad_filters_is_refused_in_swedish(bhu_member, fmt, query, message):
    response = client_for(bhu_member).get(f"/vg2020/uppfoljning/export.{fmt}?tabell=year&{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_json_report_equals_the_reports_snapshot(developer_vgr, entries):
    response = client_for(developer_vgr).get("/vg2020/api/v1/uppfoljning/?fran=2016&kraftsamling=2")
    assert response.status_code == 200
    strategy = Strategy.objects.get(slug="vg2020")
    filters = ReportFilters(first_year=2016, last_year=2020, focus_area=focus_area(2))
    assert response.json() == build_report(strategy=strategy, filters=filters).as_snapshot()
    assert response.json()["total"]["total"] == "1234567.50"


def test_json_report_total_equals_the_sum_of_all_entries(bhu_member, entries):
    data = client_for(bhu_member).get("/vg2020/api/v1/uppfoljning/").json()
    assert Decimal(data["total"]["total"]) == entries_total()
    assert set(data["breakdowns"]) == {
        "goal_area",
        "priority",
        "focus_area",
        "actor",
        "funding_source",
        "year",
    }


def test_json_report_with_bad_filters_is_a_400_with_a_swedish_message(bhu_member):
    response = client_for(bhu_member).get("/vg2020/api/v1/uppfoljning/?till=1999")
    assert response.status_code == 400
    assert "Till och med år: Välj ett år mellan 2014 och 2020" in response.json()["error"]


def test_json_report_asks_anonymous_readers_to_sign_in(entries):
    response = client_for(None).get("/vg2020/api/v1/uppfoljning/")
    assert response.status_code == 401
    assert "Logga in" in response.json()["error"]
    assert "total" not in response.json()


def test_json_report_is_refused_to_a_user_without_a_role(entries):
    response = client_for(make_user("utan.roll")).get("/vg2020/api/v1/uppfoljning/")
    assert response.status_code == 403
    assert "behörighet" in response.json()["error"]


@pytest.mark.parametrize(
    "path", ["/vg2020/uppfoljning/export.xlsx", "/vg2020/uppfoljning/export.csv?tabell=year"]
)
def test_anonymous_visitor_is_sent_to_sign_in_for_report_exports(path):
    response = client_for(None).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(f"{settings.LOGIN_URL}?next=")


@pytest.mark.parametrize(
    "path", ["/vg2020/uppfoljning/export.xlsx", "/vg2020/uppfoljning/export.csv?tabell=year"]
)
def test_user_without_a_role_gets_403_for_report_exports(path):
    assert client_for(make_user("utan.roll")).get(path).status_code == 403


@pytest.mark.parametrize("role", ["developer_vgr", "developer_gr", "bhu_member", "admin_user"])
def test_every_report_reader_exports_the_whole_report(request, role, entries):
    user = request.getfixturevalue(role)
    sheet = read_workbook(content_of(client_for(user).get("/vg2020/uppfoljning/export.xlsx")))["Aktör"]
    assert totals_row(sheet)[1] == entries_total()


def test_report_exports_are_read_only(bhu_member):
    client = client_for(bhu_member)
    assert client.post("/vg2020/uppfoljning/export.xlsx").status_code == 405
    assert client.post("/vg2020/api/v1/uppfoljning/").status_code == 405


def test_overview_links_to_the_exports_with_its_filters(bhu_member, entries):
    html = client_for(bhu_member).get("/vg2020/uppfoljning/?fran=2016&finansiering=run").content.decode()
    query = "fran=2016&amp;till=2020&amp;finansiering=run"
    assert f'href="/vg2020/uppfoljning/export.xlsx?{query}"' in html
    assert f'href="/vg2020/api/v1/uppfoljning/?{query}"' in html
    for table in TABLES:
        assert f'href="/vg2020/uppfoljning/export.csv?{query}&amp;tabell={table}"' in html


def test_actor_page_links_to_exports_filtered_to_the_actor(bhu_member, entries):
    html = client_for(bhu_member).get("/vg2020/uppfoljning/aktor/gr/?till=2019").content.decode()
    query = "fran=2014&amp;till=2019&amp;aktor=gr"
    assert f'href="/vg2020/uppfoljning/export.xlsx?{query}"' in html
    assert f'href="/vg2020/uppfoljning/export.csv?{query}&amp;tabell=goal_area"' in html


def test_focus_area_page_links_to_exports_filtered_to_the_focus_area(bhu_member, entries):
    html = client_for(bhu_member).get("/vg2020/uppfoljning/kraftsamling/2/").content.decode()
    query = "fran=2014&amp;till=2020&amp;kraftsamling=2"
    assert f'href="/vg2020/uppfoljning/export.xlsx?{query}"' in html
    assert f'href="/vg2020/uppfoljning/export.csv?{query}&amp;tabell=actor_by_goal_area"' in html
    lines = csv_lines(
        client_for(bhu_member).get(
            f"/vg2020/uppfoljning/export.csv?{query.replace('&amp;', '&')}&tabell=actor"
        )
    )
    assert lines[-1][1] == "1234567,50"


def test_workbook_export_costs_the_same_queries_whatever_the_number_of_entries(bhu_member, entries):
    client = client_for(bhu_member)
    with CaptureQueriesContext(connection) as few:
        client.get("/vg2020/uppfoljning/export.xlsx")
    for number in range(30):
        make_entry(actor="GR", title=f"Fler {number}", year=2014 + number % 7, goal=1 + number % 3)
    with CaptureQueriesContext(connection) as many:
        response = client.get("/vg2020/uppfoljning/export.xlsx")
    assert len(many) == len(few)
    assert totals_row(read_workbook(content_of(response))["År"])[1] == entries_total()
