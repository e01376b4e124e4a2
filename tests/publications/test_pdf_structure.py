"""Both published PDFs are PDF/UA-1 in fact, read from their structure trees (no PDF/UA
checker such as veraPDF installs from the package registries here): every table header cell
has a scope, every figure an alternative text, each table is one Table element with its
caption however many pages it spans, the language and title are set and shown, and the page
footer is in the body's font."""

from collections import Counter

import pytest

from .pdf_reading import children, metadata_title, structure_elements, visible_text

KINDS = ["report", "evaluation"]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", KINDS)
def test_every_table_header_cell_has_a_scope(published_pdfs, kind):
    _, elements = structure_elements(published_pdfs[kind].pdf)
    headers = [element for element in elements if element["/S"] == "/TH"]
    assert headers
    assert [header for header in headers if "/Scope" not in header["/A"]] == []


@pytest.mark.parametrize("kind", KINDS)
def test_column_headers_and_row_headers_are_told_apart(published_pdfs, kind):
    _, elements = structure_elements(published_pdfs[kind].pdf)
    for element in elements:
        if element["/S"] == "/TH":
            in_head = element["/P"].get_object()["/P"].get_object()["/S"] == "/THead"
            assert element["/A"]["/Scope"] == ("/Column" if in_head else "/Row")


@pytest.mark.parametrize("kind", KINDS)
def test_every_figure_has_an_alternative_text(published_pdfs, kind):
    _, elements = structure_elements(published_pdfs[kind].pdf)
    figures = [element for element in elements if element["/S"] == "/Figure"]
    assert [figure for figure in figures if not str(figure.get("/Alt", "")).strip()] == []


def test_the_evaluations_charts_have_their_description_as_alternative_text(published_pdfs):
    _, elements = structure_elements(published_pdfs["evaluation"].pdf)
    alternatives = [str(element["/Alt"]) for element in elements if element["/S"] == "/Figure"]
    assert sum(alt.startswith("Linjediagram över ") and "Bedömning:" in alt for alt in alternatives) == 2


@pytest.mark.parametrize("kind", KINDS)
def test_each_table_is_one_table_element_with_its_caption(published_pdfs, kind):
    rendered = published_pdfs[kind]
    _, elements = structure_elements(rendered.pdf)
    tables = [element for element in elements if element["/S"] == "/Table"]
    assert len(tables) == rendered.html.count("<table")
    assert [next(children(table))["/S"] for table in tables] == ["/Caption"] * len(tables)


@pytest.mark.parametrize("kind", KINDS)
def test_the_language_and_title_are_set_and_the_title_is_shown(published_pdfs, kind):
    catalog, _ = structure_elements(published_pdfs[kind].pdf)
    assert catalog["/Lang"] == "sv"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert metadata_title(published_pdfs[kind].pdf) == published_pdfs[kind].title


@pytest.mark.parametrize("kind", KINDS)
def test_the_page_footer_is_in_the_bodys_font(published_pdfs, kind):
    fragments = visible_text(published_pdfs[kind].pdf)
    footers = {fragment.font for fragment in fragments if fragment.text.startswith("Sida ")}
    body = Counter(fragment.font for fragment in fragments if not fragment.text.startswith("Sida "))
    assert footers == {body.most_common(1)[0][0]}
