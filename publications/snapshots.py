"""Comparing the figures frozen with a published annual report with today's figures.

Both sides are `followup.reports.Report.as_snapshot()` data. A figure is an amount in
one place of the report: the grand total, one line of a breakdown or one cell of a
matrix. Figures are matched by their keys, not their labels, so a renamed goal area is
not mistaken for a change in money; a figure found on one side only counts as zero on
the other (an actor added since, say). Only the sections the published snapshot holds
are compared: a breakdown or matrix added to the reports after publication is not a
difference in money, so it never shows as one.

A published snapshot is never rewritten. Pages and the API show it through
`snapshot_for_display`, which leaves out what older snapshots hold in error.
"""

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from followup.reports import PAGES, dimension

ZERO = Decimal("0.00")

FigureKey = tuple[str, str]


@dataclass(frozen=True)
class FigureDifference:
    section: str
    label: str
    published: Decimal
    now: Decimal

    @property
    def difference(self) -> Decimal:
        return self.now - self.published


def _sections(snapshot: dict) -> set[str]:
    return {"total", *snapshot["breakdowns"], *snapshot["matrices"]}


def snapshot_figures(snapshot: dict) -> dict[FigureKey, tuple[str, str, Decimal]]:
    """Every amount of a snapshot, keyed by (section, figure key), with section and figure labels."""
    figures: dict[FigureKey, tuple[str, str, Decimal]] = {
        ("total", "total"): ("Totalt", "Alla insatser", Decimal(snapshot["total"]["total"]))
    }
    for name, breakdown in snapshot["breakdowns"].items():
        for figure in breakdown["figures"]:
            figures[(name, figure["key"])] = (breakdown["title"], figure["label"], Decimal(figure["total"]))
    for name, matrix in snapshot["matrices"].items():
        for row in matrix["rows"]:
            header = row["header"]
            for column, cell in zip(matrix["columns"], row["cells"], strict=True):
                figures[(name, f"{header['key']}|{column['key']}")] = (
                    matrix["title"],
                    f"{header['label']} – {column['label']}",
                    Decimal(cell["total"]),
                )
    return figures


def compare_snapshots(published: dict, live: dict) -> list[FigureDifference]:
    """The figures whose amounts differ, in the order of the published report (new ones
    last), in the sections the published report holds."""
    sections = _sections(published)
    before = snapshot_figures(published)
    after = {key: figure for key, figure in snapshot_figures(live).items() if key[0] in sections}
    differences = []
    for key in [*before, *(key for key in after if key not in before)]:
        section, label, old = before.get(key) or (*after[key][:2], ZERO)
        new = after[key][2] if key in after else ZERO
        if old != new:
            differences.append(FigureDifference(section=section, label=label, published=old, now=new))
    return differences


def snapshot_sections(snapshot: dict) -> list[dict]:
    """The breakdowns a one-year report shows, in the annual report's order (`PAGES`), each
    with the heading of its first column; those a snapshot lacks, as older ones do, are
    left out. (Its breakdown per year would repeat the grand total.)"""
    breakdowns = snapshot["breakdowns"]
    return [
        {"heading": dimension(name).label, **breakdowns[name]}
        for name in PAGES["annual_report"]
        if name in breakdowns
    ]


def _figures(snapshot: dict) -> Iterator[dict]:
    yield snapshot["total"]
    for breakdown in snapshot["breakdowns"].values():
        yield from breakdown["figures"]
        yield breakdown["total"]
    for matrix in snapshot["matrices"].values():
        yield from matrix["columns"]
        yield matrix["total"]
        for row in matrix["rows"]:
            yield row["header"]
            yield from row["cells"]


def snapshot_for_display(snapshot: dict, *, start_year: int) -> dict:
    """The figures of a published snapshot as pages and the API show them (a copy; the
    stored snapshot stays as it was frozen).

    Snapshots frozen before these rules were kept hold two errors of the report module of
    their day, left out here: a year figure outside the report's own period (a one-year
    report listed the year before as "2015: 0 kr"), and a comparison with a year before the
    strategy (`start_year`), which nobody reported for and so is no comparison at all: its
    `previous_year_total` becomes null, as the report module writes it today.
    """
    shown = copy.deepcopy(snapshot)
    first_year, last_year = shown.get("first_year"), shown.get("last_year")
    if first_year is None or last_year is None:
        return shown
    by_year = shown["breakdowns"].get("year")
    if by_year is not None:
        period = {str(year) for year in range(first_year, last_year + 1)}
        by_year["figures"] = [figure for figure in by_year["figures"] if figure["key"] in period]
    if last_year - 1 < start_year:
        for figure in _figures(shown):
            if "previous_year_total" in figure:
                figure["previous_year_total"] = None
    return shown
