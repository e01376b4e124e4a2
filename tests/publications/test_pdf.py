"""Published reports download as tagged PDFs with a title and the Swedish language."""

import io

import pytest
from pypdf import PdfReader

from publications.publishing import publish
from tests.conftest import client_for, make_entry

from .conftest import make_recommendation, make_report

pytestmark = pytest.mark.django_db

# Rendering takes seconds, so the module renders the same report once; each test still
# builds the same data first, so any test passes or fails on its own.
_rendered = {}


@pytest.fixture
def pdf(admin_user):
    make_entry(year=2016, amount="1234567.00")
    report = make_report(year=2016, title="Årsrapport 2016 för VG2020")
    make_recommendation(report, text="Samla krafterna kring unga.")
    publish(publication=report, user=admin_user)
    if "response" not in _rendered:
        _rendered["response"] = client_for(None).get("/arsrapporter/vg2020/2016/pdf/")
    response = _rendered["response"]
    assert response.status_code == 200
    return response


def test_pdf_is_served_as_a_download(pdf):
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="arsrapport-vg2020-2016.pdf"'
    assert pdf.content.startswith(b"%PDF")


def test_pdf_has_the_report_title_in_its_metadata(pdf):
    assert PdfReader(io.BytesIO(pdf.content)).metadata.title == "Årsrapport 2016 för VG2020"


def test_pdf_states_swedish_as_its_language(pdf):
    assert PdfReader(io.BytesIO(pdf.content)).trailer["/Root"]["/Lang"] == "sv"


def test_pdf_is_tagged_for_assistive_technology(pdf):
    catalog = PdfReader(io.BytesIO(pdf.content)).trailer["/Root"]
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in catalog


def test_pdf_contains_the_report_text_and_frozen_figures(pdf):
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Årsrapport 2016 för VG2020" in text
    assert "Samla krafterna kring unga." in text
    assert "1 234 567 kr" in text.replace("\u00a0", " ")
