"""`make bench` rows for the entry exports: Excel, CSV and the JSON API, each against its
floor, time and peak Python heap, at two row counts (a tenth and all of
BENCH_EXPORT_ROWS) to show that the heap does not grow with the rows.

"Ours" is the code the views run: `entry_table` through `write_xlsx` and `csv_response`,
`api_rows` through `json_response`. Every floor reads the same cursor as ours (the one
query of `entry_values`: the same rows, order and columns, municipalities joined in the
database) and writes each row's values as they come, one cell or field per column:
- Excel: openpyxl's write-only mode;
- CSV: Python's `csv.writer` straight into the file;
- JSON: `json.dumps` of each row as an object keyed by the query's fields, streamed.
Ours does on top what users get: labels, names and sorted municipalities from the
lookup, number formats, the heading, totals, kronor with a decimal comma.
"""

import csv
import io
import json
import tempfile
import time
from collections.abc import Callable

TARGET = 1.25


def _entry_values(entries):
    from followup.spreadsheets.exports import CHUNK_SIZE, entry_values

    return entry_values(entries).iterator(chunk_size=CHUNK_SIZE)


def export_ours(entries, target) -> None:
    from followup.spreadsheets.exports import EntryFilters, entry_table
    from followup.spreadsheets.workbook import write_xlsx

    write_xlsx(entry_table(entries, filters=EntryFilters(), made_by="benchmark"), target)


def export_floor(entries, target) -> None:
    from openpyxl import Workbook

    from followup.spreadsheets.exports import EXPORT_FIELDS

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Insatser")
    sheet.append(EXPORT_FIELDS)
    for row in _entry_values(entries):
        sheet.append([value.replace(tzinfo=None) if hasattr(value, "tzinfo") else value for value in row])
    workbook.save(target)


def csv_ours(entries, target) -> None:
    from followup.spreadsheets.exports import EntryFilters, entry_table
    from followup.spreadsheets.workbook import csv_response

    table = entry_table(entries, filters=EntryFilters(), made_by="benchmark")
    for chunk in csv_response(table, "insatser.csv").streaming_content:
        target.write(chunk)


def csv_floor(entries, target) -> None:
    text = io.TextIOWrapper(target, encoding="utf-8", newline="", write_through=False)
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    for row in _entry_values(entries):
        writer.writerow(row)
    text.detach()


def json_ours(entries, target) -> None:
    from django.utils import timezone

    from followup.spreadsheets.exports import api_rows
    from followup.spreadsheets.workbook import json_response

    response = json_response(
        meta={"url": "http://testserver/api/v1/insatser/", "filters": {}, "generated_at": timezone.now()},
        rows=api_rows(entries),
        total_keys=["amount"],
    )
    for chunk in response.streaming_content:
        target.write(chunk)


def json_floor(entries, target) -> None:
    from followup.spreadsheets.exports import EXPORT_FIELDS

    text = io.TextIOWrapper(target, encoding="utf-8", write_through=False)
    text.write('{"results": [')
    separator = ""
    for row in _entry_values(entries):
        row_object = dict(zip(EXPORT_FIELDS, row, strict=True))
        text.write(separator + json.dumps(row_object, default=str, ensure_ascii=False))
        separator = ","
    text.write("]}")
    text.detach()


FORMATS: list[tuple[str, Callable, Callable]] = [
    ("Excel-export", export_ours, export_floor),
    ("CSV-export", csv_ours, csv_floor),
    ("JSON-API", json_ours, json_floor),
]


def _run(function: Callable, entries, timed: Callable, peak_memory: Callable) -> tuple[float, int]:
    """Seconds (`timed`: the median of its runs after a warm-up) and the peak Python heap of
    one more run."""
    with tempfile.TemporaryFile() as target:

        def once() -> None:
            target.seek(0)
            target.truncate()
            function(entries, target)

        seconds = timed(once)
        _, memory = peak_memory(once)
    return seconds, memory


def measure_export(
    rows: list[dict], size: int, *, export_rows: int, timed: Callable, peak_memory: Callable
) -> None:
    from followup.models import SpendingEntry

    largest = min(export_rows, size)
    for name, ours_function, floor_function in FORMATS:
        for count in sorted({max(1, largest // 10), largest}):
            last_pk = SpendingEntry.objects.order_by("pk").values_list("pk", flat=True)[count - 1]
            entries = SpendingEntry.objects.filter(pk__lte=last_pk)
            start = time.perf_counter()
            ours = _run(ours_function, entries, timed, peak_memory)
            floor = _run(floor_function, entries, timed, peak_memory)
            ratio = ours[0] / floor[0]
            rows.append(
                {
                    "entries": size,
                    "what": f"{name} av {count} insatser",
                    "seconds": ours[0],
                    "floor": floor[0],
                    "queries": None,
                    "memory": (ours[1], floor[1]),
                    "goal": f"≤ {TARGET}× golvet" if count == largest else "",
                    "met": ratio <= TARGET,
                }
            )
            print(f"  {name}, {count} insatser: {time.perf_counter() - start:.0f} s", flush=True)
