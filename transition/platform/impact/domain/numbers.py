"""French number formatting, shared by the charts, the tables and the headline figures.

Pure Python: no Django. French typography groups thousands with a narrow no-break space and
writes the decimal mark as a comma: 12 345,5.
"""

from decimal import ROUND_HALF_UP, Decimal

THOUSANDS_SEPARATOR = "\u202f"  # narrow no-break space


def format_number(value: Decimal | int, *, max_decimals: int = 2) -> str:
    """`value` rounded half up to at most `max_decimals` places, trailing zeros dropped."""
    if max_decimals < 0:
        raise ValueError("max_decimals doit être positif ou nul")
    number = Decimal(value).quantize(Decimal(1).scaleb(-max_decimals), rounding=ROUND_HALF_UP)
    if number == 0:
        number = abs(number)  # no "-0"
    sign = "-" if number < 0 else ""
    text = f"{abs(number):f}"
    whole, _, fraction = text.partition(".")
    fraction = fraction.rstrip("0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    grouped = THOUSANDS_SEPARATOR.join(groups)
    return f"{sign}{grouped},{fraction}" if fraction else f"{sign}{grouped}"
