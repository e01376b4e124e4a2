"""What WeasyPrint 70's PDF/UA-1 tagging leaves out, put right before the PDF is written.

WeasyPrint builds the structure tree page by page, so an element that a page break splits
(a section, a long table) becomes one structure element per page: the table's second part
is a second table without the caption. And it gives table header cells no /Scope. Here,
while the tree is built, every structure element is paired with the HTML element it comes
from; then (in WeasyPrint's `finisher`, before the file is written) the parts of one HTML
element are merged into one structure element, and each header cell takes the scope of its
`<th scope>` (a header in `<thead>` is a column header, any other a row header).

The pairing wraps WeasyPrint's private `_build_box_tree`; weasyprint is pinned, and
tests/publications/test_pdf_structure.py reads the structure tree of real PDFs, so an
upgrade that changes it fails there first.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import pydyf
from weasyprint.pdf import tags

# id(structure element) → (structure element, HTML element), for the render in progress.
_sources: ContextVar[dict | None] = ContextVar("pdf_tag_sources", default=None)
_build_box_tree = tags._build_box_tree


def _tracked_build_box_tree(box, *args, **kwargs):
    sources = _sources.get()
    for element in _build_box_tree(box, *args, **kwargs):
        # The html and body boxes pass on their children's elements: the innermost box made it.
        if sources is not None:
            sources.setdefault(id(element), (element, getattr(box, "element", None)))
        yield element


# WeasyPrint's recursion looks the function up in its module, so every level is paired.
tags._build_box_tree = _tracked_build_box_tree

_SCOPES = {"row": "/Row", "rowgroup": "/Row", "col": "/Column", "colgroup": "/Column"}


@contextmanager
def tracking() -> Iterator[None]:
    """Pair structure elements with their HTML elements while a PDF is rendered in this block."""
    token = _sources.set({})
    try:
        yield
    finally:
        _sources.reset(token)


class _Tree:
    """The PDF's structure elements, found by their references."""

    def __init__(self, pdf: pydyf.PDF, sources: dict) -> None:
        self.pdf = pdf
        self.objects = {obj.reference: obj for obj in pdf.objects if isinstance(obj, pydyf.Dictionary)}
        self.html = {id(element): html for element, html in sources.values()}
        self.aliases: dict[bytes, bytes] = {}
        self.ids: dict[str, pydyf.String] = {}

    def element(self, kid) -> pydyf.Dictionary | None:
        obj = self.objects.get(kid) if isinstance(kid, bytes) else None
        return obj if obj is not None and obj.get("Type") == "/StructElem" else None

    def key(self, element: pydyf.Dictionary) -> tuple | None:
        html = self.html.get(id(element))
        return None if html is None else (id(html), element["S"])

    def merge(self, part: pydyf.Dictionary, into: pydyf.Dictionary) -> None:
        """Move a later page's part of an HTML element into its first structure element."""
        for kid in part["K"]:
            if isinstance(kid, int):
                # A marked-content id alone means "on this element's page", which is no longer so.
                reference = pydyf.Dictionary({"Type": "/MCR", "Pg": part["Pg"], "MCID": kid})
                self.pdf.add_object(reference)
                kid = reference.reference
            elif (child := self.element(kid)) is not None:
                child["P"] = into.reference
            into["K"].append(kid)
        self.aliases[part.reference] = into.reference
        if "ID" in part and "ID" in into:
            self.ids[part["ID"].string] = into["ID"]

    def merge_parts(self, element: pydyf.Dictionary) -> None:
        """Top down, so that an element's parts are its siblings once its parent's parts are merged."""
        first: dict[tuple, pydyf.Dictionary] = {}
        kids = pydyf.Array()
        for kid in element["K"]:
            child = self.element(kid)
            key = None if child is None else self.key(child)
            earlier = first.get(key) if key is not None else None
            if earlier is not None and earlier["Pg"] != child["Pg"]:
                self.merge(child, earlier)
                continue
            if key is not None:
                first.setdefault(key, child)
            kids.append(kid)
        element["K"][:] = kids
        for kid in kids:
            if (child := self.element(kid)) is not None:
                self.merge_parts(child)

    def elements(self, element: pydyf.Dictionary) -> Iterator[pydyf.Dictionary]:
        yield element
        for kid in element["K"]:
            if (child := self.element(kid)) is not None:
                yield from self.elements(child)

    def repoint(self, parent_tree: pydyf.Dictionary, document: pydyf.Dictionary) -> None:
        """Marked content, annotations and header references follow the merged elements."""
        nums = parent_tree["Nums"]
        for index, entry in enumerate(nums):
            if isinstance(entry, pydyf.Array):
                entry[:] = [self.aliases.get(reference, reference) for reference in entry]
            elif index % 2 and entry in self.aliases:
                nums[index] = self.aliases[entry]
        for element in self.elements(document):
            headers = element.get("A", {}).get("Headers") if element["S"] == "/TD" else None
            if headers:
                headers[:] = [self.ids.get(header.string, header) for header in headers]

    def scope_headers(self, document: pydyf.Dictionary) -> None:
        for element in self.elements(document):
            if element["S"] != "/TH":
                continue
            html = self.html.get(id(element))
            scope = None if html is None else _SCOPES.get(html.get("scope", ""))
            if scope is None:
                row = self.objects[element["P"]]
                scope = "/Column" if self.objects[row["P"]]["S"] == "/THead" else "/Row"
            element["A"]["Scope"] = scope


def finish(document: object, pdf: pydyf.PDF) -> None:
    """WeasyPrint's finisher: merge split elements and scope header cells (see the module's docstring)."""
    sources = _sources.get()
    if sources is None:
        raise RuntimeError("finish() runs inside tracking().")
    tree = _Tree(pdf, sources)
    root = tree.objects[pdf.catalog["StructTreeRoot"]]
    structure_document = tree.objects[root["K"][0]]
    tree.merge_parts(structure_document)
    tree.repoint(tree.objects[root["ParentTree"]], structure_document)
    tree.scope_headers(structure_document)
