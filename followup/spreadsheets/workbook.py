"""Generic table writers: .xlsx, CSV for Swedish Excel, and JSON, all streaming.

A `Table` is a title, the filters it was made with, typed columns and an iterable of
rows: mappings keyed by column key, or sequences in column order (the entry export's,
which saves building a dict per row). The writers pull rows one at a time, so a table
over a queryset iterated with `.iterator()` keeps memory flat however many rows there are:

- .xlsx uses openpyxl's write-only mode, which writes rows to a temporary file as they
  come; the finished workbook is streamed from a temporary file with FileResponse.
- CSV and JSON are generators behind StreamingHttpResponse.

Totals are summed while the rows stream past, so the totals row always matches the
rows above it, even if entries change while a long export runs.
"""

import csv
import io
import itertools
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any, BinaryIO, Literal

from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from . import cells

# "integer" is a quantity (`1 234` insatser); "code" a whole number read as a label, an id
# or a year, which a thousands separator would turn into "2 017".
ColumnKind = Literal["text", "integer", "code", "decimal", "kr", "percent", "datetime"]

# Excel shows this as `1 234 567,00 kr` in a Swedish locale: the codes are locale-neutral.
KR_FORMAT = '#,##0.00 "kr"'
INTEGER_FORMAT = "#,##0"
CODE_FORMAT = "0"
DECIMAL_FORMAT = "0.00"
PERCENT_FORMAT = '0.0 "%"'
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TOTALS_LABEL = "Summa"
HEADING_ROWS = 4  # title, filters, when and by whom, a blank line

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
# Characters that make Excel treat a CSV cell as a formula (CSV injection).
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    kind: ColumnKind = "text"
    width: int = 18
    total: bool = False


@dataclass
class Table:
    title: str
    columns: Sequence[Column]
    rows: Iterable[Mapping[str, Any]] | Iterable[Sequence[Any]]
    filters: Sequence[tuple[str, str]] = ()
    generated_by: str = ""
    generated_at: datetime = field(default_factory=timezone.now)
    sheet_title: str = "Data"
    # A totals row given as it is (a report's own total, whose shares and ratios are not
    # sums of the rows above) instead of the sums of the `total` columns.
    totals_row: Mapping[str, Any] | None = None

    def heading_lines(self) -> list[str]:
        chosen = "; ".join(f"{label}: {value}" for label, value in self.filters) or "alla"
        when = timezone.localtime(self.generated_at).strftime("%Y-%m-%d %H:%M")
        by = f" av {self.generated_by}" if self.generated_by else ""
        return [self.title, f"Urval: {chosen}", f"Exporterad {when}{by}"]

    def value_rows(self) -> Iterator[Sequence[Any]]:
        """The rows as sequences in column order, whichever way they were given."""
        rows = iter(self.rows)
        first = next(rows, None)
        if first is None:
            return iter(())
        rows = itertools.chain([first], rows)
        if not isinstance(first, Mapping):
            return rows
        keys = [column.key for column in self.columns]
        return ([row.get(key) for key in keys] for row in rows)


class _Totals:
    """The sums of the `total` columns, added up as the rows stream past."""

    def __init__(self, columns: Sequence[Column]) -> None:
        self.indexes = [index for index, column in enumerate(columns) if column.total]
        self.sums = dict.fromkeys(self.indexes, Decimal(0))
        self.count = 0

    def add(self, values: Sequence[Any]) -> None:
        self.count += 1
        for index in self.indexes:
            if values[index] is not None:
                self.sums[index] += Decimal(values[index])

    def value(self, index: int) -> Decimal | None:
        return self.sums.get(index)


_NUMBER_FORMATS = {
    "kr": KR_FORMAT,
    "integer": INTEGER_FORMAT,
    "code": CODE_FORMAT,
    "decimal": DECIMAL_FORMAT,
    "percent": PERCENT_FORMAT,
    "datetime": DATETIME_FORMAT,
}


