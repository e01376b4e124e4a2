"""Bad files and bad rows: each gets a Swedish message naming the problem, and the database
is unchanged (entries, history rows and import batches counted before and after).
"""

import io
import zipfile

import openpyxl
import pytest

from followup.models import ReportingYear
from tests.conftest import client_for, make_entry

from .conftest import HEADINGS, compound_file, database_state, preview_of, row, same_as, upload, xlsx

pytestmark = pytest.mark.django_db


def refused_file(client, data: bytes, *, name: str = "insatser.xlsx", **kwargs) -> str:
    """Upload a file that must be refused on the upload page; returns the page text."""
    before = database_state()
    response = upload(client, data, name=name, **kwargs)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert database_state() == before
    return response.content.decode()


def refused_rows(client, data: bytes, **kwargs) -> list[str]:
    """Upload rows that must be refused on the preview; confirming anyway writes nothing."""
    before = database_state()
    response = upload(client, data, **kwargs)
    preview = client.get(response["Location"])
    assert "Bekräfta och importera" not in preview.content.decode()
    confirm = client.post(response["Location"], {"fingerprint": preview.context["fingerprint"]})
    assert confirm.status_code == 200
    assert database_state() == before
    return [str(error) for error in preview.context["plan"].errors]


@pytest.fixture
def client(developer_vgr):
    return client_for(developer_vgr)


def test_csv_file_is_refused(client):
    page = refused_file(client, b"Rubrik;Belopp\nInsats;100\n", name="insatser.csv")
    assert "textfil (till exempel CSV)" in page


def test_old_xls_file_is_refused(client):
    page = refused_file(client, compound_file({"Workbook": b"BIFF8"}), name="insatser.xls")
    assert "gamla Excel-formatet (.xls)" in page


