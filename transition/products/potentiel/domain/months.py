"""Month arithmetic clamped to the month's end (31 January + 1 month = 28 or 29 February).

Kept tiny and private to the workflows until the referential's `dates` module offers the same
function; then this module re-exports it.
"""

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
