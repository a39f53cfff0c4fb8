"""Months and monthly series: which months a chart covers and which value stands for each.

Pure Python: no Django. A month is represented by the date of its first day.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

MONTH_ABBREVIATIONS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
MONTH_NAMES = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def month_start(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + (month.month - 1) + count
    return date(index // 12, index % 12 + 1, 1)


def month_range(first: date, last: date) -> list[date]:
    """Every month from the one containing `first` to the one containing `last`, both included."""
    current, end = month_start(first), month_start(last)
    months = []
    while current <= end:
        months.append(current)
        current = add_months(current, 1)
    return months


def chart_months(*, today: date, first_snapshot: date | None, max_months: int) -> list[date]:
    """The months a chart shows: from the first snapshot's month (at most `max_months` back) to
    the current month. Months before anything was measured are not shown as empty bars."""
    if max_months < 1:
        raise ValueError("max_months doit valoir au moins 1")
    current = month_start(today)
    if first_snapshot is None:
        return [current]
    earliest = add_months(current, -(max_months - 1))
    start = max(earliest, min(month_start(first_snapshot), current))
    return month_range(start, current)


def last_of_each_month(points: Iterable[tuple[date, Decimal]]) -> dict[date, tuple[date, Decimal]]:
    """For each month, the (day, value) of its latest point: the month's figure."""
    latest: dict[date, tuple[date, Decimal]] = {}
    for day, value in points:
        month = month_start(day)
        if month not in latest or day > latest[month][0]:
            latest[month] = (day, value)
    return latest


def month_label(month: date) -> str:
    """ "novembre 2026"."""
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


def month_short_label(month: date) -> str:
    """ "nov." (the year goes on a second line of the axis)."""
    return MONTH_ABBREVIATIONS[month.month - 1]


@dataclass(frozen=True)
class MonthlyValue:
    month: date
    value: Decimal | None
    source: str  # "snapshot", "live", "missing" or "unavailable"
    as_of: date | None  # the day the value stands for

    @property
    def label(self) -> str:
        return month_label(self.month)
