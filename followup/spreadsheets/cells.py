"""Cells for openpyxl's write-only sheets, written at close to openpyxl's own speed for
plain values (`workbook.py` writes the tables with them).

What costs in a write-only sheet is a cell object per value: a styled cell made for every
amount, and openpyxl's handling of a cell it is given. So a column's values go in plain
where no style is needed, a formatted column has one cell with its number format that
each row's value is put into (`column_writer`), and the sheet turns rows into cells with
`row_cells`, which passes a given cell straight on.
"""

import functools
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, tzinfo
from typing import Any

from django.utils import timezone
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font


def plain(value: Any) -> Any:
    """A value as a spreadsheet holds it: a naive local time, text without the control
    characters Excel refuses."""
    if isinstance(value, datetime):
        return local_time(value, timezone.get_current_timezone())
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def local_time(value: datetime, zone: tzinfo) -> datetime:
    """An aware time as the naive local time a spreadsheet shows. The writers look the
    zone up once: `timezone.localtime` looks it up anew for every value."""
    return value.astimezone(zone).replace(tzinfo=None) if value.utcoffset() is not None else value


def styled(sheet, value: Any, number_format: str | None, *, font: Font | None = None) -> Any:
    """A styled cell where one is needed; a plain value otherwise, which writes much faster."""
    value = plain(value)
    number_format = number_format if value is not None else None
    # Text that starts with "=" is data, never a formula.
    formula_like = isinstance(value, str) and value.startswith("=")
    if not (number_format or formula_like or font):
        return value
    cell = WriteOnlyCell(sheet, value=value)
    if formula_like:
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format
    if font:
        cell.font = font
    return cell


def column_writer(sheet, number_format: str | None, zone: tzinfo) -> Callable[[Any], Any]:
    """What turns a column's non-empty values into what the sheet is given: the same as
    `styled`, for a fraction of the time where the value is what the column holds (text
    where there is no number format, a number or a time where there is one).

    The number format is set once on one cell per column, which is given the row's value
    and written before the next row is appended (a write-only sheet writes each row as it
    is appended), instead of a new styled cell per value.
    """
    if number_format is None:

        def text(value: Any) -> Any:
            if type(value) is not str:
                return styled(sheet, value, None)
            # Illegal characters are control characters, which no printable text holds.
            if not value.isprintable():
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            return styled(sheet, value, None) if value.startswith("=") else value

        return text
    cell = WriteOnlyCell(sheet)
    cell.number_format = number_format

    def formatted(value: Any) -> Any:
        if isinstance(value, datetime):
            value = local_time(value, zone)
        elif isinstance(value, str):
            return styled(sheet, value, number_format)
        cell.value = value
        return cell

    return formatted


def use_row_cells(sheet) -> None:
    """Make the write-only sheet turn appended rows into cells with `row_cells`."""
    sheet._values_to_row = functools.partial(row_cells, sheet)


def row_cells(sheet, values: Iterable[Any], row_index: int) -> Iterator[Cell]:
    """The cells of one row, for a write-only sheet to write: openpyxl's own
    `WriteOnlyWorksheet._values_to_row` (3.1; requirements.txt pins it), except that a
    cell it is given goes straight to the writer. openpyxl first tries each given cell as
    a value, which fails with a formatted message (the cell's coordinate worked out for
    it) and is caught: with five formatted cells a row, that was a fifth of the export."""
    cell = WriteOnlyCell(sheet)
    for column_index, value in enumerate(values, 1):
        if value is None:
            continue
        if isinstance(value, Cell):
            value.column, value.row = column_index, row_index
            if value.hyperlink is not None:
                value.hyperlink.ref = value.coordinate
            yield value
            continue
        cell.value = value
        cell.column, cell.row = column_index, row_index
        yield cell
        # Binding a date gives the cell a number format; the next value needs a plain one.
        if cell.has_style:
            cell = WriteOnlyCell(sheet)
