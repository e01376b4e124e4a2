"""Read an uploaded entry workbook into plain rows of text, or refuse it with a Swedish reason.

The sheet read is the one visible sheet with the template's heading row; the rows come
out as JSON-safe text so that they can wait server-side between the preview and the
confirmation (`pending.py`); numbers are written with a decimal comma so that
`parse_amount` reads `1234.567` as the decimal it is, not as a thousands group.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings

from .columns import EDITABLE_COLUMNS, EXPORT_COLUMNS, HEADING, HEADING_KEYS, heading_key
from .reader import (
    MAX_BLANK_ROWS,
    FileRefused,
    ReadBudget,
    choose_sheet,
    file_kind,
    max_cells,
    open_workbook,
)
from .workbook import TOTALS_LABEL, Column

SHEET_TITLE = "Insatser"
HEADER_SEARCH_ROWS = 10
MAX_COLUMNS = 40


@dataclass
class SheetRows:
    """The data rows of an upload, keyed by column, as text; row numbers as Excel shows them."""

    file_name: str
    columns: list[str]
    rows: list[tuple[int, dict[str, str | None]]] = field(default_factory=list)
    formulas: list[tuple[int, str, str]] = field(default_factory=list)

    def to_stored(self) -> dict[str, Any]:
        return {
            "file_name": self.file_name,
            "columns": self.columns,
            "rows": [[number, values] for number, values in self.rows],
            "formulas": [list(item) for item in self.formulas],
        }

    @classmethod
    def from_stored(cls, data: Any) -> "SheetRows":
        """The rows as `to_stored` wrote them; ValueError for anything of another shape."""
        try:
            return cls(
                file_name=_checked(data["file_name"], str),
                columns=[_checked(key, str) for key in data["columns"]],
                rows=[(_checked(number, int), _cells(values)) for number, values in data["rows"]],
                formulas=[
                    (_checked(row, int), _checked(key, str), _checked(text, str))
                    for row, key, text in data["formulas"]
                ],
            )
        except (KeyError, TypeError, ValueError) as error:
            raise ValueError(f"Stored rows of an unknown shape: {error}") from error


def _checked(value: Any, kind: type) -> Any:
    if not isinstance(value, kind) or isinstance(value, bool):
        raise TypeError(f"{value!r} is not {kind.__name__}")
    return value


def _cells(values: Any) -> dict[str, str | None]:
    if not isinstance(values, dict):
        raise TypeError(f"{values!r} is not a row")
    for key, value in values.items():
        _checked(key, str)
        if value is not None:
            _checked(value, str)
    return values


def _text(value: Any) -> str | None:
    """A cell value as text; numbers with a decimal comma and without exponent."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "SANT" if value else "FALSKT"
    if isinstance(value, (int, float, Decimal)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            return str(value)  # `inf`, `nan`: parse_amount refuses them as unreasonable
        if number == number.to_integral_value():
            return str(int(number))
        return f"{number.normalize():f}".replace(".", ",")
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    text = str(value)
    return text if text.strip() else None


def _is_heading_row(cells: tuple) -> bool:
    return any(heading_key(_text(cell.value) or "") == "rubrik" for cell in cells)


def _has_headings(sheet: Any) -> bool:
    rows = sheet.iter_rows(max_col=MAX_COLUMNS, max_row=HEADER_SEARCH_ROWS)
    return any(_is_heading_row(cells) for cells in rows)


def _header_columns(cells: tuple, required: Sequence[Column]) -> dict[int, str]:
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
            problems.append(f"Kolumnen ”{HEADING[key]}” finns två gånger.")
        else:
            found[index] = key
    for column in required:
        if column.key not in found.values():
            problems.append(f"Kolumnen ”{column.heading}” saknas.")
    if problems:
        expected = ", ".join(f"”{column.heading}”" for column in required)
        problems.append(f"Använd mallens kolumnrubriker: {expected}.")
        raise FileRefused(*problems)
    return found


def read_upload(data: bytes, *, file_name: str, required: Sequence[Column] = EDITABLE_COLUMNS) -> SheetRows:
    """The data rows of the one visible sheet with the template's headings, or FileRefused."""
    if file_kind(data, max_bytes=settings.UPLOAD_MAX_BYTES) == "text":
        raise FileRefused(
            "Filen är en textfil (till exempel CSV), inte en Excel-arbetsbok. "
            "Öppna den i Excel och spara den som Excel-arbetsbok (.xlsx)."
        )
    budget = ReadBudget(max_rows=HEADER_SEARCH_ROWS + settings.IMPORT_MAX_ROWS + MAX_BLANK_ROWS)
    cells = max_cells(rows=HEADER_SEARCH_ROWS + settings.IMPORT_MAX_ROWS, columns=len(EXPORT_COLUMNS))
    with open_workbook(data, cells=cells) as workbook:
        sheet = choose_sheet(workbook, holds_data=_has_headings, what="insatser", budget=budget)
        if sheet is None:
            raise FileRefused(
                f"Hittar inga kolumnrubriker bland de första {HEADER_SEARCH_ROWS} raderna i arbetsboken. "
                f"Utgå från mallen: bladet ”{SHEET_TITLE}” ska ha en rubrikrad som bland annat "
                "innehåller ”Rubrik”."
            )
        return _read_sheet(sheet, file_name=file_name, budget=budget, required=required)


def _read_sheet(sheet: Any, *, file_name: str, budget: ReadBudget, required: Sequence[Column]) -> SheetRows:
    max_rows = settings.IMPORT_MAX_ROWS
    columns: dict[int, str] | None = None
    result = SheetRows(file_name=file_name, columns=[])
    for number, cells in budget.walk(sheet.iter_rows(max_col=MAX_COLUMNS), where=f"Bladet ”{sheet.title}”"):
        if columns is None:
            if _is_heading_row(cells):
                columns = _header_columns(cells, required)
                result.columns = list(columns.values())
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
    if not result.rows:
        raise FileRefused("Arbetsboken har inga rader med insatser under rubrikraden.")
    return result
