"""The import template: who may download it, and what it holds."""

import io
from decimal import Decimal

import pytest

from followup.models import ReportingYear, SpendingEntry
from strategy.models import Priority
from tests.conftest import client_for, focus_area, make_entry

from .conftest import HEADINGS, database_state, preview_of, read_workbook, upload_and_confirm

pytestmark = pytest.mark.django_db

TEMPLATE = "/vg2020/insatser/mall/?actor=vgr&year=2016"
HEADER_ROW = 5


def download(user, url: str = TEMPLATE):
    return client_for(user).get(url)


def test_developer_downloads_template_with_entry_sheet_instructions_and_lists(developer_vgr):
    response = download(developer_vgr)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="importmall-vgr-2016.xlsx"'
    workbook = read_workbook(response.content)
    assert workbook.sheetnames == ["Insatser", "Instruktioner", "Listor"]
    sheet = workbook["Insatser"]
    assert sheet["A1"].value == "Importmall: insatser för VGR 2016"
    assert [cell.value for cell in sheet[HEADER_ROW]] == HEADINGS
    assert all(cell.font.bold for cell in sheet[HEADER_ROW])
    assert sheet.freeze_panes == "B6"
    assert "Importmall för Västra Götalandsregionen (VGR), år 2016" in workbook["Instruktioner"]["A1"].value


def test_template_has_dropdowns_for_goal_area_priority_focus_area_and_funding(developer_vgr):
    sheet = read_workbook(download(developer_vgr).content)["Insatser"]
    lists = {
        str(validation.sqref): validation.formula1
        for validation in sheet.data_validations.dataValidation
        if validation.type == "list"
    }
    assert lists == {
        "F6:F505": "'Listor'!$A$2:$A$5",
        "G6:G505": f"'Listor'!$B$2:$B${Priority.objects.count() + 1}",
        "H6:H505": "'Listor'!$C$2:$C$6",
        "J6:J505": "'Listor'!$D$2:$D$8",
    }


def test_template_lists_only_focus_areas_in_force_that_year(developer_vgr):
    lists = read_workbook(download(developer_vgr, "/vg2020/insatser/mall/?actor=vgr&year=2014").content)[
        "Listor"
    ]
    assert lists["C1"].value == "Kraftsamlingsområden 2014"
    assert lists["C2"].value is None
    assert read_workbook(download(developer_vgr).content)["Listor"]["C2"].value == str(focus_area(1))


def test_template_is_prefilled_with_the_actors_entries_of_that_year_with_ids(developer_vgr):
    entry = make_entry(title="Befintlig", amount="1234567.50", priority=None, focus_area=focus_area(2))
    make_entry(actor="GR", title="Annan aktör")
    make_entry(year=2015, title="Annat år")
    sheet = read_workbook(download(developer_vgr).content)["Insatser"]
    values = [cell.value for cell in sheet[HEADER_ROW + 1]]
    assert values[:2] == [entry.pk, "Befintlig"]
    assert values[5] == "1. En ledande kunskapsregion"
    assert values[7] == str(focus_area(2))
    assert values[8] == Decimal("1234567.5")
    assert values[9] == "Regionutvecklingsnämnden"
    assert sheet.cell(row=HEADER_ROW + 1, column=9).number_format == '#,##0.00 "kr"'
    assert sheet.cell(row=HEADER_ROW + 2, column=2).value is None


def test_template_writes_ids_as_plain_integers(developer_vgr):
    entry = make_entry(title="Befintlig")
    sheet = read_workbook(download(developer_vgr).content)["Insatser"]
    id_cell = sheet.cell(row=HEADER_ROW + 1, column=1)
    assert id_cell.value == entry.pk
    assert id_cell.number_format in ("General", "0")


def test_template_uploaded_again_unchanged_changes_nothing(developer_vgr):
    entry = make_entry(title="Befintlig", description="Text", case_number="RUN 612-0195-14")
    entry.municipalities.set([1, 2])
    template = download(developer_vgr).content
    before = database_state()
    plan = preview_of(client_for(developer_vgr), template).context["plan"]
    assert (len(plan.created), len(plan.updated), len(plan.unchanged), plan.errors) == (0, 0, 1, [])
    assert database_state() == before


def test_filled_in_template_imports(developer_vgr):
    workbook = read_workbook(download(developer_vgr).content)
    sheet = workbook["Insatser"]
    sheet.cell(row=6, column=2, value="Från mallen")
    sheet.cell(row=6, column=5, value="Innovatum")
    sheet.cell(row=6, column=6, value="3. En region som tar globalt ansvar")
    sheet.cell(row=6, column=9, value=75000)
    sheet.cell(row=6, column=10, value="Miljönämnden")
    output = io.BytesIO()
    workbook.save(output)
    upload_and_confirm(client_for(developer_vgr), output.getvalue())
    entry = SpendingEntry.objects.get(title="Från mallen")
    assert (entry.amount, entry.goal_area.number, entry.funding_source) == (Decimal("75000.00"), 3, "mn")


def test_template_of_another_actor_is_not_found(developer_vgr):
    assert download(developer_vgr, "/vg2020/insatser/mall/?actor=gr&year=2016").status_code == 404


def test_template_of_unknown_year_is_not_found(developer_vgr):
    assert download(developer_vgr, "/vg2020/insatser/mall/?actor=vgr&year=abc").status_code == 404


def test_template_of_closed_year_says_it_is_closed(developer_vgr):
    ReportingYear.objects.filter(year=2016).update(is_closed=True)
    instructions = read_workbook(download(developer_vgr).content)["Instruktioner"]
    assert instructions["A2"].value.startswith("Året är stängt")


def test_bhu_member_may_not_download_template(bhu_member):
    assert download(bhu_member).status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in_for_template(client):
    response = client.get(TEMPLATE)
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/")


@pytest.mark.parametrize("path", ["/vg2020/insatser/import/", "/vg2020/insatser/import/abc/"])
def test_bhu_member_may_not_import(bhu_member, path):
    assert client_for(bhu_member).get(path).status_code == 403


def test_administrator_without_actor_may_not_import(admin_user):
    assert client_for(admin_user).get("/vg2020/insatser/import/").status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in_for_upload(client):
    response = client.post("/vg2020/insatser/import/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/")


def test_developer_sees_import_link_in_navigation(developer_vgr, bhu_member):
    assert 'href="/vg2020/insatser/import/"' in client_for(developer_vgr).get("/vg2020/").content.decode()
    assert 'href="/vg2020/insatser/import/"' not in client_for(bhu_member).get("/vg2020/").content.decode()
