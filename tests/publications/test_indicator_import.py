"""Indicator values imported from CSV or .xlsx: all or nothing, with Swedish messages by row and column."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from publications.indicator_import import MAX_ROWS, ImportRefused, import_indicator_values
from publications.models import IndicatorValue
from tests.conftest import client_for

from .conftest import make_indicator

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "indikator;år;område;värde\n"
    "testindikator;2019/2020;Västra Götalands län;47,3\n"
    "testindikator;2020;Riket;49,4\n"
)


def stored() -> list[tuple]:
    return list(IndicatorValue.objects.order_by("area", "year").values_list("area", "year", "value"))


def xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def refused(name: str, data: bytes) -> list[str]:
    with pytest.raises(ImportRefused) as error:
        import_indicator_values(name=name, data=data)
    return [str(problem) for problem in error.value.problems]


@pytest.fixture
def indicator(db):
    # One value already stored: every refused file must leave it exactly as it was.
    return make_indicator(values={2018: "45.0"})


def test_semicolon_csv_with_decimal_comma_and_school_years_is_imported(indicator):
    result = import_indicator_values(name="varden.csv", data=GOOD_CSV.encode())
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    assert stored() == [
        ("Riket", 2020, Decimal("49.400")),
        ("Västra Götalands län", 2018, Decimal("45.000")),
        ("Västra Götalands län", 2020, Decimal("47.300")),
    ]


def test_comma_separated_csv_in_windows_1252_is_imported(indicator):
    data = 'indikator,år,område,värde\ntestindikator,2019,Västra Götalands län,"46,5"\n'.encode("cp1252")
    import_indicator_values(name="varden.csv", data=data)
    assert ("Västra Götalands län", 2019, Decimal("46.500")) in stored()


def test_xlsx_with_number_cells_is_imported(indicator):
    data = xlsx([["Indikator", "År", "Område", "Värde"], ["testindikator", 2019, "Riket", 48.2]])
    import_indicator_values(name="varden.xlsx", data=data)
    assert ("Riket", 2019, Decimal("48.200")) in stored()


def test_importing_again_replaces_values_instead_of_duplicating(indicator):
    import_indicator_values(name="varden.csv", data=GOOD_CSV.encode())
    changed = GOOD_CSV.replace("47,3", "47,5")
    result = import_indicator_values(name="varden.csv", data=changed.encode())
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert IndicatorValue.objects.count() == 3


BAD_FILES = [
    ("varden.txt", b"indikator;year;area;value\n", "Välj en fil av typen .xlsx eller .csv."),
    # The file-level messages are the entry import's: both go through one opener.
    ("varden.xlsx", b"%PDF-1.7 inte en arbetsbok", "Filen är en PDF, inte en Excel-arbetsbok."),
    (
        "varden.xlsx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
        "Filen är i det gamla Excel-formatet (.xls).",
    ),
    ("varden.xlsx", b"PK\x03\x04 trasig", "Filen är skadad och kan inte läsas som en Excel-arbetsbok."),
    ("varden.csv", b"", "Filen är tom."),
    ("varden.csv", b"indikator;\xe5r;omr\xe5de;v\xe4rde\n\n", "Filen har en rubrikrad men inga värden."),
    (
        "varden.csv",
        "indikator;år;värde\ntestindikator;2019;47\n".encode(),
        "Rad 1: Rubrikraden saknar kolumnen område.",
    ),
    (
        "varden.csv",
        "indikator;år;område;värde\nokand;2019;Riket;47\n".encode(),
        "Rad 2, kolumn indikator: Det finns ingen indikator med nyckeln ”okand”.",
    ),
    (
        "varden.csv",
        "indikator;år;område;värde\ntestindikator;2019;Riket;många\n".encode(),
        "Rad 2, kolumn värde: Ange ett tal",
    ),
    (
        "varden.csv",
        "indikator;år;område;värde\ntestindikator;19;Riket;47\n".encode(),
        "Rad 2, kolumn år: Ange året med fyra siffror",
    ),
    (
        "varden.csv",
        "indikator;år;område;värde\ntestindikator;2019/2021;Riket;47\n".encode(),
        "Rad 2, kolumn år: Ett läsår skrivs med två år i följd",
    ),
    (
        "varden.csv",
        "indikator;år;område;värde\ntestindikator;2019;;47\n".encode(),
        "Rad 2, kolumn område: Cellen är tom.",
    ),
    (
        "varden.csv",
        "indikator;år;område;värde\ntestindikator;2019;Riket;1e99\n".encode(),
        "Rad 2, kolumn värde",
    ),
    (
        "varden.csv",
        "indikator;år;område;värde\ntestindikator;2019;Riket;47\ntestindikator;2019;Riket;48\n".encode(),
        "Rad 3, kolumn år: Samma indikator, område och år finns redan på rad 2.",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD_FILES)
def test_bad_file_is_refused_with_a_message_and_changes_nothing(indicator, name, data, message):
    before = stored()
    problems = refused(name, data)
    assert any(message in problem for problem in problems), problems
    assert stored() == before


def test_one_bad_row_refuses_the_good_rows_too(indicator):
    data = (GOOD_CSV + "testindikator;2021;Riket;fel\n").encode()
    assert refused("varden.csv", data) == [
        "Rad 4, kolumn värde: Ange ett tal med siffror och högst ett decimaltecken, till exempel 47,3."
    ]
    assert stored() == [("Västra Götalands län", 2018, Decimal("45.000"))]


def test_formula_in_a_workbook_is_refused(indicator):
    data = xlsx([["indikator", "år", "område", "värde"], ["testindikator", 2019, "Riket", "=40+7"]])
    assert refused("varden.xlsx", data) == [
        "Rad 2, kolumn värde: Cellen innehåller en formel. Skriv in värdet."
    ]
    assert len(stored()) == 1


def test_file_with_more_rows_than_the_limit_is_refused(indicator):
    rows = "".join(f"testindikator;{1900 + n % 200};Område {n};1\n" for n in range(MAX_ROWS + 1))
    problems = refused("varden.csv", ("indikator;år;område;värde\n" + rows).encode())
    assert problems == [f"Filen har {MAX_ROWS + 1} rader. Högst {MAX_ROWS} rader kan importeras åt gången."]
    assert len(stored()) == 1


def test_file_over_the_size_limit_is_refused(indicator):
    assert refused("varden.csv", b"x" * (2 * 1024 * 1024 + 1)) == ["Filen är större än 2 MB."]


def test_zip_bomb_is_refused_before_it_is_unpacked(indicator):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    assert refused("varden.xlsx", buffer.getvalue()) == [
        "Filen packas upp till mer än vad en arbetsbok med tillåtet antal rader kan innehålla "
        "(högst 50 MB uppackad). Den har inte öppnats."
    ]


def test_the_reference_series_imports_as_it_is(indicator):
    make_indicator(key="overgang_hogskola_3ar")
    make_indicator(key="gymnasiebehorighet_ak9")
    from publications.demo import REFERENCE_FILE

    result = import_indicator_values(name="indicators.csv", data=REFERENCE_FILE.read_bytes())
    assert result.created == 53
    assert IndicatorValue.objects.get(
        indicator__key="overgang_hogskola_3ar", area="Riket", year=1996
    ).value == Decimal("37.000")


def test_staff_import_through_the_upload_page(indicator, admin_user):
    upload = SimpleUploadedFile("varden.csv", GOOD_CSV.encode(), content_type="text/csv")
    response = client_for(admin_user).post("/vg2020/indikatorer/importera/", {"file": upload}, follow=True)
    assert "Importen är klar: 2 nya värden, 0 ändrade, 0 oförändrade." in response.content.decode()
    assert len(stored()) == 3


def test_upload_page_lists_every_error_by_row_and_column(indicator, admin_user):
    data = "indikator;år;område;värde\nokand;2019;Riket;47\ntestindikator;20x9;Riket;47\n".encode()
    upload = SimpleUploadedFile("varden.csv", data, content_type="text/csv")
    response = client_for(admin_user).post("/vg2020/indikatorer/importera/", {"file": upload})
    page = response.content.decode()
    assert "Filen importerades inte. Ingenting har ändrats." in page
    assert [(p.row, p.column) for p in response.context["problems"]] == [(2, "indikator"), (3, "år")]
    assert len(stored()) == 1


def test_bhu_member_may_not_import(indicator, bhu_member):
    upload = SimpleUploadedFile("varden.csv", GOOD_CSV.encode(), content_type="text/csv")
    response = client_for(bhu_member).post("/vg2020/indikatorer/importera/", {"file": upload})
    assert response.status_code == 403
    assert len(stored()) == 1


def test_anonymous_visitor_is_sent_to_sign_in_before_importing(indicator):
    response = client_for(None).get("/vg2020/indikatorer/importera/")
    assert response.status_code == 302
    assert response["Location"].startswith("/konto/logga-in/")


def test_a_csv_field_longer_than_the_csv_reader_takes_is_refused(indicator):
    data = ("indikator;år;område;värde\n" + '"' + "x" * 200_000 + '";2019;Riket;47\n').encode()
    assert refused("varden.csv", data) == [
        "Filen går inte att läsa som CSV. Kontrollera att varje värde står inom sin kolumn "
        "och att citattecken är parvisa."
    ]


def test_blank_lines_count_toward_the_rows_a_file_may_hold(indicator):
    data = ("indikator;år;område;värde\n" + "\n" * 7000 + "testindikator;2019;Riket;47\n").encode()
    assert refused("varden.csv", data) == [
        "Filen har fler än 6\u00a0010 rader, tomma rader inräknade, och har inte lästs färdigt. "
        "Ta bort tomma rader under uppgifterna, eller dela upp filen i flera, och försök igen."
    ]
    assert len(stored()) == 1


def test_a_hidden_sheet_is_not_read_instead_of_the_visible_one(indicator):
    workbook = Workbook()
    hidden = workbook.active
    hidden.sheet_state = "hidden"
    visible = workbook.create_sheet("Värden")
    for sheet, area in ((hidden, "Dolt län"), (visible, "Riket")):
        sheet.append(["indikator", "år", "område", "värde"])
        sheet.append(["testindikator", 2019, area, 47])
    buffer = io.BytesIO()
    workbook.save(buffer)
    import_indicator_values(name="varden.xlsx", data=buffer.getvalue())
    assert ("Riket", 2019, Decimal("47.000")) in stored()
    assert not IndicatorValue.objects.filter(area="Dolt län").exists()


def test_rows_below_a_stale_declared_dimension_are_read(indicator):
    rows = [["indikator", "år", "område", "värde"]] + [
        ["testindikator", 2000 + n, "Riket", n] for n in range(10)
    ]
    data = xlsx(rows)
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert b'<dimension ref="A1:D11"' in content
                content = content.replace(b'<dimension ref="A1:D11"', b'<dimension ref="A1:D4"')
            target.writestr(item.filename, content)
    result = import_indicator_values(name="varden.xlsx", data=buffer.getvalue())
    assert result.created == 10
