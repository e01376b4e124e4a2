"""A report's tables for the writers: one table per breakdown and per matrix.

Every table ends with the report's own total (not a sum of rounded shares), so each sheet
of an export and each CSV file adds up to the same figure as the report page.
"""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from followup.reports import (
    DIMENSIONS,
    MATRICES,
    Breakdown,
    Figure,
    Matrix,
    Report,
    dimension,
    year_over_year,
)
from strategy.models import StrategyWords

from ..reports.dimensions import label_in
from .workbook import Column, Table

# Table name (the `tabell` parameter) -> sheet title, in the order of the workbook: every
# breakdown, then every matrix.
TABLES = {item.name: item.label for item in DIMENSIONS} | {spec.name: spec.title for spec in MATRICES}


class UnknownTable(ValueError):
    """A table name that is not one of `TABLES`; the message is Swedish and meant for the user."""


def _breakdown_columns(name: str, change_label: str, words: StrategyWords) -> list[Column]:
    return [
        Column("label", label_in(dimension(name), words), width=48),
        Column("total", "Belopp (kr)", "kr", width=20, total=True),
        Column("share", "Andel (%)", "percent", width=10),
        Column("count", "Antal insatser", "integer", width=14, total=True),
        Column("change", f"Förändring {change_label} (kr)", "kr", width=24),
        Column("change_percent", f"Förändring {change_label} (%)", "percent", width=24),
        Column("leverage", "Hävstång", "decimal", width=10),
    ]


def _figure_row(figure: Figure, *, change: Decimal | None, change_percent: Decimal | None) -> dict[str, Any]:
    return {
        "label": figure.label,
        "total": figure.total,
        "share": figure.share,
        "count": figure.count,
        "change": change,
        "change_percent": change_percent,
        "leverage": figure.leverage,
    }


def _breakdown_rows(breakdown: Breakdown) -> Iterator[dict[str, Any]]:
    if breakdown.dimension == "year":
        # Each year against the year before it, as the report page's trend table shows.
        for row in year_over_year(breakdown):
            yield _figure_row(row.figure, change=row.change, change_percent=row.change_percent)
        return
    for figure in breakdown.figures:
        yield _figure_row(figure, change=figure.change, change_percent=figure.change_percent)


def _title(report: Report, what: str) -> str:
    return f"{report.strategy.short_name}: beviljade belopp {what}"


def breakdown_table(report: Report, breakdown: Breakdown, *, made_by: str) -> Table:
    previous_year, last_year = report.comparison_years
    is_year = breakdown.dimension == "year"
    change_label = "mot året före" if is_year else f"{last_year} mot {previous_year}"
    total = report.total
    return Table(
        title=_title(report, breakdown.title.lower()),
        columns=_breakdown_columns(breakdown.dimension, change_label, report.strategy.words),
        rows=_breakdown_rows(breakdown),
        filters=report.filters.describe(),
        generated_by=made_by,
        sheet_title=label_in(dimension(breakdown.dimension), report.strategy.words),
        totals_row=_figure_row(
            total,
            change=None if is_year else total.change,
            change_percent=None if is_year else total.change_percent,
        ),
    )


def _column_key(figure: Figure) -> str:
    return f"column_{figure.key}"


def matrix_table(report: Report, matrix: Matrix, *, made_by: str) -> Table:
    """Actors as rows, the matrix's columns, each row's total, and a row of column totals."""
    columns = [
        Column("label", matrix.row_title, width=36),
        *(Column(_column_key(column), column.label, "kr", width=22, total=True) for column in matrix.columns),
        Column("total", "Totalt", "kr", width=20, total=True),
    ]
    rows = (
        {
            "label": row.header.label,
            **{_column_key(cell): cell.total for cell in row.cells},
            "total": row.header.total,
        }
        for row in matrix.rows
    )
    totals = {_column_key(column): column.total for column in matrix.columns} | {"total": matrix.total.total}
    return Table(
        title=_title(report, "per " + matrix.title.lower().replace(" × ", " och ")),
        columns=columns,
        rows=rows,
        filters=report.filters.describe(),
        generated_by=made_by,
        sheet_title=matrix.title,
        totals_row=totals,
    )


def report_table(report: Report, name: str, *, made_by: str) -> Table:
    """One of the report's tables by its name in `TABLES`."""
    if name not in TABLES:
        known = ", ".join(TABLES)
        raise UnknownTable(f"Det finns ingen tabell som heter ”{name}”. Välj en av: {known}.")
    table = report.table(name)
    if isinstance(table, Matrix):
        return matrix_table(report, table, made_by=made_by)
    return breakdown_table(report, table, made_by=made_by)


def report_tables(report: Report, *, made_by: str) -> list[Table]:
    """Every table of the report, in the order of `TABLES`: one sheet each, without a level
    the strategy does not have."""
    words = report.strategy.words
    return [report_table(report, name, made_by=made_by) for name in TABLES if words.shows(name)]


def file_stem(report: Report, table: str | None = None) -> str:
    """`uppfoljning-2014-2019`, `uppfoljning-aktor-2016-2016-vgr`: what and which filters."""
    parts = ["uppfoljning"]
    if table:
        parts.append(table.replace("_", "-"))
    parts += [str(report.filters.first_year), str(report.filters.last_year)]
    parts += [value for key, value in report.filters.as_query().items() if key not in ("fran", "till")]
    return "-".join(parts)
