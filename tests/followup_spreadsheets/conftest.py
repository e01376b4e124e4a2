"""Helpers for the spreadsheet tests: workbooks built with openpyxl, uploads, database counts."""

import io
import struct
import zipfile
from collections.abc import Sequence

import openpyxl
from django.test import Client
from openpyxl.utils import get_column_letter

from followup.models import ImportBatch, SpendingEntry
from followup.spreadsheets.columns import EDITABLE_COLUMNS

HEADINGS = [column.heading for column in EDITABLE_COLUMNS]


def row(**values) -> list:
    """A data row in template column order; unnamed columns are empty."""
    defaults = {
        "title": "Ny insats",
        "project_owner": "Högskolan Väst",
        "goal_area": "1",
        "amount": "250 000",
        "funding_source": "Regionutvecklingsnämnden",
    }
    defaults.update(values)
    return [defaults.get(column.key) for column in EDITABLE_COLUMNS]


def same_as(entry: SpendingEntry, **changes) -> list:
    """A row that repeats an entry exactly, with its id, except for `changes`."""
    values = {
        "id": entry.pk,
        "title": entry.title,
        "description": entry.description,
        "case_number": entry.case_number,
        "project_owner": entry.project_owner,
        "goal_area": str(entry.goal_area.number),
        "priority": str(entry.priority.number) if entry.priority else None,
        "focus_area": str(entry.focus_area.number) if entry.focus_area else None,
        "amount": entry.amount,
        "funding_source": entry.funding_source,
        "total_project_size": entry.total_project_size,
        "municipalities": ", ".join(entry.municipalities.values_list("name", flat=True)),
    }
    values.update(changes)
    return [values[column.key] for column in EDITABLE_COLUMNS]


def xlsx(rows: Sequence[Sequence], *, headings: Sequence[str] = HEADINGS, blank_rows_above: int = 0) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Insatser"
    for _ in range(blank_rows_above):
        sheet.append([])
    sheet.append(list(headings))
    for values in rows:
        sheet.append(list(values))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def database_state() -> tuple[int, int, int]:
    """Entries, history rows and import batches: what a refused import must leave as it was."""
    return SpendingEntry.objects.count(), SpendingEntry.history.count(), ImportBatch.objects.count()


def upload(client: Client, data: bytes, *, name: str = "insatser.xlsx", actor: str = "vgr", year: int = 2016):
    file = io.BytesIO(data)
    file.name = name
    return client.post("/vg2020/insatser/import/", {"actor": actor, "year": year, "file": file})


def upload_and_confirm(client: Client, data: bytes, **kwargs):
    """Upload, open the preview, confirm with what the preview showed; returns the last response."""
    response = upload(client, data, **kwargs)
    assert response.status_code == 302, response.content.decode()[:2000]
    preview = client.get(response["Location"])
    return client.post(response["Location"], {"fingerprint": preview.context["fingerprint"]})


def preview_of(client: Client, data: bytes, **kwargs):
    response = upload(client, data, **kwargs)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"])


def read_workbook(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content))


def compound_file(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE compound file (the container of old .xls and password-protected
    workbooks) with the given streams, each padded to 4096 bytes so no mini stream is needed.
    """
    sector = 512
    end, free, fat_sector, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [fat_sector, end]
    data_sectors, starts, sizes = b"", [], []
    for content in streams.values():
        content = content.ljust(4096, b"\0")
        count = len(content) // sector
        first = len(fat)
        starts.append(first)
        sizes.append(len(content))
        fat.extend([*range(first + 1, first + count), end])
        data_sectors += content
    fat_bytes = b"".join(struct.pack("<I", value) for value in fat).ljust(sector, b"\xff")

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", no_stream, right, child)
            + b"\0" * 16
            + b"\0" * 4
            + b"\0" * 16
            + struct.pack("<IQ", start, size)
        )

    names = list(streams)
    directory = entry("Root Entry", 5, 1 if names else no_stream, no_stream, end, 0)
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else no_stream
        directory += entry(name, 2, no_stream, right, starts[index], sizes[index])
    directory = directory.ljust(sector * ((len(directory) + sector - 1) // sector), b"\0")
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", free) * 108
    )
    assert len(header) == sector
    return header + fat_bytes + directory + data_sectors


def rewrite_sheet(data: bytes, rewrite, *, member: str = "xl/worksheets/sheet1.xml") -> bytes:
    """The workbook with one part's XML replaced by `rewrite(xml)`: how tests make files
    that openpyxl would never write (a false dimension, a million rows)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with source, zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == member:
                content = rewrite(content.decode()).encode()
            target.writestr(item.filename, content)
    return output.getvalue()


def sheet_with_rows(data_rows_xml: str) -> str:
    """Worksheet XML with the template's heading row and the given `<row>` elements after it."""
    headings = "".join(
        f'<c r="{get_column_letter(index)}1" t="inlineStr"><is><t>{heading}</t></is></c>'
        for index, heading in enumerate(HEADINGS, start=1)
    )
    return (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData><row r="1">{headings}</row>{data_rows_xml}</sheetData></worksheet>'
    )
