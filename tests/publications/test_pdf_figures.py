"""Every figure of an annual report's page is in its PDF, on a page, where a reader sees it:
the wide matrices on landscape pages, a table broken by a page break with its header row
repeated and its total row once, at its end, and no caption alone at the foot of a page."""

from collections import Counter

import pytest

from followup.formatting import format_kr
from publications.snapshots import snapshot_sections

from .pdf_reading import page_figures, page_sizes, visible_text

pytestmark = pytest.mark.django_db


def test_every_figure_of_the_pages_tables_is_drawn_on_a_page(published_pdfs):
    report = published_pdfs["report"]
    shown = Counter(fragment.text for fragment in visible_text(report.pdf))
    missing = page_figures(report.snapshot) - shown
    assert missing == Counter()


def test_the_matrices_are_on_landscape_pages(published_pdfs):
    sizes = page_sizes(published_pdfs["report"].pdf)
    captions = [
        fragment
        for fragment in visible_text(published_pdfs["report"].pdf)
        if fragment.text.startswith(("Aktör × kraftsamlingsområde", "Aktör × målområde"))
    ]
    assert len(captions) == 2
    for caption in captions:
        width, height = sizes[caption.page - 1]
        assert width > height, caption


def test_a_table_broken_by_a_page_break_repeats_its_header_row(published_pdfs):
    fragments = visible_text(published_pdfs["report"].pdf)
    first = next(f.page for f in fragments if f.text == "Per prioritering, 2016")
    last = next(f.page for f in fragments if f.text == "Ingen prioritering angiven")
    assert last > first, "The test's year is meant to break the priorities' table across pages."
    header_pages = {f.page for f in fragments if f.text == "Prioritering"}
    assert set(range(first, last + 1)) <= header_pages


def test_a_table_broken_by_a_page_break_shows_its_total_row_once(published_pdfs):
    report = published_pdfs["report"]
    grand_total = format_kr(report.snapshot["total"]["total"]).replace("\u00a0", " ")
    shown = [fragment for fragment in visible_text(report.pdf) if fragment.text == grand_total]
    assert len(shown) == page_figures(report.snapshot)[grand_total]


def test_no_caption_stands_alone_at_the_foot_of_a_page(published_pdfs):
    report = published_pdfs["report"]
    first_headers = {
        f"{section['title']}, 2016": section["heading"] for section in snapshot_sections(report.snapshot)
    }
    first_headers |= {
        f"{matrix['title']}, 2016 (kr)": "Aktör" for matrix in report.snapshot["matrices"].values()
    }
    fragments = visible_text(report.pdf)
    for index, caption in enumerate(fragments):
        if caption.text in first_headers:
            header = next(f for f in fragments[index + 1 :] if f.text == first_headers[caption.text])
            assert header.page == caption.page, caption.text
