"""Open an uploaded file safely, or refuse it with a Swedish reason: the one opener that
every spreadsheet import uses (entries here, indicator values in `publications`).

Checks run from cheapest to dearest, and a file reaches openpyxl only once it is known
to be a zip of a sensible uncompressed size with a workbook inside: a zip bomb is caught
by the sizes in the zip directory (which zipfile also enforces while it decompresses),
before anything is inflated.

Reading is bounded too, because a small file can still hold a great deal of work. What
openpyxl parses whole while opening (shared texts, cell formats, named ranges) is counted
in the zip first; rows are counted as the reader walks them, blank or not (the sheet's
declared dimension is never read: it may be stale, false or missing); and the whole read
has a time budget (`IMPORT_MAX_SECONDS`). Each limit stops the read at once with a
Swedish message saying why.
"""

import io
import re
import struct
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, Literal, TypeVar

from django.conf import settings
from openpyxl.reader.excel import ExcelReader
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from followup.formatting import format_number

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# An encrypted Office file is an OLE container holding these streams instead of a zip.
ENCRYPTION_MARKER = "EncryptionInfo".encode("utf-16-le")
MAX_ZIP_MEMBERS = 500
# Worksheet XML compresses well, but not a thousand times over.
MAX_COMPRESSION_RATIO = 200
# Rows with nothing in them that a file may hold besides its data rows: the template's
# 500 formatted empty rows, and room for people's own spacing.
MAX_BLANK_ROWS = 1000
DAMAGED = "Filen är skadad och kan inte läsas som en Excel-arbetsbok."
# openpyxl parses the parts outside the sheets whole when it opens a workbook, and the
# parts before a sheet's rows on every read of it, at a cost per element that no time
# budget can interrupt; so elements are counted in the zip first. The counts allowed
# follow from the cells a caller's rows and columns can hold, with room for the rest
# of a real workbook (styles, theme, the template's instructions and lists).
_NAMED_ELEMENT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(si|xf|definedName)[\s/>]")
ELEMENTS_PER_CELL = 4  # <c>, <v> or <is><t>, and a share of <row>
OTHER_ELEMENTS = 100_000
OTHER_TEXTS = 1000
MAX_CELL_FORMATS = 20_000
MAX_DEFINED_NAMES = 10_000

Row = TypeVar("Row")


class FileRefused(ValueError):
    """The file as a whole cannot be imported. `messages` are Swedish and meant for the user."""

    def __init__(self, *messages: str) -> None:
        super().__init__(" ".join(messages))
        self.messages = list(messages)


def max_mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}".replace(".", ",")


def file_kind(data: bytes, *, max_bytes: int) -> Literal["zip", "text"]:
    """A zip archive (perhaps a workbook) or a text file; anything else is refused."""
    if len(data) > max_bytes:
        raise FileRefused(f"Filen är större än {max_mb(max_bytes)} MB.")
    if not data:
        raise FileRefused("Filen är tom.")
    if data.startswith(OLE_MAGIC):
        if ENCRYPTION_MARKER in data:
            raise FileRefused(
                "Arbetsboken är lösenordsskyddad. Ta bort lösenordet i Excel "
                "(Arkiv › Info › Skydda arbetsbok) och ladda upp den igen."
            )
        raise FileRefused(
            "Filen är i det gamla Excel-formatet (.xls). "
            "Spara den som Excel-arbetsbok (.xlsx) och försök igen."
        )
    if data.startswith(b"%PDF"):
        raise FileRefused("Filen är en PDF, inte en Excel-arbetsbok. Ladda upp en .xlsx-fil.")
    if data.startswith(ZIP_MAGIC):
        return "zip"
    if b"\x00" not in data[:4096]:
        return "text"
    raise FileRefused("Filen är inte en Excel-arbetsbok (.xlsx).")


