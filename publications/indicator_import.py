"""Importing indicator values from a .xlsx workbook or a CSV file, all or nothing.

Columns (the heading row names them, in any order; other columns are ignored, so the
reference file `strategy/data/indicators.csv` imports as it is):

- `indikator` (or `indicator_key`): the indicator's key;
- `år` (or `period`): a year, or a school year such as `2019/2020`, which counts as the
  year it ends (2020);
- `område` (or `area`): for instance `Västra Götalands län` or `Riket`;
- `värde` (or `value`): a number, with a decimal comma or point.

Every row is checked before anything is written; one error anywhere refuses the whole
file, with every error listed by row and column. A value already stored for the same
indicator, area and year is replaced.
"""

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from followup.spreadsheets.reader import (
    MAX_BLANK_ROWS,
    FileRefused,
    ReadBudget,
    choose_sheet,
    file_kind,
    max_cells,
    open_workbook,
)

from .models import INDICATOR_VALUE, Indicator, IndicatorValue
from .numbers import NumberError, parse_decimal

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 10
# The columns a series file may have, the four read and others that are ignored.
MAX_COLUMNS = 20
MIN_YEAR, MAX_YEAR = 1900, 2100
_LARGEST_VALUE = Decimal(10) ** (INDICATOR_VALUE["max_digits"] - INDICATOR_VALUE["decimal_places"])

COLUMNS = {
    "indikator": ("indikator", "indicator_key", "nyckel"),
    "år": ("år", "ar", "period", "year"),
    "område": ("område", "omrade", "area"),
    "värde": ("värde", "varde", "value"),
}
_SCHOOL_YEAR = re.compile(r"([0-9]{4})\s*/\s*([0-9]{4})")


@dataclass(frozen=True)
class ImportProblem:
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = ", ".join(
            part
            for part in (
                f"rad {self.row}" if self.row else "",
                f"kolumn {self.column}" if self.column else "",
            )
            if part
        )
        return f"{where[:1].upper()}{where[1:]}: {self.message}" if where else self.message


class ImportRefused(FileRefused):
    """The file was refused; nothing was written. `problems` says why, row by row."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__(*(str(problem) for problem in problems))
        self.problems = problems


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    indicators: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Row:
    number: int
    indicator: Indicator
    year: int
    area: str
    value: Decimal


def _refuse(message: str) -> ImportRefused:
    return ImportRefused([ImportProblem(message)])


def _is_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _walk(rows: Iterable[Iterable[object]], budget: ReadBudget) -> list[list[object]]:
    return [list(row) for _, row in budget.walk(rows, where="Filen")]


def _has_heading(sheet) -> bool:
    aliases = COLUMNS["indikator"]
    rows = sheet.iter_rows(max_row=HEADER_SEARCH_ROWS)
    return any(str(cell.value).strip().lower() in aliases for row in rows for cell in row if cell.value)


def _read_xlsx(data: bytes, budget: ReadBudget) -> list[list[object]]:
    with open_workbook(
        data, cells=max_cells(rows=HEADER_SEARCH_ROWS + MAX_ROWS, columns=MAX_COLUMNS)
    ) as workbook:
        sheet = choose_sheet(workbook, holds_data=_has_heading, what="indikatorvärden", budget=budget)
        if sheet is None:
            sheet = next(sheet for sheet in workbook.worksheets if sheet.sheet_state == "visible")
        return _walk((tuple(cell.value for cell in row) for row in sheet.iter_rows()), budget)


def _read_csv(data: bytes, budget: ReadBudget) -> list[list[object]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Swedish Excel saves "CSV (semikolonavgränsad)" in Windows-1252.
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise _refuse("Filen har en teckenkodning som inte går att läsa. Spara den som UTF-8.") from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") and ";" in first_line else ","
    try:
        return _walk(csv.reader(io.StringIO(text), delimiter=delimiter), budget)
    except csv.Error as error:  # a field over the csv module's length limit, say
        raise _refuse(
            "Filen går inte att läsa som CSV. Kontrollera att varje värde står inom sin kolumn "
            "och att citattecken är parvisa."
        ) from error


def read_table(name: str, data: bytes) -> list[list[object]]:
    """The file's cells, row by row, after the checks of type and size that every upload gets."""
    if not name.lower().endswith((".xlsx", ".csv")):
        raise _refuse("Välj en fil av typen .xlsx eller .csv.")
    budget = ReadBudget(max_rows=HEADER_SEARCH_ROWS + MAX_ROWS + MAX_BLANK_ROWS)
    try:
        if file_kind(data, max_bytes=MAX_BYTES) == "text":
            return _read_csv(data, budget)
        return _read_xlsx(data, budget)
    except ImportRefused:
        raise
    except FileRefused as refused:
        raise ImportRefused([ImportProblem(message) for message in refused.messages]) from refused


def _blank(cell: object) -> bool:
    return cell is None or (isinstance(cell, str) and cell.strip() == "")


