"""Read an uploaded workbook safely into plain rows of text, or refuse it with a Swedish reason.

Checks run from cheapest to dearest, and the file reaches openpyxl only once it is known
to be a zip of a sensible uncompressed size with a workbook inside: a zip bomb is caught
by the sizes in the zip directory (which zipfile also enforces while it decompresses),
before anything is inflated.

The rows come out as JSON-safe text so that they can wait in the session between the
preview and the confirmation; numbers are written with a decimal comma so that
`parse_amount` reads `1234.567` as the decimal it is, not as a thousands group.
"""

import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from openpyxl import load_workbook

from .columns import EDITABLE_COLUMNS, EXPORT_COLUMNS, HEADING_KEYS, heading_key
from .workbook import TOTALS_LABEL

SHEET_TITLE = "Insatser"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# An encrypted Office file is an OLE container holding these streams instead of a zip.
ENCRYPTION_MARKER = "EncryptionInfo".encode("utf-16-le")
HEADER_SEARCH_ROWS = 10
MAX_COLUMNS = 40
MAX_ZIP_MEMBERS = 500
# Worksheet XML compresses well, but not a thousand times over.
MAX_COMPRESSION_RATIO = 200
_HEADINGS = {column.key: column.heading for column in EXPORT_COLUMNS}


class FileRefused(ValueError):
    """The file as a whole cannot be imported. `messages` are Swedish and meant for the user."""

    def __init__(self, *messages: str) -> None:
        super().__init__(" ".join(messages))
        self.messages = list(messages)


@dataclass
class SheetRows:
    """The data rows of an upload, keyed by column, as text; row numbers as Excel shows them."""

    file_name: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str | None]]] = field(default_factory=list)
    formulas: list[tuple[int, str, str]] = field(default_factory=list)

    def to_session(self) -> dict[str, Any]:
        return {
            "file_name": self.file_name,
            "columns": self.columns,
            "rows": [[number, values] for number, values in self.rows],
            "formulas": [list(item) for item in self.formulas],
        }

    @classmethod
    def from_session(cls, data: dict[str, Any]) -> "SheetRows":
        return cls(
            file_name=data["file_name"],
            columns=list(data["columns"]),
            rows=[(number, values) for number, values in data["rows"]],
            formulas=[(row, key, text) for row, key, text in data["formulas"]],
        )


def max_mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}".replace(".", ",")


def _check_kind(data: bytes) -> None:
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
    if not data.startswith(ZIP_MAGIC):
        if b"\x00" not in data[:4096]:
            raise FileRefused(
                "Filen är en textfil (till exempel CSV), inte en Excel-arbetsbok. "
                "Öppna den i Excel och spara den som Excel-arbetsbok (.xlsx)."
            )
        raise FileRefused("Filen är inte en Excel-arbetsbok (.xlsx).")


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise FileRefused("Filen är skadad och kan inte läsas som en Excel-arbetsbok.") from error
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


def _text(value: Any) -> str | None:
    """A cell value as text; numbers with a decimal comma and without exponent."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "SANT" if value else "FALSKT"
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if number == number.to_integral_value():
            return str(int(number))
        return f"{number.normalize():f}".replace(".", ",")
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


def _header_columns(cells: tuple) -> dict[int, str]:
    """Column index -> key, or FileRefused naming every missing, unknown or doubled heading."""
    found: dict[int, str] = {}
    problems: list[str] = []
    for index, cell in enumerate(cells):
        text = _text(cell.value)
        if text is None:
            continue
        key = HEADING_KEYS.get(heading_key(text))
        if key is None:
            problems.append(f"Kolumnen ”{text.strip()}” känns inte igen.")
        elif key in found.values():
            problems.append(f"Kolumnen ”{_HEADINGS[key]}” finns två gånger.")
        else:
            found[index] = key
    for column in EDITABLE_COLUMNS:
        if column.key not in found.values():
            problems.append(f"Kolumnen ”{column.heading}” saknas.")
    if problems:
        expected = ", ".join(f"”{column.heading}”" for column in EDITABLE_COLUMNS)
        problems.append(f"Använd mallens kolumnrubriker: {expected}.")
        raise FileRefused(*problems)
    return found


def read_upload(data: bytes, *, file_name: str) -> SheetRows:
    """The data rows of the sheet "Insatser" (or the first sheet), or FileRefused."""
    limit = settings.UPLOAD_MAX_BYTES
    if len(data) > limit:
        raise FileRefused(f"Filen är större än {max_mb(limit)} MB.")
    _check_kind(data)
    _check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl signals a broken workbook with many exception types
        raise FileRefused("Filen är skadad och kan inte läsas som en Excel-arbetsbok.") from error
    try:
        sheet = workbook[SHEET_TITLE] if SHEET_TITLE in workbook.sheetnames else workbook.worksheets[0]
        return _read_sheet(sheet, file_name=file_name)
    except FileRefused:
        raise
    except Exception as error:  # a damaged sheet part surfaces only while rows are read
        raise FileRefused("Filen är skadad och kan inte läsas som en Excel-arbetsbok.") from error
    finally:
        workbook.close()


def _read_sheet(sheet, *, file_name: str) -> SheetRows:
    max_rows = settings.IMPORT_MAX_ROWS
    columns: dict[int, str] | None = None
    result = SheetRows(file_name=file_name, columns=[])
    for number, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
        if columns is None:
            if any(heading_key(_text(cell.value) or "") == "rubrik" for cell in cells):
                columns = _header_columns(cells)
                result.columns = list(columns.values())
            elif number >= HEADER_SEARCH_ROWS:
                break
            continue
        values: dict[str, str | None] = {}
        has_formula = False
        for index, key in columns.items():
            cell = cells[index] if index < len(cells) else None
            if cell is None:
                values[key] = None
            elif cell.data_type == "f":
                result.formulas.append((number, key, str(cell.value)))
                values[key] = None
                has_formula = True
            else:
                values[key] = _text(cell.value)
        if (values.get("id") or "").strip().casefold() == TOTALS_LABEL.casefold():
            continue
        if all(value is None for value in values.values()) and not has_formula:
            continue
        result.rows.append((number, values))
        if len(result.rows) > max_rows:
            raise FileRefused(f"Filen har fler än {max_rows} rader med insatser. Dela upp den i flera filer.")
    if columns is None:
        raise FileRefused(
            f"Hittar inga kolumnrubriker bland de första {HEADER_SEARCH_ROWS} raderna i bladet "
            f"”{sheet.title}”. Utgå från mallen: rubrikraden ska bland annat innehålla ”Rubrik”."
        )
    if not result.rows:
        raise FileRefused("Arbetsboken har inga rader med insatser under rubrikraden.")
    return result
