"""Files within the size limits that hold too much work, or hide rows: every row the reader
walks counts, the read has a time budget, the declared sheet dimension is not trusted,
and a hidden sheet is never read in place of the visible one.
"""

import io
import re
import zipfile

import openpyxl
import pytest

from tests.conftest import client_for

from .conftest import HEADINGS, database_state, preview_of, rewrite_sheet, row, sheet_with_rows, upload, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(developer_vgr):
    return client_for(developer_vgr)


def refused_file(client, data: bytes) -> list[str]:
    before = database_state()
    response = upload(client, data)
    assert response.status_code == 200
    assert database_state() == before
    return response.context["form"].errors["file"]


def spaces_workbook(rows: int) -> bytes:
    """The probe's file: under the heading row, `rows` rows holding one space each."""
    body = "".join(
        f'<row r="{n}"><c r="B{n}" t="inlineStr"><is><t> </t></is></c></row>' for n in range(2, rows + 2)
    )
    return rewrite_sheet(xlsx([]), lambda _: sheet_with_rows(body))


def test_rows_of_spaces_count_toward_the_row_limit_and_stop_the_read(client, settings):
    settings.IMPORT_MAX_ROWS = 5
    messages = refused_file(client, spaces_workbook(2000))
    assert messages == [
        "Bladet ”Insatser” har fler än 1\u00a0015 rader, tomma rader inräknade, och har inte lästs färdigt. "
        "Ta bort tomma rader under uppgifterna, eller dela upp filen i flera, och försök igen."
    ]


def test_the_probes_hostile_workbook_is_refused_by_the_row_count(client):
    data = spaces_workbook(50_000)
    assert len(data) < 5 * 1024 * 1024
    messages = refused_file(client, data)
    assert messages[0].startswith("Bladet ”Insatser” har fler än 6\u00a0010 rader, tomma rader inräknade")


def test_a_missing_stretch_of_rows_counts_as_the_rows_it_skips(client, settings):
    settings.IMPORT_MAX_ROWS = 5
    far_row = '<row r="1048576"><c r="B1048576" t="inlineStr"><is><t>Sist</t></is></c></row>'
    data = rewrite_sheet(xlsx([]), lambda _: sheet_with_rows(far_row))
    assert "tomma rader inräknade" in refused_file(client, data)[0]


def test_the_template_with_its_empty_formatted_rows_is_within_the_limit(client, settings):
    settings.IMPORT_MAX_ROWS = 5
    template = openpyxl.load_workbook(
        io.BytesIO(client.get("/vg2020/insatser/mall/?actor=vgr&year=2016").content)
    )
    template["Insatser"].append(row(title="Ifylld i mallen"))
    output = io.BytesIO()
    template.save(output)
    plan = preview_of(client, output.getvalue()).context["plan"]
    assert [planned.title for planned in plan.created] == ["Ifylld i mallen"]


def test_a_read_over_the_time_budget_is_refused_saying_why(client, settings):
    settings.IMPORT_MAX_SECONDS = 0
    messages = refused_file(client, xlsx([row()]))
    assert messages == [
        "Filen tog för lång tid att läsa (mer än 0 sekunder) och har inte importerats. "
        "Ta bort tomma rader och kolumner, eller dela upp filen i flera, och försök igen."
    ]


def test_rows_below_a_stale_declared_dimension_are_read(client):
    data = xlsx([row(title=f"Insats {n}") for n in range(1, 11)])
    stale = rewrite_sheet(data, lambda xml: re.sub(r'<dimension ref="[^"]+"', '<dimension ref="A1:L7"', xml))
    assert '<dimension ref="A1:L7"' in openpyxl_sheet_xml(stale)
    plan = preview_of(client, stale).context["plan"]
    assert [planned.title for planned in plan.created] == [f"Insats {n}" for n in range(1, 11)]


def openpyxl_sheet_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("xl/worksheets/sheet1.xml").decode()


