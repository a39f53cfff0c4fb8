from datetime import date, datetime

import pytest

from transition.products.carbure.domain.dates import DateFormatError, parse_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-02-17", date(2025, 2, 17)),
        ("17/02/2025", date(2025, 2, 17)),
        ("17/02/25", date(2025, 2, 17)),
        ("1/2/99", date(1999, 2, 1)),
        ("17-02-2025", date(2025, 2, 17)),
        ("42005", date(2015, 1, 1)),  # the original's template example
        (42005, date(2015, 1, 1)),
        (45705.0, date(2025, 2, 17)),
        (61, date(1900, 3, 1)),
        ("2025-02-17 00:00:00", date(2025, 2, 17)),
        (datetime(2025, 2, 17, 10, 30), date(2025, 2, 17)),
        (date(2025, 2, 17), date(2025, 2, 17)),
        ("", None),
        (None, None),
        ("   ", None),
    ],
)
def test_accepted_dates(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value", ["31/02/2025", "2025-13-01", "demain", "17.02", 0, -5, 45705.5, "2025/02/17", True, 10**8]
)
def test_refused_dates(value):
    with pytest.raises(DateFormatError):
        parse_date(value)
