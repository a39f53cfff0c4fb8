"""Date arithmetic of the rules: months clamp to the month's end (31 January + 1 month =
28 or 29 February), as the original service's calendar library does.

- planned completion = notification + the appel d'offres' delay in months − 1 day,
  then + each granted délai (in months), then + the extension a chosen cahier des charges grants
  (when the commissioning date falls in its interval);
- completion reminders at −3, −2 and −1 months of the planned date;
- a guarantee with a due date expires the day after it; reminders 1 and 3 months before.
"""

import calendar
import datetime as dt
from collections.abc import Iterable

COMPLETION_REMINDER_MONTHS = (3, 2, 1)
GUARANTEE_REMINDER_MONTHS = (3, 1)


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by `months` (negative allowed), clamped to the last day of the target month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise OverflowError("date hors limites")
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def initial_completion_date(notification: dt.date, delay_months: int) -> dt.date:
    return add_months(notification, delay_months) - dt.timedelta(days=1)


def cdc_extension_applies(delai_applicable: dict | None, mise_en_service: dt.date | None) -> bool:
    """Whether a modified cahier des charges' extension applies: it has one, and the commissioning
    date is known and within its interval (bounds included)."""
    if not delai_applicable or mise_en_service is None:
        return False
    low = dt.date.fromisoformat(delai_applicable["mise_en_service_min"])
    high = dt.date.fromisoformat(delai_applicable["mise_en_service_max"])
    return low <= mise_en_service <= high


def planned_completion_date(
    notification: dt.date,
    delay_months: int,
    granted_delays_months: Iterable[int] = (),
    cdc_extension_months: int = 0,
) -> dt.date:
    day = initial_completion_date(notification, delay_months)
    for months in granted_delays_months:
        day = add_months(day, months)
    if cdc_extension_months:
        day = add_months(day, cdc_extension_months)
    return day


def completion_reminders(planned: dt.date) -> dict[int, dt.date]:
    """{months before: date} for the completion reminders."""
    return {months: add_months(planned, -months) for months in COMPLETION_REMINDER_MONTHS}


def guarantee_expiry(due_date: dt.date) -> dt.date:
    """Guarantees with a due date expire the day after it."""
    return due_date + dt.timedelta(days=1)


def guarantee_reminders(due_date: dt.date) -> dict[int, dt.date]:
    return {months: add_months(due_date, -months) for months in GUARANTEE_REMINDER_MONTHS}