# What zipfile raises for a damaged archive: besides BadZipFile, a garbled header may claim
# a zip version or compression method it does not know (NotImplementedError), encryption
# (RuntimeError), or hold bytes that are not a name (UnicodeDecodeError, struct.error).
DAMAGED_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
    struct.error,
    KeyError,
)


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except DAMAGED_ZIP_ERRORS as error:
        raise FileRefused(DAMAGED) from error
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise FileRefused("Filen innehåller orimligt många delar och kan inte vara en vanlig arbetsbok.")
        if any(member.flag_bits & 0x1 for member in members):
            raise FileRefused("Arbetsboken är lösenordsskyddad. Ta bort lösenordet och ladda upp den igen.")
        total = sum(member.file_size for member in members)
        limit = settings.IMPORT_MAX_UNCOMPRESSED_BYTES
        too_packed = any(
            member.file_size > 1024 * 1024
            and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
            for member in members
        )
        if total > limit or too_packed:
            raise FileRefused(
                "Filen packas upp till mer än vad en arbetsbok med tillåtet antal rader kan innehålla "
                f"(högst {max_mb(limit)} MB uppackad). Den har inte öppnats."
            )
        if "xl/workbook.xml" not in archive.namelist():
            raise FileRefused(
                "Filen är inte en Excel-arbetsbok (.xlsx). Kalkylark från andra program "
                "(till exempel .ods) behöver sparas som Excel-arbetsbok först."
            )


def max_cells(*, rows: int, columns: int) -> int:
    """The cells a workbook of `rows` data rows in `columns` columns holds at most."""
    return rows * columns


def _count_elements(archive: zipfile.ZipFile) -> dict[bytes, int]:
    """Every element start in the workbook's XML, and the shared texts, cell formats and
    named ranges among them."""
    counts = {b"all": 0, b"si": 0, b"xf": 0, b"definedName": 0}
    for member in archive.infolist():
        if not member.filename.endswith((".xml", ".rels")):
            continue
        in_sheet = member.filename.startswith("xl/worksheets/")
        with archive.open(member) as part:
            tail = b""
            while chunk := part.read(1024 * 1024):
                # A tag cut by the chunk's end is counted with the next chunk.
                text = tail + chunk
                cut = max(text.rfind(b"<"), len(text) - 64)
                counted, tail = text[:cut], text[cut:]
                counts[b"all"] += counted.count(b"<") - counted.count(b"</") - counted.count(b"<?")
                if not in_sheet:
                    for match in _NAMED_ELEMENT.finditer(counted):
                        counts[match.group(1)] += 1
            counts[b"all"] += tail.count(b"<") - tail.count(b"</") - tail.count(b"<?")
            if not in_sheet:
                for match in _NAMED_ELEMENT.finditer(tail + b" "):
                    counts[match.group(1)] += 1
    return counts


def _check_elements(data: bytes, *, cells: int) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            counts = _count_elements(archive)
    except DAMAGED_ZIP_ERRORS as error:
        raise FileRefused(DAMAGED) from error  # a damaged part, found while inflating it
    if counts[b"si"] > cells + OTHER_TEXTS:
        raise FileRefused(
            f"Filen innehåller fler textvärden ({format_number(counts[b'si'])}) än en arbetsbok med "
            "tillåtet antal rader kan ha. Den har inte öppnats."
        )
    if (
        counts[b"all"] > ELEMENTS_PER_CELL * cells + OTHER_ELEMENTS
        or counts[b"xf"] > MAX_CELL_FORMATS
        or counts[b"definedName"] > MAX_DEFINED_NAMES
    ):
        raise FileRefused(
            "Filen innehåller mycket mer än raderna med uppgifter (till exempel tomma rader, "
            "cellformat eller namngivna områden) och har inte öppnats. Kopiera raderna till en "
            "ny arbetsbok (klistra in som värden) och försök igen."
        )


class _UnsizedSheet(ReadOnlyWorksheet):
    """A read-only sheet that never reads the size its file declares.

    The declared `<dimension>` may be stale (one saying `A1:L7` above ten rows would hide
    three), and where a file leaves it out openpyxl parses the whole sheet to look for
    it while opening the workbook, beyond the reach of the time budget. Rows are read
    to the sheet's real end instead, under the budget.
    """

    def _get_size(self) -> None:
        return None