def _xlsx_cell(sheet, column: Column, value: Any, *, font: Font | None = None) -> Any:
    return cells.styled(sheet, value, _NUMBER_FORMATS.get(column.kind), font=font)


def write_xlsx(table: Table, target: BinaryIO) -> int:
    """Write the table as a workbook to `target`; returns the number of data rows."""
    return write_xlsx_sheets([table], target)[0]


def write_xlsx_sheets(tables: Sequence[Table], target: BinaryIO) -> list[int]:
    """Write each table to its own sheet of one workbook; returns each one's number of rows."""
    workbook = Workbook(write_only=True)
    counts = [_write_sheet(workbook, table) for table in tables]
    workbook.save(target)
    return counts


def _write_sheet(workbook: Workbook, table: Table) -> int:
    sheet = workbook.create_sheet(title=table.sheet_title[:31])
    cells.use_row_cells(sheet)
    columns = list(table.columns)
    last_letter = get_column_letter(len(columns))
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    header_row = HEADING_ROWS + 1
    # Set before the first row: write-only sheets write their view settings first.
    sheet.freeze_panes = f"A{header_row + 1}"
    title, *details = table.heading_lines()
    title_cell = WriteOnlyCell(sheet, value=title)
    title_cell.font = _TITLE
    sheet.append([title_cell])
    for line in details:
        sheet.append([line])
    sheet.append([])
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.heading)
        cell.font = _BOLD
        cell.data_type = "s"
        header.append(cell)
    sheet.append(header)
    totals = _Totals(columns)
    zone = timezone.get_current_timezone()
    writers = [cells.column_writer(sheet, _NUMBER_FORMATS.get(column.kind), zone) for column in columns]
    for values in table.value_rows():
        totals.add(values)
        sheet.append(
            [None if value is None else writer(value) for writer, value in zip(writers, values, strict=True)]
        )
    sheet.auto_filter.ref = f"A{header_row}:{last_letter}{header_row + max(totals.count, 1)}"
    if table.totals_row is not None or totals.indexes:
        label = WriteOnlyCell(sheet, value=TOTALS_LABEL)
        label.font = _BOLD
        totals_cells = [label]
        for index, column in enumerate(columns[1:], start=1):
            value = totals.value(index) if table.totals_row is None else table.totals_row.get(column.key)
            totals_cells.append(_xlsx_cell(sheet, column, value, font=_BOLD))
        sheet.append(totals_cells)
    return totals.count


def xlsx_response(table: Table | Sequence[Table], file_name: str) -> FileResponse:
    """The workbook (one sheet per table), built in a temporary file and streamed from it."""
    target = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it, which deletes it)
    write_xlsx_sheets([table] if isinstance(table, Table) else table, target)
    target.seek(0)
    return FileResponse(target, as_attachment=True, filename=file_name, content_type=XLSX_CONTENT_TYPE)


def _csv_decimal(places: int) -> Callable[[Any], str]:
    template = f"{{:.{places}f}}"

    def converted(value: Any) -> str:
        if type(value) is Decimal:
            # A database amount has its places already (numeric(14, 2)), and str() is
            # several times faster than formatting.
            text = str(value)
            if text[-places - 1 : -places] == ".":
                return text.replace(".", ",")
        return template.format(Decimal(value)).replace(".", ",")

    return converted


def _csv_text(value: Any) -> str:
    if isinstance(value, datetime):
        return f"{cells.plain(value):%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    # A leading apostrophe keeps Excel from running text as a formula.
    return f"'{text}" if text.startswith(_FORMULA_TRIGGERS) else text


def _csv_converter(kind: ColumnKind, zone: tzinfo) -> Callable[[Any], Any]:
    """`csv_value` for one column, with fast paths for the values its kind says."""
    if kind in ("kr", "decimal"):
        return _csv_decimal(2)
    if kind == "percent":
        return _csv_decimal(1)
    if kind in ("integer", "code"):
        return str
    if kind != "datetime":
        return _csv_text

    def moment(value: Any) -> str:
        if isinstance(value, datetime):
            return cells.local_time(value, zone).isoformat(" ", "minutes")
        return _csv_text(value)

    return moment