def _columns(header: list[object]) -> dict[str, int]:
    names = [str(cell).strip().lower() if cell is not None else "" for cell in header]
    found = {}
    for column, aliases in COLUMNS.items():
        for index, name in enumerate(names):
            if name in aliases:
                found[column] = index
                break
    missing = [column for column in COLUMNS if column not in found]
    if missing:
        raise ImportRefused(
            [
                ImportProblem(
                    f"Rubrikraden saknar kolumnen {', '.join(missing)}. "
                    "Filen ska ha kolumnerna indikator, år, område och värde.",
                    row=1,
                )
            ]
        )
    return found


def _year(cell: object) -> int:
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, int) and not isinstance(cell, bool):
        year = cell
    else:
        text = str(cell).strip()
        school_year = _SCHOOL_YEAR.fullmatch(text)
        if school_year:
            start, end = (int(part) for part in school_year.groups())
            if end != start + 1:
                raise ValueError("Ett läsår skrivs med två år i följd, till exempel 2019/2020.")
            year = end
        elif re.fullmatch(r"[0-9]{4}", text):
            year = int(text)
        else:
            raise ValueError("Ange året med fyra siffror (2019) eller ett läsår (2019/2020).")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"Året ska ligga mellan {MIN_YEAR} och {MAX_YEAR}.")
    return year


def _value(cell: object) -> Decimal:
    """A value the database can hold; the bounds are compared before any arithmetic, so
    no number (`1E+308`, infinity) can reach the decimal context's limits."""
    value = parse_decimal(cell)
    if not value.is_finite() or not -_LARGEST_VALUE < value < _LARGEST_VALUE:
        raise NumberError("Värdet är orimligt stort.")
    if value != value.quantize(Decimal(1).scaleb(-INDICATOR_VALUE["decimal_places"])):
        raise NumberError("Värdet har fler än tre decimaler.")
    return value


def validate(table: list[list[object]]) -> list[_Row]:
    """Every row checked against the indicators; raises ImportRefused listing all problems."""
    header_index = next((index for index, row in enumerate(table) if not all(map(_blank, row))), None)
    if header_index is None:
        raise _refuse("Filen innehåller ingenting.")
    columns = _columns(table[header_index])
    body = [
        (number, row)
        for number, row in enumerate(table[header_index + 1 :], start=header_index + 2)
        if not all(map(_blank, row))
    ]
    if not body:
        raise _refuse("Filen har en rubrikrad men inga värden.")
    if len(body) > MAX_ROWS:
        raise _refuse(f"Filen har {len(body)} rader. Högst {MAX_ROWS} rader kan importeras åt gången.")
    indicators = {indicator.key: indicator for indicator in Indicator.objects.all()}
    problems: list[ImportProblem] = []
    rows: list[_Row] = []
    seen: dict[tuple[str, str, int], int] = {}
    for number, row in body:
        cells = {column: row[index] if index < len(row) else None for column, index in columns.items()}
        row_problems = []
        for column, cell in cells.items():
            if _is_formula(cell):
                row_problems.append(
                    ImportProblem("Cellen innehåller en formel. Skriv in värdet.", number, column)
                )
            elif _blank(cell):
                row_problems.append(ImportProblem("Cellen är tom.", number, column))
        if row_problems:
            problems += row_problems
            continue
        key = str(cells["indikator"]).strip()
        indicator = indicators.get(key)
        if indicator is None:
            problems.append(
                ImportProblem(f"Det finns ingen indikator med nyckeln ”{key}”.", number, "indikator")
            )
        try:
            year = _year(cells["år"])
        except ValueError as error:
            problems.append(ImportProblem(str(error), number, "år"))
            year = None
        area = str(cells["område"]).strip()
        if len(area) > IndicatorValue._meta.get_field("area").max_length:
            problems.append(ImportProblem("Områdets namn är för långt.", number, "område"))
        try:
            value = _value(cells["värde"])
        except NumberError as error:
            problems.append(ImportProblem(str(error), number, "värde"))
            value = None
        if indicator is None or year is None or value is None:
            continue
        duplicate = seen.get((key, area, year))
        if duplicate:
            problems.append(
                ImportProblem(f"Samma indikator, område och år finns redan på rad {duplicate}.", number, "år")
            )
            continue
        seen[(key, area, year)] = number
        rows.append(_Row(number, indicator, year, area, value))
    if problems:
        raise ImportRefused(problems)
    return rows


def import_indicator_values(*, name: str, data: bytes) -> ImportResult:
    """Read, check and store a file's values in one transaction; ImportRefused changes nothing."""
    rows = validate(read_table(name, data))
    result = ImportResult()
    with transaction.atomic():
        existing = {
            (value.indicator_id, value.area, value.year): value
            for value in IndicatorValue.objects.select_for_update().filter(
                indicator__in={row.indicator.pk for row in rows}
            )
        }
        new, changed = [], []
        for row in rows:
            stored = existing.get((row.indicator.pk, row.area, row.year))
            if stored is None:
                new.append(
                    IndicatorValue(indicator=row.indicator, year=row.year, area=row.area, value=row.value)
                )
            elif stored.value != row.value:
                stored.value = row.value
                changed.append(stored)
            else:
                result.unchanged += 1
        IndicatorValue.objects.bulk_create(new)
        IndicatorValue.objects.bulk_update(changed, ["value"])
    result.created, result.updated = len(new), len(changed)
    result.indicators = sorted({row.indicator.name for row in rows})
    return result
