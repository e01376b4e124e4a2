"""Where the money went: totals per goal area, priority, focus area, actor, funding source
and year, and the actor × focus area and actor × goal area matrices.

- `dimensions`: the one table of the report's dimensions, its matrices and the order of
  each page's sections; everything else reads it.
- `filters`: `ReportFilters` (which entries a report covers) and `ReportChoices` (the
  strategy's values the filters choose from).
- `figures`: the dataclasses of a report (`Figure`, `Breakdown`, `Matrix`, `Report`).
- `build`: `build_report`, a fixed number of grouped queries over the running totals.
- `lists`: the drill-down list of entries, a page at a time, and its totals.
"""

from .build import build_report
from .dimensions import DIMENSIONS, FILTERS, MATRICES, NONE_KEY, PAGES, Cross, Dimension, cross, dimension
from .figures import Breakdown, Figure, Matrix, MatrixRow, Report, YearChange, year_over_year
from .filters import ReportChoices, ReportFilters, filtered_totals, load_choices, open_report_years
from .lists import BY_YEAR_AND_ACTOR, ListTotals, entry_pages, list_totals

__all__ = [
    "BY_YEAR_AND_ACTOR",
    "DIMENSIONS",
    "FILTERS",
    "MATRICES",
    "NONE_KEY",
    "PAGES",
    "Breakdown",
    "Cross",
    "Dimension",
    "Figure",
    "ListTotals",
    "Matrix",
    "MatrixRow",
    "Report",
    "ReportChoices",
    "ReportFilters",
    "YearChange",
    "build_report",
    "cross",
    "dimension",
    "entry_pages",
    "filtered_totals",
    "list_totals",
    "load_choices",
    "open_report_years",
    "year_over_year",
]
