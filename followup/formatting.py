"""Swedish money and number formats: reading what people type, writing what they read.

Display uses a no-break space as the thousands separator so that `1 234 567 kr` never
wraps inside a figure, and a decimal comma. Every figure rounds half up (`round_half_up`),
as Swedish official statistics do: amounts, shares, changes and ratios alike.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from followup.models import MAX_AMOUNT

NBSP = "\u00a0"
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_CURRENCY = re.compile(r"(kr\.?|sek|:-)$", re.IGNORECASE)
# `1e30`, `2,5E+06`, `inf`: how spreadsheets and programs write numbers they turned into text.
_MACHINE_WRITTEN = re.compile(r"-?[0-9]+([.,][0-9]+)?[eE][+-]?[0-9]+|-?(inf|infinity|nan)", re.IGNORECASE)
TWO_PLACES = Decimal("0.01")
DIGITS_MESSAGE = "Ange beloppet i kronor med siffror, till exempel 1 234 567 eller 1234567,50."


def round_half_up(value: Decimal | int, places: int) -> Decimal:
    """`value` to `places` decimals, a half away from zero: 4,125 -> 4,13 and 1,005 -> 1,01.
    (Python's own default, half to even, would give 4,12 and 1,00.)"""
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


class AmountError(ValueError):
    """The text is not an amount; the message is Swedish and meant for the user."""


def unreasonable_amount_message(limit: Decimal = MAX_AMOUNT) -> str:
    """The one wording for an amount too large to be true, wherever it was typed."""
    return f"Beloppet är orimligt stort. Högsta tillåtna belopp är {format_kr(limit)}. Kontrollera nollorna."


def parse_amount(text: str | int | float | Decimal | None, *, limit: Decimal = MAX_AMOUNT) -> Decimal | None:
    """Read an amount in kronor as people type it: `1 234 567`, `1234567,50`, `1 234 567 kr`.

    Returns None for empty input. A comma is the decimal separator; dots and spaces
    between digit groups are thousands separators, except a single dot followed by one
    or two digits, which spreadsheets from other locales write as a decimal point.
    Numbers from spreadsheet cells (int, float, Decimal) are read by their shortest
    decimal form.

    Every amount is between 0 and `limit` with at most two decimals, or AmountError
    says why. The bounds are checked by comparison before any arithmetic, so no input
    (300 digits, `1E+308`, infinity) can reach the decimal context's limits.
    """
    if text is None:
        return None
    value = _number(text) if isinstance(text, (int, float, Decimal)) else _typed_number(str(text))
    if value is None:
        return None
    if not value.is_finite():
        raise AmountError(unreasonable_amount_message(limit))
    if value < 0:
        raise AmountError("Beloppet kan inte vara negativt.")
    if value > limit:
        raise AmountError(unreasonable_amount_message(limit))
    if value != value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP):
        raise AmountError("Beloppet kan ha högst två decimaler (ören).")
    return value.quantize(TWO_PLACES)


def _number(value: int | float | Decimal) -> Decimal:
    if isinstance(value, bool):
        raise AmountError(DIGITS_MESSAGE)
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def _typed_number(text: str) -> Decimal | None:
    cleaned = _SPACES.sub("", text).replace("\u2212", "-")
    cleaned = _CURRENCY.sub("", cleaned)
    if cleaned == "":
        return None
    if _MACHINE_WRITTEN.fullmatch(cleaned):
        return Decimal(cleaned.replace(",", "."))
    if not re.fullmatch(r"-?[0-9.,]+", cleaned) or not re.search(r"[0-9]", cleaned):
        raise AmountError(DIGITS_MESSAGE)
    if "," in cleaned:
        whole, _, fraction = cleaned.rpartition(",")
        if "," in whole:
            raise AmountError("Beloppet har mer än ett decimalkomma.")
        whole = whole.replace(".", "")
    elif re.fullmatch(r"-?[0-9]+\.[0-9]{1,2}", cleaned):
        whole, _, fraction = cleaned.partition(".")
    else:
        if not re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})*|-?[0-9]+", cleaned):
            raise AmountError("Beloppet har punkter på fel ställen. Skriv till exempel 1 234 567.")
        whole, fraction = cleaned.replace(".", ""), ""
    if whole in ("", "-"):
        whole += "0"
    try:
        return Decimal(f"{whole}.{fraction}" if fraction else whole)
    except InvalidOperation as error:
        raise AmountError(DIGITS_MESSAGE) from error


def group_digits(digits: str, separator: str = NBSP) -> str:
    """'1234567' -> '1 234 567'."""
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return separator.join(groups)


def format_number(value: Decimal | int | None, decimals: int = 0) -> str:
    """A number the Swedish way: `1 234 567` or `12,5`; a minus sign for negatives."""
    if value is None:
        return "–"
    rounded = round_half_up(value, decimals)
    sign = "\u2212" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    text = group_digits(whole)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def format_kr(value: Decimal | int | None) -> str:
    """`1 234 567 kr`; öre only when there are any: `1 234 567,50 kr`."""
    if value is None:
        return "–"
    value = Decimal(value)
    decimals = 0 if value == value.to_integral_value() else 2
    return f"{format_number(value, decimals)}{NBSP}kr"


def format_mnkr(value: Decimal | int | None) -> str:
    """Millions of kronor with one decimal: `1,2 mnkr`."""
    if value is None:
        return "–"
    return f"{format_number(Decimal(value) / 1_000_000, 1)}{NBSP}mnkr"


def format_percent(value: Decimal | None, decimals: int = 1) -> str:
    """A percentage with a decimal comma: `12,3 %`. `value` is already in percent."""
    if value is None:
        return "–"
    return f"{format_number(value, decimals)}{NBSP}%"


# Swedish alphabetical order: å, ä, ö come after z (and ü sorts as y, é as e).
_SWEDISH_ORDER = str.maketrans(
    {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "ü": "y", "é": "e", "è": "e"}
)


def swedish_sort_key(text: str) -> str:
    """A sort key that orders Swedish words as a Swedish dictionary does."""
    return text.casefold().translate(_SWEDISH_ORDER)
