import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.potentiel.domain import dates

D = dt.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2024, 5, 31), 1, D(2024, 6, 30)),
        (D(2024, 12, 15), 1, D(2025, 1, 15)),
        (D(2025, 1, 15), -1, D(2024, 12, 15)),
        (D(2024, 8, 31), -6, D(2024, 2, 29)),
        (D(2024, 1, 1), 0, D(2024, 1, 1)),
    ],
)
def test_add_months_table(day, months, expected):
    assert dates.add_months(day, months) == expected


@pytest.mark.parametrize(
    ("notification", "delay", "granted", "extension", "expected"),
    [
        # From the original's scenarios: Petit PV, 34 months.
        (D(2025, 10, 3), 34, (), 0, D(2028, 8, 2)),
        # PPE2 - Neutre, éolien or hydraulique: 36 months.
        (D(2024, 10, 5), 36, (), 0, D(2027, 10, 4)),
        # A notification on the 1st ends the day before, the previous month's last day.
        (D(2024, 3, 1), 30, (), 0, D(2026, 8, 31)),
        # End of month clamped, then minus one day.
        (D(2023, 5, 31), 9, (), 0, D(2024, 2, 28)),
        # A granted délai of 6 months, then another of 3.
        (D(2024, 1, 15), 30, (6, 3), 0, D(2027, 4, 14)),
        # The 2022 cahier des charges' 18 months.
        (D(2019, 10, 30), 2, (), 18, D(2021, 6, 29)),
    ],
)
def test_planned_completion_table(notification, delay, granted, extension, expected):
    assert dates.planned_completion_date(notification, delay, granted, extension) == expected


def test_completion_reminders_from_the_original_scenario():
    assert dates.completion_reminders(D(2028, 8, 2)) == {3: D(2028, 5, 2), 2: D(2028, 6, 2), 1: D(2028, 7, 2)}


def test_guarantee_expiry_and_reminders():
    assert dates.guarantee_expiry(D(2024, 12, 31)) == D(2025, 1, 1)
    assert dates.guarantee_expiry(D(2024, 2, 28)) == D(2024, 2, 29)
    assert dates.guarantee_reminders(D(2025, 5, 31)) == {3: D(2025, 2, 28), 1: D(2025, 4, 30)}


INTERVAL = {"mois": 18, "mise_en_service_min": "2022-09-01", "mise_en_service_max": "2024-12-31"}


@pytest.mark.parametrize(
    ("mise_en_service", "applies"),
    [
        (D(2023, 9, 10), True),
        (D(2024, 12, 31), True),
        (D(2022, 9, 1), True),
        (D(2022, 8, 31), False),
        (D(2025, 6, 10), False),
        (None, False),
    ],
)
def test_cdc_extension_interval(mise_en_service, applies):
    assert dates.cdc_extension_applies(INTERVAL, mise_en_service) is applies
    assert dates.cdc_extension_applies(None, mise_en_service) is False


days = st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31))
months = st.integers(min_value=-240, max_value=240)


@given(days, months)
def test_add_months_lands_in_the_right_month_and_clamps(day, n):
    result = dates.add_months(day, n)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == n
    last = calendar.monthrange(result.year, result.month)[1]
    assert result.day == min(day.day, last)


@given(days, months)
def test_add_months_is_reversible_unless_clamped(day, n):
    result = dates.add_months(day, n)
    if result.day == day.day:
        assert dates.add_months(result, -n) == day


@given(st.integers(min_value=1990, max_value=2100), st.integers(min_value=1, max_value=12), st.integers(1, 60))
def test_month_end_goes_to_month_end_or_earlier(year, month, n):
    end = D(year, month, calendar.monthrange(year, month)[1])
    result = dates.add_months(end, n)
    assert result.day == calendar.monthrange(result.year, result.month)[1] or result.day == end.day


@given(days, st.integers(min_value=1, max_value=60), st.lists(st.integers(1, 36), max_size=3))
def test_planned_completion_is_after_notification_and_monotonic(notification, delay, granted):
    base = dates.planned_completion_date(notification, delay)
    assert notification < base + dt.timedelta(days=1)
    assert dates.add_months(notification, delay) - dt.timedelta(days=1) == base
    extended = dates.planned_completion_date(notification, delay, granted)
    assert extended >= base
    reminders = dates.completion_reminders(extended)
    assert reminders[3] < reminders[2] < reminders[1] < extended


@given(st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 30)))
def test_guarantee_expiry_is_the_next_day(due):
    assert dates.guarantee_expiry(due) - due == dt.timedelta(days=1)
