"""The page across strategies: spending per actor and year over every strategy."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..across import spending_across_strategies
from ..spreadsheets import workbook
from .reports import report_reader_required

TITLE = "Insatser över strategierna"


@report_reader_required
def across_strategies(request: HttpRequest) -> HttpResponse:
    spending = spending_across_strategies()
    if request.GET.get("format") == "csv":
        return workbook.csv_response(_table(spending), "insatser-over-strategierna.csv")
    return render(request, "followup/across_strategies.html", {"title": TITLE, "spending": spending})


def _table(spending) -> workbook.Table:
    columns = [
        workbook.Column("label", "Aktör eller område"),
        *(
            workbook.Column(
                f"y{column.year}", f"{column.year} ({column.strategy.short_name})", "kr", total=True
            )
            for column in spending.years
        ),
        workbook.Column("total", "Totalt", "kr", total=True),
    ]

    def rows():
        for row in spending.actors:
            yield _values(row, spending)
        for row in spending.mapped:
            yield _values(row, spending, prefix="Tolkning: ")

    return workbook.Table(title=TITLE, columns=columns, rows=rows())


def _values(row, spending, prefix: str = "") -> dict:
    values = {f"y{column.year}": amount for column, amount in zip(spending.years, row.amounts, strict=True)}
    return {"label": f"{prefix}{row.label}", **values, "total": row.total}
