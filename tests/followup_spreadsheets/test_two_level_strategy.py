"""A strategy with only two levels (VG2030: long-term priorities and kraftsamlingar, no
numbered priorities) through its import template, the import, the report and its export."""

import io

import openpyxl
import pytest

from followup.models import SpendingEntry
from followup.spreadsheets.workbook import HEADING_ROWS
from tests.conftest import client_for

from .conftest import read_workbook

pytestmark = pytest.mark.django_db

TEMPLATE = "/vg2030/insatser/mall/?actor=vgr&year=2022"
HEADER_ROW = HEADING_ROWS + 1


def _template(client) -> openpyxl.Workbook:
    response = client.get(TEMPLATE)
    assert response.status_code == 200
    return read_workbook(b"".join(response.streaming_content) if response.streaming else response.content)


def _headings(sheet) -> list[str]:
    return [cell.value for cell in sheet[HEADER_ROW] if cell.value]


def test_the_template_of_a_strategy_without_priorities_has_no_priority_column(developer_vgr):
    headings = _headings(_template(client_for(developer_vgr))["Insatser"])
    assert "Prioritering" not in headings
    assert {"Rubrik", "Målområde", "Kraftsamlingsområde"} <= set(headings)


def test_its_filled_in_template_imports_and_shows_in_the_report_and_export(developer_vgr, bhu_member):
    client = client_for(developer_vgr)
    workbook = _template(client)
    sheet = workbook["Insatser"]
    column = {heading: index for index, heading in enumerate(_headings(sheet), start=1)}
    values = {
        "Rubrik": "Elektrifierade transporter",
        "Projektägare": "Lindholmen Science Park",
        "Målområde": "1",
        "Kraftsamlingsområde": "1",
        "Beviljat belopp (kr)": 750000,
        "Finansieringskälla": "Regionutvecklingsnämnden",
    }
    for heading, value in values.items():
        sheet.cell(row=HEADER_ROW + 1, column=column[heading], value=value)
    data = io.BytesIO()
    workbook.save(data)

    upload = io.BytesIO(data.getvalue())
    upload.name = "vg2030.xlsx"
    response = client.post("/vg2030/insatser/import/", {"actor": "vgr", "year": 2022, "file": upload})
    assert response.status_code == 302, response.content.decode()[:3000]
    preview = client.get(response["Location"])
    client.post(response["Location"], {"fingerprint": preview.context["fingerprint"]})

    entry = SpendingEntry.objects.get(title="Elektrifierade transporter")
    assert (entry.reporting_year.year, entry.goal_area.name, entry.focus_area.name, entry.priority) == (
        2022,
        "stärka innovationskraften",
        "elektrifiering",
        None,
    )
    reader = client_for(bhu_member)
    report = reader.get("/vg2030/uppfoljning/?fran=2022&till=2022").content.decode()
    assert "Per långsiktig prioritering" in report and "Per prioritering" not in report
    export = read_workbook(
        b"".join(reader.get("/vg2030/uppfoljning/export.xlsx?fran=2022&till=2022").streaming_content)
    )
    amounts = [
        cell.value
        for row in export.worksheets[0].iter_rows()
        for cell in row
        if isinstance(cell.value, (int, float))
    ]
    assert 750000 in amounts
    assert "Prioritering" not in export.sheetnames
    assert {"Långsiktig prioritering", "Aktör × långsiktig prioritering"} <= set(export.sheetnames)
