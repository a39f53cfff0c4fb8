"""Dates as people type them in the lot template: ISO (2025-02-17), dd/mm/yyyy, dd/mm/yy, or an
Excel serial number (42005 is 2015-01-01), or a date the spreadsheet reader already decoded."""

import re
from datetime import date, datetime, timedelta

EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 once Excel's 1900 leap-year bug is absorbed
EXCEL_MAX_SERIAL = 2958465  # 9999-12-31
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00(?:\.0+)?)?)?$")
_SERIAL = re.compile(r"^\d+(?:\.0+)?$")


class DateFormatError(ValueError):
    pass


def from_excel_serial(serial: int) -> date:
    if not 1 <= serial <= EXCEL_MAX_SERIAL:
        raise DateFormatError(f"« {serial} » n’est pas un numéro de date Excel.")
    return EXCEL_EPOCH + timedelta(days=serial)


def _two_digit_year(year: int) -> int:
    # As Python's %y: 69–99 are the 1900s, 00–68 the 2000s.
    return year + (1900 if year >= 69 else 2000)


def parse_date(value) -> date | None:
    """None for an empty cell; a date, or DateFormatError with a message in French."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise DateFormatError("Date illisible.")
    if isinstance(value, int):
        return from_excel_serial(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise DateFormatError(f"« {value} » n’est pas une date.")
        return from_excel_serial(int(value))
    text = str(value).strip()
    if not text:
        return None
    try:
        if match := _ISO.match(text):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if match := _DAY_FIRST.match(text):
            year = int(match[3])
            return date(_two_digit_year(year) if len(match[3]) == 2 else year, int(match[2]), int(match[1]))
        if _SERIAL.match(text):
            return from_excel_serial(int(float(text)))
    except ValueError as error:
        if isinstance(error, DateFormatError):
            raise
        raise DateFormatError(f"« {text} » n’est pas une date qui existe.") from None
    raise DateFormatError(f"« {text} » n’est pas une date : écrivez-la AAAA-MM-JJ ou JJ/MM/AAAA.")
