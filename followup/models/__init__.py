"""The yearly follow-up: what each actor spent, per initiative (insats), per year.

One module per concept: the reporting years, the entries, what an import brings along,
and the running totals with the data version that the database triggers keep.
"""

from .entries import (
    CASE_NUMBER_MAX,
    DESCRIPTION_MAX,
    MAX_AMOUNT,
    PROJECT_OWNER_MAX,
    TITLE_MAX,
    FundingSource,
    SpendingEntry,
    SpendingEntryQuerySet,
    SubmissionToken,
)
from .imports import ImportBatch, PendingImport
from .totals import DataVersion, EntryTotal
from .years import ReportingYear, ReportingYearQuerySet

__all__ = [
    "CASE_NUMBER_MAX",
    "DESCRIPTION_MAX",
    "MAX_AMOUNT",
    "PROJECT_OWNER_MAX",
    "TITLE_MAX",
    "DataVersion",
    "EntryTotal",
    "FundingSource",
    "ImportBatch",
    "PendingImport",
    "ReportingYear",
    "ReportingYearQuerySet",
    "SpendingEntry",
    "SpendingEntryQuerySet",
    "SubmissionToken",
]