def test_renamed_pdf_is_refused(client):
    page = refused_file(client, b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF")
    assert "Filen är en PDF" in page


def test_corrupt_workbook_is_refused(client):
    data = xlsx([row()])
    page = refused_file(client, data[: len(data) // 2])
    assert "Filen är skadad" in page


def test_zip_without_a_workbook_is_refused(client):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
    assert "inte en Excel-arbetsbok" in refused_file(client, output.getvalue())


def test_password_protected_workbook_is_refused(client):
    encrypted = compound_file({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\x00" * 8})
    assert "lösenordsskyddad" in refused_file(client, encrypted)


def test_zip_bomb_is_refused_before_it_is_unpacked(client):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (60 * 1024 * 1024))
    assert len(output.getvalue()) < 200_000
    assert "packas upp till mer" in refused_file(client, output.getvalue())


def test_workbook_without_data_rows_is_refused(client):
    assert "inga rader med insatser" in refused_file(client, xlsx([]))


def test_workbook_without_headings_is_refused(client):
    page = refused_file(client, xlsx([], headings=["Något helt annat"]))
    assert "Hittar inga kolumnrubriker" in page


def test_missing_column_is_refused_and_named(client):
    headings = [heading for heading in HEADINGS if heading != "Finansieringskälla"]
    data = xlsx([row()[:9] + row()[10:]], headings=headings)
    assert "Kolumnen ”Finansieringskälla” saknas." in refused_file(client, data)


def test_renamed_column_is_refused_and_named(client):
    headings = ["Summa kr" if heading == "Beviljat belopp (kr)" else heading for heading in HEADINGS]
    page = refused_file(client, xlsx([row()], headings=headings))
    assert "Kolumnen ”Summa kr” känns inte igen." in page
    assert "Kolumnen ”Beviljat belopp (kr)” saknas." in page


def test_file_over_the_size_limit_is_refused(client, settings):
    settings.UPLOAD_MAX_BYTES = 4000
    assert "större än" in refused_file(client, xlsx([row(description="x" * 20000)]))


def test_more_rows_than_the_row_limit_is_refused(client, settings):
    settings.IMPORT_MAX_ROWS = 3
    assert "fler än 3 rader" in refused_file(client, xlsx([row(title=f"Rad {n}") for n in range(4)]))


def test_upload_form_states_both_limits(client):
    page = client.get("/vg2020/insatser/import/").content.decode()
    assert "Högst 5 MB och högst 5\u00a0000 rader med insatser" in page


def test_formula_where_a_value_belongs_is_refused(client):
    errors = refused_rows(client, xlsx([row(amount="=1000*2")]))
    assert errors == [
        "Rad 2, kolumn ”Beviljat belopp (kr)”: Cellen innehåller en formel (=1000*2). "
        "Skriv in värdet i stället, till exempel genom att klistra in som värden."
    ]


def test_negative_amount_is_refused(client):
    errors = refused_rows(client, xlsx([row(amount="-5 000")]))
    assert errors == ["Rad 2, kolumn ”Beviljat belopp (kr)”: Beloppet kan inte vara negativt."]


def test_text_amount_is_refused(client):
    errors = refused_rows(client, xlsx([row(amount="femtusen")]))
    assert errors[0].startswith("Rad 2, kolumn ”Beviljat belopp (kr)”: Ange beloppet i kronor med siffror")


def test_absurdly_large_amount_is_refused(client):
    errors = refused_rows(client, xlsx([row(amount=10**11)]))
    assert errors[0].startswith("Rad 2, kolumn ”Beviljat belopp (kr)”: Beloppet är orimligt stort.")


def test_total_project_size_below_amount_is_refused(client):
    errors = refused_rows(client, xlsx([row(amount="200 000", total_project_size="100 000")]))
    assert errors[0].startswith("Rad 2, kolumn ”Beräknad total projektomslutning (kr)”:")


def test_unknown_goal_area_is_refused(client):
    errors = refused_rows(client, xlsx([row(goal_area="7")]))
    assert errors == ["Rad 2, kolumn ”Målområde”: Målområde 7 finns inte i VG2020."]


def test_unknown_priority_name_is_refused(client):
    errors = refused_rows(client, xlsx([row(priority="Bygga slott")]))
    assert errors[0].startswith("Rad 2, kolumn ”Prioritering”: Det finns ingen prioritering som heter")


def test_unknown_focus_area_is_refused(client):
    errors = refused_rows(client, xlsx([row(focus_area="9")]))
    assert errors == ["Rad 2, kolumn ”Kraftsamlingsområde”: Kraftsamlingsområde 9 finns inte i VG2020."]


def test_focus_area_not_in_force_that_year_is_refused(client):
    errors = refused_rows(client, xlsx([row(focus_area="1")]), year=2014)
    assert errors[0].startswith("Rad 2, kolumn ”Kraftsamlingsområde”: Kraftsamlingsområdet gäller inte 2014")


def test_number_and_name_that_disagree_are_refused(client):
    errors = refused_rows(client, xlsx([row(goal_area="1. En region för alla")]))
    assert errors[0].startswith("Rad 2, kolumn ”Målområde”: Målområde 1 heter ”En ledande kunskapsregion”")


def test_priority_under_another_goal_area_is_refused(client):
    errors = refused_rows(client, xlsx([row(goal_area="1", priority="9")]))
    assert errors == [
        "Rad 2, kolumn ”Prioritering”: Prioritering 9 hör till målområde 2, inte till det valda målområdet."
    ]


def test_unknown_funding_source_is_refused(client):
    errors = refused_rows(client, xlsx([row(funding_source="Lotteriet")]))
    assert errors[0].startswith(
        "Rad 2, kolumn ”Finansieringskälla”: Finansieringskällan ”Lotteriet” finns inte."
    )


def test_missing_required_value_is_refused(client):
    errors = refused_rows(client, xlsx([row(title="  ")]))
    assert errors == ["Rad 2, kolumn ”Rubrik”: Värdet saknas. Fältet måste fyllas i."]


def test_closed_year_is_refused(client):
    entry = make_entry()
    ReportingYear.objects.filter(year=2016).update(is_closed=True)
    before = database_state()
    response = upload(client, xlsx([same_as(entry, title="Ändrad")]))
    assert response.status_code == 200
    assert "Välj ett öppet år." in response.content.decode()
    assert database_state() == before


def test_year_closed_after_upload_is_refused_on_the_preview(client):
    response = upload(client, xlsx([row()]))
    ReportingYear.objects.filter(year=2016).update(is_closed=True)
    preview = client.get(response["Location"])
    assert "Uppföljningsåret 2016 är stängt" in preview.content.decode()
    assert "Bekräfta och importera" not in preview.content.decode()


def test_another_actors_id_is_refused_without_revealing_it(client):
    other = make_entry(actor="GR", title="Hemlig GR-insats")
    errors = refused_rows(client, xlsx([row(id=other.pk, title="Övertagen")]))
    assert errors == [
        f"Rad 2, kolumn ”Id”: Det finns ingen insats med id {other.pk} för VGR 2016. "
        "Töm id-cellen om raden är en ny insats."
    ]
    other.refresh_from_db()
    assert other.title == "Hemlig GR-insats"


def test_id_from_another_year_is_refused(client):
    other_year = make_entry(year=2015)
    errors = refused_rows(client, xlsx([same_as(other_year, title="Flyttad")]))
    assert errors[0].startswith(f"Rad 2, kolumn ”Id”: Det finns ingen insats med id {other_year.pk}")


def test_upload_for_an_actor_that_is_not_yours_is_refused(client):
    before = database_state()
    response = upload(client, xlsx([row()]), actor="gr")
    assert response.status_code == 200
    assert "Välj en aktör som du rapporterar för." in response.content.decode()
    assert database_state() == before


def test_same_id_twice_is_refused(client):
    entry = make_entry()
    errors = refused_rows(client, xlsx([same_as(entry), same_as(entry, title="Dubblett")]))
    assert errors == [
        f"Rad 3, kolumn ”Id”: Id {entry.pk} finns redan på rad 2. Varje insats får bara finnas på en rad."
    ]


def test_every_bad_cell_is_reported_by_row_and_column(client):
    data = xlsx([row(), row(goal_area="8", amount="abc"), row(), row(funding_source="?")])
    errors = refused_rows(client, data)
    assert [error.split(":")[0] for error in errors] == [
        "Rad 3, kolumn ”Målområde”",
        "Rad 3, kolumn ”Beviljat belopp (kr)”",
        "Rad 5, kolumn ”Finansieringskälla”",
    ]


def test_preview_shows_errors_in_a_table(client):
    preview = preview_of(client, xlsx([row(amount="-1")]))
    html = preview.content.decode()
    assert "Filen har 1 fel. Ingenting har sparats." in html
    assert "<caption>Fel per rad och kolumn</caption>" in html


def test_workbook_with_year_and_actor_columns_of_another_actor_is_refused(client):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Id", "År", "Aktör", *HEADINGS[1:]])
    sheet.append([None, 2016, "GR", *row()[1:]])
    output = io.BytesIO()
    workbook.save(output)
    errors = refused_rows(client, output.getvalue())
    assert errors == ["Rad 2, kolumn ”Aktör”: Raden gäller GR, men importen gäller VGR."]
