"""Published reports download as tagged PDFs with a title and the Swedish language."""

import io

import pytest
from pypdf import PdfReader

from followup.formatting import format_kr
from tests.conftest import client_for, make_entry

from .conftest import make_published_report

pytestmark = pytest.mark.django_db


def test_pdf_is_served_as_a_download(admin_user, real_pdfs):
    make_entry(year=2016, amount="1234567.00")
    make_published_report(user=admin_user, year=2016)
    response = client_for(None).get("/vg2020/arsrapporter/vg2020/2016/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="arsrapport-vg2020-2016.pdf"'
    assert response.content.startswith(b"%PDF")


def test_pdf_has_the_report_title_in_its_metadata(published_pdfs):
    assert PdfReader(io.BytesIO(published_pdfs["report"].pdf)).metadata.title == "Årsrapport 2016 för VG2020"


def test_pdf_states_swedish_as_its_language(published_pdfs):
    assert PdfReader(io.BytesIO(published_pdfs["report"].pdf)).trailer["/Root"]["/Lang"] == "sv"


def test_pdf_is_tagged_for_assistive_technology(published_pdfs):
    catalog = PdfReader(io.BytesIO(published_pdfs["report"].pdf)).trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog


def test_pdf_contains_the_report_text_and_frozen_figures(published_pdfs):
    report = published_pdfs["report"]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(report.pdf)).pages)
    assert "Årsrapport 2016 för VG2020" in text
    assert "Samla krafterna kring unga." in text
    assert format_kr(report.snapshot["total"]["total"]).replace("\u00a0", " ") in text.replace("\u00a0", " ")
