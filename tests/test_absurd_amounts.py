"""Numbers no amount can be (27 digits, `1e30`, `1E+308`, a cell Excel reads as infinity)
are refused with the one Swedish message, in the entry form and in both imports: never a 500.
"""

import pytest

from followup.formatting import unreasonable_amount_message
from followup.models import SpendingEntry
from publications.indicator_import import ImportRefused, import_indicator_values
from tests.conftest import client_for
from tests.followup_entries.conftest import entry_data
from tests.followup_spreadsheets.conftest import (
    HEADINGS,
    preview_of,
    rewrite_sheet,
    row,
    sheet_with_rows,
    xlsx,
)

pytestmark = pytest.mark.django_db

ABSURD = ["9" * 27, "1e30", "1E+308"]


@pytest.mark.parametrize("typed", ABSURD)
def test_the_entry_form_refuses_an_absurd_amount(developer_vgr, typed):
    response = client_for(developer_vgr).post("/vg2020/insatser/ny/", entry_data(amount=typed))
    assert response.status_code == 200
    assert response.context["form"].errors["amount"] == [unreasonable_amount_message()]
    assert not SpendingEntry.objects.exists()


@pytest.mark.parametrize("typed", ABSURD)
def test_the_entry_form_refuses_an_absurd_project_size(developer_vgr, typed):
    response = client_for(developer_vgr).post("/vg2020/insatser/ny/", entry_data(total_project_size=typed))
    assert response.status_code == 200
    assert response.context["form"].errors["total_project_size"] == [unreasonable_amount_message()]


def _text_cell(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


def number_cell_workbook(number_xml: str) -> bytes:
    """One data row whose amount is a number cell holding `number_xml` exactly as written."""
    cells = (
        _text_cell("B2", "Ny insats")
        + _text_cell("E2", "Högskolan Väst")
        + _text_cell("F2", "1")
        + f'<c r="I2"><v>{number_xml}</v></c>'
        + _text_cell("J2", "Regionutvecklingsnämnden")
    )
    return rewrite_sheet(xlsx([]), lambda _: sheet_with_rows(f'<row r="2">{cells}</row>'))


@pytest.mark.parametrize(
    "cell", [row(amount="9" * 27), row(amount="1e30"), row(amount="1E+308"), row(amount=1e308)]
)
def test_an_import_cell_with_an_absurd_amount_is_an_error_on_its_row(developer_vgr, cell):
    preview = preview_of(client_for(developer_vgr), xlsx([cell]))
    assert preview.status_code == 200
    assert [str(error) for error in preview.context["plan"].errors] == [
        f"Rad 2, kolumn ”{HEADINGS[8]}”: {unreasonable_amount_message()}"
    ]


@pytest.mark.parametrize("number_xml", ["1E+308", "1E+309"])
def test_a_number_cell_beyond_any_amount_is_an_error_on_its_row(developer_vgr, number_xml):
    preview = preview_of(client_for(developer_vgr), number_cell_workbook(number_xml))
    assert [str(error) for error in preview.context["plan"].errors] == [
        f"Rad 2, kolumn ”{HEADINGS[8]}”: {unreasonable_amount_message()}"
    ]


def test_reloading_the_preview_of_an_absurd_amount_shows_it_again(developer_vgr):
    client = client_for(developer_vgr)
    first = preview_of(client, xlsx([row(amount="1E+308")]))
    again = client.get(first.wsgi_request.path)
    assert (first.status_code, again.status_code) == (200, 200)
    assert len(again.context["plan"].errors) == 1


def test_the_indicator_import_refuses_a_value_excel_reads_as_infinity(db):
    from tests.publications.conftest import make_indicator

    make_indicator()
    header = "".join(
        _text_cell(f"{column}1", name)
        for column, name in zip("ABCD", ["indikator", "år", "område", "värde"], strict=True)
    )
    values = _text_cell("A2", "testindikator") + '<c r="B2"><v>2019</v></c>' + _text_cell("C2", "Riket")
    values += '<c r="D2"><v>1E+309</v></c>'
    sheet = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData><row r="1">{header}</row><row r="2">{values}</row></sheetData></worksheet>'
    )
    with pytest.raises(ImportRefused) as refused:
        import_indicator_values(name="varden.xlsx", data=rewrite_sheet(xlsx([]), lambda _: sheet))
    assert [str(problem) for problem in refused.value.problems] == [
        "Rad 2, kolumn värde: Värdet är orimligt stort."
    ]
