from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.formatting import (
    AmountError,
    format_kr,
    format_mnkr,
    format_percent,
    parse_amount,
    round_half_up,
    unreasonable_amount_message,
)
from followup.models import MAX_AMOUNT

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


@pytest.mark.parametrize(
    "typed",
    ["9" * 27, "1" * 400, "1e30", "1E+308", "2,5E+99", "inf", "NaN", 1e308, float("inf"), float("nan")],
)
def test_absurd_amounts_are_refused_as_unreasonable(typed):
    with pytest.raises(AmountError) as error:
        parse_amount(typed)
    assert str(error.value) == unreasonable_amount_message()


def test_unreasonable_amount_message_names_the_limit():
    assert unreasonable_amount_message() == (
        f"Beloppet är orimligt stort. Högsta tillåtna belopp är 10{NBSP}000{NBSP}000{NBSP}000{NBSP}kr. "
        "Kontrollera nollorna."
    )


@pytest.mark.parametrize("typed", ["-5 000", "-1e30", Decimal("-0.01"), -1])
def test_negative_amounts_are_refused(typed):
    with pytest.raises(AmountError, match=r"^Beloppet kan inte vara negativt\.$"):
        parse_amount(typed)


def test_the_limit_itself_is_accepted_and_one_ore_more_is_not():
    assert parse_amount("10 000 000 000") == MAX_AMOUNT
    with pytest.raises(AmountError, match="orimligt stort"):
        parse_amount("10 000 000 000,01")


def test_a_lower_limit_can_be_given():
    with pytest.raises(AmountError) as error:
        parse_amount("101", limit=Decimal(100))
    assert f"Högsta tillåtna belopp är 100{NBSP}kr." in str(error.value)


@pytest.mark.parametrize(
    ("cell", "expected"), [(1500.25, "1500.25"), (3000000, "3000000.00"), ("2,5E+06", "2500000.00")]
)
def test_spreadsheet_numbers_are_read_by_their_decimal_form(cell, expected):
    assert parse_amount(cell) == Decimal(expected)


def _is_an_amount(value: Decimal | None) -> bool:
    return value is None or (Decimal(0) <= value <= MAX_AMOUNT and value == value.quantize(Decimal("0.01")))


@settings(max_examples=200, deadline=None)
@given(st.text() | st.from_regex(r"\A[-\s0-9.,eE+]{1,60}( kr)?\Z"))
def test_any_text_gives_an_amount_or_a_swedish_refusal(text):
    try:
        value = parse_amount(text)
    except AmountError as error:
        assert str(error)
    else:
        assert _is_an_amount(value)


@settings(max_examples=200, deadline=None)
@given(st.floats() | st.decimals() | st.integers())
def test_any_spreadsheet_number_gives_an_amount_or_a_swedish_refusal(number):
    try:
        value = parse_amount(number)
    except AmountError as error:
        assert str(error)
    else:
        assert _is_an_amount(value)


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