class _Reader(ExcelReader):
    """openpyxl's read-only reader with `_UnsizedSheet`s; chart sheets are left out."""

    def read_worksheets(self) -> None:
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                continue
            worksheet = _UnsizedSheet(self.wb, sheet.name, rel.target, self.shared_strings)
            worksheet.sheet_state = sheet.state
            self.wb._sheets.append(worksheet)


@contextmanager
def open_workbook(data: bytes, *, cells: int) -> Iterator[Workbook]:
    """The workbook of a zip that passed `file_kind`, read-only and with formulas as written.

    `cells` is the most data cells the caller reads (`max_cells`). Anything openpyxl cannot
    read, while opening or later while rows are read, becomes FileRefused; the workbook is
    closed afterwards.
    """
    _check_zip(data)
    _check_elements(data, cells=cells)
    try:
        reader = _Reader(io.BytesIO(data), read_only=True, data_only=False)
        reader.read()
        workbook = reader.wb
    except Exception as error:  # openpyxl signals a broken workbook with many exception types
        raise FileRefused(DAMAGED) from error
    try:
        yield workbook
    except FileRefused:
        raise
    except Exception as error:  # a damaged sheet part surfaces only while rows are read
        raise FileRefused(DAMAGED) from error
    finally:
        workbook.close()


class ReadBudget:
    """How much reading one upload may cost: rows walked (blank ones too) and seconds."""

    def __init__(self, *, max_rows: int, max_seconds: float | None = None) -> None:
        self.max_rows = max_rows
        self.max_seconds = settings.IMPORT_MAX_SECONDS if max_seconds is None else max_seconds
        self.started = time.monotonic()

    def check_time(self) -> None:
        if time.monotonic() - self.started > self.max_seconds:
            raise FileRefused(
                f"Filen tog för lång tid att läsa (mer än {format_number(self.max_seconds)} sekunder) "
                "och har inte importerats. Ta bort tomma rader och kolumner, eller dela upp filen "
                "i flera, och försök igen."
            )

    def walk(self, rows: Iterable[Row], *, where: str) -> Iterator[tuple[int, Row]]:
        """(row number from 1, row), stopping the read past `max_rows` or the time budget."""
        for number, row in enumerate(rows, start=1):
            if number > self.max_rows:
                raise FileRefused(
                    f"{where} har fler än {format_number(self.max_rows)} rader, tomma rader inräknade, "
                    "och har inte lästs färdigt. Ta bort tomma rader under uppgifterna, eller dela upp "
                    "filen i flera, och försök igen."
                )
            self.check_time()
            yield number, row


def choose_sheet(
    workbook: Workbook, *, holds_data: Callable[[Any], bool], what: str, budget: ReadBudget
) -> Any | None:
    """The one visible sheet that `holds_data`, or FileRefused naming the sheets in doubt.

    A hidden sheet is never read: what people see in Excel is what is imported. None
    when no sheet holds data, for the caller to explain what it looked for.
    """
    visible, hidden = [], []
    for sheet in workbook.worksheets:
        budget.check_time()
        if holds_data(sheet):
            (visible if sheet.sheet_state == "visible" else hidden).append(sheet)
    if len(visible) > 1:
        names = ", ".join(f"”{sheet.title}”" for sheet in visible)
        raise FileRefused(
            f"Arbetsboken har flera blad med {what}: {names}. Bara ett blad kan importeras. "
            "Ta bort de andra bladen, eller flytta raderna till ett blad, och ladda upp filen igen."
        )
    if not visible and hidden:
        names = ", ".join(f"”{sheet.title}”" for sheet in hidden)
        raise FileRefused(
            f"Bladet med {what} är dolt ({names}). Dolda blad importeras inte: visa bladet i Excel "
            "(högerklicka på en bladflik och välj Ta fram) och ladda upp filen igen."
        )
    return visible[0] if visible else None
