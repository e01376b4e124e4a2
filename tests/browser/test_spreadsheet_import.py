"""A regional developer downloads the template, fills it in, uploads it, previews and confirms."""

from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from followup.models import ImportBatch, SpendingEntry
from tests.conftest import make_entry

from .conftest import assert_accessible, sign_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def download_template(page, tmp_path: Path) -> Path:
    page.goto("/vg2020/insatser/import/")
    template_form = page.locator("form[method=get]")
    template_form.get_by_label("Aktör").select_option("vgr")
    template_form.get_by_label("År").select_option("2016")
    with page.expect_download() as download_info:
        template_form.get_by_role("button", name="Hämta mall (.xlsx)").click()
    target = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(target)
    return target


def upload(page, path: Path) -> None:
    page.goto("/vg2020/insatser/import/")
    upload_form = page.locator("form[method=post][enctype]")
    upload_form.get_by_label("Aktör").select_option("vgr")
    upload_form.get_by_label("År").select_option("2016")
    upload_form.get_by_label("Fil").set_input_files(str(path))
    upload_form.get_by_role("button", name="Ladda upp och granska").click()
    page.wait_for_load_state()


def test_developer_imports_a_filled_in_template(page, developer_vgr, tmp_path):
    existing = make_entry(title="Befintlig insats", amount="100000")
    sign_in_as(page, developer_vgr)
    page.get_by_role("link", name="Importera").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Importera insatser från Excel"
    assert_accessible(page)

    path = download_template(page, tmp_path)
    assert path.name == "importmall-vgr-2016.xlsx"
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Insatser"]
    assert sheet["A6"].value == existing.pk
    sheet["I6"] = 125000
    for row, (title, amount) in enumerate(
        [("Biogas i Skaraborg", "1 234 567"), ("Teknikcollege", 350000.5)], 7
    ):
        sheet.cell(row=row, column=2, value=title)
        sheet.cell(row=row, column=5, value="Högskolan i Skövde")
        sheet.cell(row=row, column=6, value="3. En region som tar globalt ansvar")
        sheet.cell(row=row, column=9, value=amount)
        sheet.cell(row=row, column=10, value="Regionutvecklingsnämnden")
    workbook.save(path)

    upload(page, path)
    assert page.get_by_role("heading", level=1).inner_text() == "Granska importen"
    assert page.get_by_role("table", name="Nya insatser (2)").is_visible()
    assert page.get_by_role("table", name="Ändrade insatser (1)").is_visible()
    assert_accessible(page)
    assert SpendingEntry.objects.count() == 1

    page.get_by_role("button", name="Bekräfta och importera").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Importer"
    assert page.get_by_text("2 nya, 1 ändrade och 0 oförändrade").is_visible()
    assert_accessible(page)
    amounts = dict(SpendingEntry.objects.values_list("title", "amount"))
    assert amounts == {
        "Befintlig insats": Decimal("125000.00"),
        "Biogas i Skaraborg": Decimal("1234567.00"),
        "Teknikcollege": Decimal("350000.50"),
    }
    assert ImportBatch.objects.get().file_name == "importmall-vgr-2016.xlsx"


def test_preview_with_errors_is_accessible(page, developer_vgr, tmp_path):
    sign_in_as(page, developer_vgr)
    path = download_template(page, tmp_path)
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Insatser"]
    sheet["B6"], sheet["E6"], sheet["F6"], sheet["I6"], sheet["J6"] = "Fel", "Ägare", "9", "-5", "Okänd"
    workbook.save(path)
    upload(page, path)
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_role("table", name="Fel per rad och kolumn").is_visible()
    assert page.get_by_role("button", name="Bekräfta och importera").count() == 0
    assert_accessible(page)
    assert SpendingEntry.objects.count() == 0


def test_refused_file_shows_linked_error_on_upload_page(page, developer_vgr, tmp_path):
    sign_in_as(page, developer_vgr)
    path = tmp_path / "insatser.xlsx"
    path.write_bytes(b"%PDF-1.7\n%%EOF")
    upload(page, path)
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_role(
        "link", name="Fil: Filen är en PDF, inte en Excel-arbetsbok. Ladda upp en .xlsx-fil."
    ).is_visible()
    assert_accessible(page)
