"""The on-track rule: latest value against the straight path from baseline to target."""

from decimal import Decimal

from publications.models import Direction
from publications.progress import Verdict, assess_progress, expected_on_path

PATH = {
    "baseline_year": 2014,
    "baseline_value": Decimal("40"),
    "target_year": 2020,
    "target_value": Decimal("52"),
}
FALLING_PATH = {**PATH, "baseline_value": Decimal("20"), "target_value": Decimal("8")}


def verdict(direction, values, path=PATH):
    return assess_progress(direction=direction, values=values, **path).verdict


def test_path_expects_a_straight_line_between_baseline_and_target():
    assert expected_on_path(**PATH, year=2017) == Decimal("46")


def test_path_expects_the_target_after_the_target_year():
    assert expected_on_path(**PATH, year=2023) == Decimal("52")


def test_higher_is_better_value_above_the_path_is_on_track():
    assert verdict(Direction.HIGHER, {2017: Decimal("46.5")}) is Verdict.ON_TRACK


def test_higher_is_better_value_exactly_on_the_path_is_on_track():
    assert verdict(Direction.HIGHER, {2017: Decimal("46")}) is Verdict.ON_TRACK


def test_higher_is_better_value_below_the_path_is_not_on_track():
    assert verdict(Direction.HIGHER, {2017: Decimal("45.9")}) is Verdict.OFF_TRACK


def test_lower_is_better_value_below_the_path_is_on_track():
    assert verdict(Direction.LOWER, {2017: Decimal("13.5")}, FALLING_PATH) is Verdict.ON_TRACK


def test_lower_is_better_value_above_the_path_is_not_on_track():
    assert verdict(Direction.LOWER, {2017: Decimal("14.5")}, FALLING_PATH) is Verdict.OFF_TRACK


def test_only_the_latest_value_counts():
    values = {2015: Decimal("50"), 2018: Decimal("45")}
    progress = assess_progress(direction=Direction.HIGHER, values=values, **PATH)
    assert (progress.verdict, progress.latest_year, progress.expected_value) == (
        Verdict.OFF_TRACK,
        2018,
        Decimal("48.00"),
    )


def test_value_after_the_target_year_is_compared_with_the_target():
    assert verdict(Direction.HIGHER, {2022: Decimal("51")}) is Verdict.OFF_TRACK


def test_values_only_up_to_the_baseline_year_are_too_little_data():
    assert verdict(Direction.HIGHER, {2010: Decimal("60"), 2014: Decimal("40")}) is Verdict.TOO_LITTLE_DATA


def test_no_values_are_too_little_data():
    assert verdict(Direction.LOWER, {}) is Verdict.TOO_LITTLE_DATA


def test_missing_target_is_too_little_data():
    assert (
        verdict(Direction.HIGHER, {2017: Decimal("60")}, {**PATH, "target_value": None})
        is Verdict.TOO_LITTLE_DATA
    )


def test_verdicts_read_as_plain_swedish():
    assert [verdict.label for verdict in Verdict] == [
        "på väg mot målet",
        "inte på väg mot målet",
        "för lite data",
    ]