def csv_value(column: Column, value: Any) -> str:
    """A value the way Swedish Excel reads it: decimal comma, no thousands separator."""
    return "" if value is None else _csv_converter(column.kind, timezone.get_current_timezone())(value)


# Rows per chunk of a streamed CSV or JSON: a chunk per row would cost a write per row.
STREAM_ROWS = 500


def iter_csv(table: Table) -> Iterator[str]:
    """Semicolon-separated, UTF-8 with a byte order mark: what Swedish Excel opens directly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    columns = list(table.columns)
    zone = timezone.get_current_timezone()
    # Text is checked where it is (a call per cell costs more than the check); the csv
    # module writes a number as str() does and None as nothing.
    texts = [index for index, column in enumerate(columns) if column.kind == "text"]
    converters = [
        (index, _csv_converter(column.kind, zone))
        for index, column in enumerate(columns)
        if column.kind not in ("text", "integer", "code")
    ]

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([column.heading for column in columns])
    yield "\ufeff" + flush()
    for number, values in enumerate(table.value_rows(), start=1):
        row = list(values)
        for index in texts:
            value = row[index]
            if type(value) is str:
                if value.startswith(_FORMULA_TRIGGERS):
                    row[index] = f"'{value}"
            elif value is not None:
                row[index] = _csv_text(value)
        for index, convert in converters:
            if row[index] is not None:
                row[index] = convert(row[index])
        writer.writerow(row)
        if number % STREAM_ROWS == 0:
            yield flush()
    if table.totals_row is not None:
        values = [csv_value(column, table.totals_row.get(column.key)) for column in columns[1:]]
        writer.writerow([TOTALS_LABEL, *values])
    if text := flush():
        yield text


def csv_response(table: Table, file_name: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        (chunk.encode("utf-8") for chunk in iter_csv(table)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def api_timestamp(value: datetime, zone: tzinfo | None = None) -> str:
    """The one time format of the JSON APIs: ISO 8601 in local time with its offset, to the
    second (`2016-05-01T12:00:00+02:00`), as the README documents. A long list passes the
    current time zone, looked up once."""
    return timezone.localtime(value, zone).isoformat(timespec="seconds")


class ApiJSONEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder with the APIs' timestamps (its own are UTC, `Z` and milliseconds)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime) and timezone.is_aware(o):
            return api_timestamp(o)
        return super().default(o)


def iter_json(
    *, meta: Mapping[str, Any], rows: Iterable[dict[str, Any]], total_keys: Sequence[str] = ()
) -> Iterator[str]:
    """`{...meta, "results": [...], "count": n, "totals": {...}}`, one row at a time.

    Amounts are strings (`"1234567.50"`) so that no reader turns kronor into floats.
    """
    encoder = ApiJSONEncoder(ensure_ascii=False)
    head = encoder.encode(dict(meta))
    yield head[:-1] + (', "results": [' if len(head) > 2 else '"results": [')
    count = 0
    sums = {key: Decimal(0) for key in total_keys}
    encode = encoder.encode
    chunk = []
    for row in rows:
        for key in total_keys:
            if row.get(key) is not None:
                sums[key] += Decimal(row[key])
        chunk.append(encode(row))
        count += 1
        if count % STREAM_ROWS == 0:
            yield ("," if count > STREAM_ROWS else "") + ",".join(chunk)
            chunk = []
    if chunk:
        yield ("," if count > len(chunk) else "") + ",".join(chunk)
    tail = {"count": count, "totals": {key: f"{value:.2f}" for key, value in sums.items()}}
    yield "], " + json.dumps(tail, ensure_ascii=False)[1:]


def json_response(**kwargs: Any) -> StreamingHttpResponse:
    return StreamingHttpResponse(
        (chunk.encode("utf-8") for chunk in iter_json(**kwargs)),
        content_type="application/json; charset=utf-8",
    )
