"""Reading a PDF as a reader (or a screen reader) would: the text drawn inside each page, and
the structure tree. Text drawn outside a page is still in the file (pypdf extracts it), but
nobody sees it on screen or on paper, so it is left out here."""

import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from followup.formatting import format_kr, format_number, format_percent
from publications.snapshots import snapshot_sections

SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})


@dataclass(frozen=True)
class Fragment:
    page: int
    text: str
    font: str


def visible_text(pdf: bytes) -> list[Fragment]:
    """Every piece of text drawn inside its page, in drawing order, with non-breaking spaces as spaces."""
    fragments = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        left, bottom, right, top = (float(value) for value in page.mediabox)

        def visit(text, cm, tm, font, size, number=number, box=(left, bottom, right, top)):
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and box[0] <= x < box[2] and box[1] <= y <= box[3]:
                name = str(font.get("/BaseFont", "")) if font else ""
                fragments.append(Fragment(number, text.strip().translate(SPACES), name))

        page.extract_text(visitor_text=visit)
    return fragments


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """Each page's (width, height) in points."""
    return [
        (float(page.mediabox.width), float(page.mediabox.height)) for page in PdfReader(io.BytesIO(pdf)).pages
    ]


def metadata_title(pdf: bytes) -> str:
    return PdfReader(io.BytesIO(pdf)).metadata.title


def structure_elements(pdf: bytes) -> tuple[DictionaryObject, list[DictionaryObject]]:
    """The document catalog, and every element of the structure tree in reading order."""
    catalog = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    found = []

    def walk(node: DictionaryObject) -> None:
        for kid in children(node):
            found.append(kid)
            walk(kid)

    walk(catalog["/StructTreeRoot"].get_object())
    return catalog, found


def children(node: DictionaryObject) -> Iterator[DictionaryObject]:
    """A structure element's child elements (not its marked content or annotations)."""
    kids = node.get("/K")
    kids = [] if kids is None else kids.get_object()
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        if isinstance(kid, IndirectObject) and "/S" in (element := kid.get_object()):
            yield element


def page_figures(snapshot: dict) -> Counter:
    """The figures the page's tables show (and the grand total above them), formatted as on the page."""
    figures = Counter([format_kr(snapshot["total"]["total"])])
    for section in snapshot_sections(snapshot):
        for figure in [*section["figures"], section["total"]]:
            figures.update(
                [format_kr(figure["total"]), format_percent(figure["share"]), format_number(figure["count"])]
            )
    for matrix in snapshot["matrices"].values():
        for row in matrix["rows"]:
            figures.update(format_kr(cell["total"]) for cell in [*row["cells"], row["header"]])
        figures.update(format_kr(column["total"]) for column in [*matrix["columns"], matrix["total"]])
    return Counter({text.translate(SPACES): count for text, count in figures.items()})
