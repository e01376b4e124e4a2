from decimal import Decimal

import pytest

from followup.formatting import (
    AmountError,
    format_kr,
    format_mnkr,
    format_percent,
    parse_amount,
    round_half_up,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1 234 567", "1234567.00"),
        ("1234567,50", "1234567.50"),
        ("1 234 567 kr", "1234567.00"),
        (f"1{NBSP}234{NBSP}567{NBSP}kr", "1234567.00"),
        ("1.234.567,50", "1234567.50"),
        ("  42 ", "42.00"),
        ("0", "0.00"),
        ("12.5", "12.50"),
        ("1 000 SEK", "1000.00"),
    ],
)
def test_amounts_are_read_as_people_type_them(typed, expected):
    assert parse_amount(typed) == Decimal(expected)


@pytest.mark.parametrize("typed", ["abc", "12 kronor och 50 öre", "1,2,3", "1,234", "1.23.4", "--5", ","])
def test_malformed_amounts_are_refused_in_swedish(typed):
    with pytest.raises(AmountError) as error:
        parse_amount(typed)
    assert str(error.value)


def test_empty_amount_is_none():
    assert parse_amount("  ") is None
    assert parse_amount(None) is None


def test_money_is_shown_the_swedish_way():
    assert format_kr(Decimal("1234567")) == f"1{NBSP}234{NBSP}567{NBSP}kr"
    assert format_kr(Decimal("1234567.5")) == f"1{NBSP}234{NBSP}567,50{NBSP}kr"
    assert format_mnkr(Decimal("1234567")) == f"1,2{NBSP}mnkr"
    assert format_percent(Decimal("12.345")) == f"12,3{NBSP}%"
    assert format_kr(Decimal("-500")) == f"\u2212500{NBSP}kr"


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [("4.125", 2, "4.13"), ("1.005", 2, "1.01"), ("0.25", 1, "0.3"), ("-2.5", 0, "-3"), ("2.5", 0, "3")],
)
def test_figures_round_half_up_as_swedish_official_statistics_do(value, places, expected):
    assert round_half_up(Decimal(value), places) == Decimal(expected)