def two_sheets(*, first: str, second: str, first_state: str = "visible") -> bytes:
    workbook = openpyxl.Workbook()
    for sheet, title, state in (
        (workbook.active, first, first_state),
        (workbook.create_sheet(), second, "visible"),
    ):
        sheet.title = title
        sheet.sheet_state = state
        sheet.append(HEADINGS)
        sheet.append(row(title=f"Från {title}"))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def test_a_hidden_insatser_sheet_is_not_read_instead_of_the_visible_one(client):
    data = two_sheets(first="Insatser", first_state="hidden", second="Insatser (2)")
    plan = preview_of(client, data).context["plan"]
    assert [planned.title for planned in plan.created] == ["Från Insatser (2)"]


def test_two_visible_sheets_with_entries_are_refused_naming_both(client):
    messages = refused_file(client, two_sheets(first="Insatser", second="Blad2"))
    assert messages == [
        "Arbetsboken har flera blad med insatser: ”Insatser”, ”Blad2”. Bara ett blad kan importeras. "
        "Ta bort de andra bladen, eller flytta raderna till ett blad, och ladda upp filen igen."
    ]


def test_entries_only_on_a_hidden_sheet_are_refused_saying_so(client):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Anteckningar"
    hidden = workbook.create_sheet("Insatser")
    hidden.sheet_state = "hidden"
    hidden.append(HEADINGS)
    hidden.append(row())
    output = io.BytesIO()
    workbook.save(output)
    messages = refused_file(client, output.getvalue())
    assert messages[0].startswith("Bladet med insatser är dolt (”Insatser”). Dolda blad importeras inte")


def test_the_instructions_and_lists_sheets_of_the_template_are_not_candidates(client):
    workbook = openpyxl.Workbook()
    workbook.active.title = "Insatser"
    workbook.active.append(HEADINGS)
    workbook.active.append(row(title="Enda"))
    workbook.create_sheet("Instruktioner").append(["Rubrik, Projektägare, Målområde måste fyllas i."])
    workbook.create_sheet("Listor").append(["Målområden"])
    output = io.BytesIO()
    workbook.save(output)
    plan = preview_of(client, output.getvalue()).context["plan"]
    assert [planned.title for planned in plan.created] == ["Enda"]


def with_part(data: bytes, name: str, xml: str) -> bytes:
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item.filename, source.read(item.filename))
        target.writestr(name, xml)
    return output.getvalue()


def test_more_shared_texts_than_the_rows_can_hold_are_refused_unopened(client, settings):
    settings.IMPORT_MAX_ROWS = 5
    texts = "".join(f"<si><t>Text {n}</t></si>" for n in range(2000))
    data = with_part(xlsx([row()]), "xl/sharedStrings.xml", f"<sst>{texts}</sst>")
    assert refused_file(client, data) == [
        "Filen innehåller fler textvärden (2\u00a0000) än en arbetsbok med tillåtet antal rader kan ha. "
        "Den har inte öppnats."
    ]


def test_a_workbook_bloated_with_cell_formats_is_refused_unopened(client):
    formats = '<xf numFmtId="0" fontId="0"/>' * 20_001
    data = with_part(xlsx([row()]), "xl/styles.xml", f"<styleSheet><cellXfs>{formats}</cellXfs></styleSheet>")
    assert refused_file(client, data)[0].startswith("Filen innehåller mycket mer än raderna med uppgifter")


def test_a_workbook_with_far_more_elements_than_its_rows_allow_is_refused_unopened(client, settings):
    settings.IMPORT_MAX_ROWS = 5
    assert refused_file(client, spaces_workbook(30_000)) == [
        "Filen innehåller mycket mer än raderna med uppgifter (till exempel tomma rader, cellformat "
        "eller namngivna områden) och har inte öppnats. Kopiera raderna till en ny arbetsbok "
        "(klistra in som värden) och försök igen."
    ]


def test_a_part_that_cannot_be_inflated_is_refused_as_damaged(client):
    data = bytearray(xlsx([row()]))
    part = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/styles.xml")
    start = part.header_offset + 30 + len(part.filename) + len(part.extra)
    data[start + 8 : start + 40] = b"\xff" * 32
    assert refused_file(client, bytes(data)) == ["Filen är skadad och kan inte läsas som en Excel-arbetsbok."]
