"""Reading indicator values as people type them: `47,3`, `47.3`, `1 234,5`, `−2,1`."""

import re
from decimal import Decimal

from followup.formatting import format_number

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


class NumberError(ValueError):
    """The text is not a number; the message is Swedish and meant for the user."""


def parse_decimal(text: str | int | float | Decimal | None) -> Decimal | None:
    """A decimal comma or point, spaces between digit groups, a minus sign; None for empty input.

    Unlike amounts of money, indicator values are not grouped with dots, so a single
    dot is a decimal point. A float (a number cell in a spreadsheet) is read by its
    shortest decimal form, so 47.3 stays 47.3.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise NumberError("Ange ett tal, till exempel 47,3.")
    if isinstance(text, (int, Decimal)):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(repr(text))
    cleaned = _SPACES.sub("", str(text)).replace("\u2212", "-").replace(",", ".")
    if cleaned == "":
        return None
    if not _NUMBER.fullmatch(cleaned):
        raise NumberError("Ange ett tal med siffror och högst ett decimaltecken, till exempel 47,3.")
    return Decimal(cleaned)


def format_value(value: Decimal | None) -> str:
    """An indicator value with a decimal comma and no trailing zeros beyond one decimal."""
    if value is None:
        return "–"
    value = Decimal(value)
    decimals = max(0, min(3, -value.normalize().as_tuple().exponent))
    return format_number(value, decimals)
