"""Is an indicator on track? A documented rule, kept pure so that it is tested branch by branch.

The rule: draw the straight path from the baseline (year, value) to the target
(year, value). Take the latest value measured after the baseline year. It is on track
when it is at least as good as the path expects for its year – at or above the path
when a higher value is better, at or below it when a lower value is better. A value
measured after the target year is compared with the target itself. Without a baseline
and a target, or without a value measured after the baseline year, there is too little
data to say.
"""

import enum
from dataclasses import dataclass
from decimal import Decimal

from .models import Direction


class Verdict(enum.Enum):
    ON_TRACK = "på väg mot målet"
    OFF_TRACK = "inte på väg mot målet"
    TOO_LITTLE_DATA = "för lite data"

    @property
    def label(self) -> str:
        return self.value


@dataclass(frozen=True)
class Progress:
    verdict: Verdict
    latest_year: int | None = None
    latest_value: Decimal | None = None
    expected_value: Decimal | None = None

    @property
    def label(self) -> str:
        return self.verdict.label

    @property
    def is_on_track(self) -> bool:
        return self.verdict is Verdict.ON_TRACK


def expected_on_path(
    *, baseline_year: int, baseline_value: Decimal, target_year: int, target_value: Decimal, year: int
) -> Decimal:
    """The value the straight path from baseline to target expects in `year` (the target after it)."""
    year = min(year, target_year)
    progress = Decimal(year - baseline_year) / Decimal(target_year - baseline_year)
    return baseline_value + (target_value - baseline_value) * progress


def assess_progress(
    *,
    direction: str,
    baseline_year: int | None,
    baseline_value: Decimal | None,
    target_year: int | None,
    target_value: Decimal | None,
    values: dict[int, Decimal],
) -> Progress:
    """Apply the rule above to an indicator's values (year → value) for the area its target concerns."""
    if None in (baseline_year, baseline_value, target_year, target_value) or target_year <= baseline_year:
        return Progress(Verdict.TOO_LITTLE_DATA)
    later = [year for year in values if year > baseline_year]
    if not later:
        return Progress(Verdict.TOO_LITTLE_DATA)
    latest_year = max(later)
    latest_value = values[latest_year]
    expected = expected_on_path(
        baseline_year=baseline_year,
        baseline_value=baseline_value,
        target_year=target_year,
        target_value=target_value,
        year=latest_year,
    )
    good = latest_value >= expected if direction == Direction.HIGHER else latest_value <= expected
    return Progress(
        Verdict.ON_TRACK if good else Verdict.OFF_TRACK,
        latest_year=latest_year,
        latest_value=latest_value,
        expected_value=expected.quantize(Decimal("0.01")),
    )
