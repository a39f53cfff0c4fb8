from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.potentiel.domain.instruction import (
    Decision,
    InstructionFigures,
    deadline,
    instruction_figures,
)


@pytest.mark.parametrize(
    "kind, filed, expected",
    [
        ("délai", date(2024, 1, 10), date(2024, 3, 10)),
        ("abandon", date(2023, 12, 31), date(2024, 2, 29)),  # clamped to the month's end, leap year
        ("puissance", date(2023, 12, 31), date(2024, 2, 29)),
        ("recours", date(2022, 12, 31), date(2023, 2, 28)),
        ("représentantLégal", date(2024, 1, 10), date(2024, 4, 10)),  # three months
        ("représentantLégal", date(2024, 11, 30), date(2025, 2, 28)),
    ],
)
def test_deadline(kind, filed, expected):
    assert deadline(kind, filed) == expected


def test_instruction_figures():
    figures = instruction_figures(
        [
            Decision("délai", date(2024, 1, 10), date(2024, 3, 10)),  # last day: on time
            Decision("délai", date(2024, 1, 10), date(2024, 3, 11)),  # a day late
            Decision("représentantLégal", date(2024, 1, 10), date(2024, 4, 1)),  # on time at three months
            Decision("abandon", date(2024, 1, 10), date(2024, 1, 10)),  # same day
        ]
    )
    assert figures == InstructionFigures(decisions=4, median_days=60, within_deadline=3)
    assert figures.within_deadline_pct == Decimal("75.0")
    assert instruction_figures([]) == InstructionFigures(0, None, 0)
    assert instruction_figures([]).within_deadline_pct == 0
    with pytest.raises(ValueError, match="avant le dépôt"):
        instruction_figures([Decision("délai", date(2024, 1, 10), date(2024, 1, 9))])


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["délai", "abandon", "représentantLégal", "recours"]),
            st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
            st.integers(0, 400),
        ),
        min_size=1,
    )
)
def test_within_deadline_is_monotonic_in_the_delay(rows):
    """Deciding sooner never makes a request late; the share stays between 0 and 100."""
    late = instruction_figures([Decision(k, f, f + timedelta(days=n)) for k, f, n in rows])
    sooner = instruction_figures([Decision(k, f, f + timedelta(days=n // 2)) for k, f, n in rows])
    assert sooner.within_deadline >= late.within_deadline
    assert 0 <= late.within_deadline_pct <= 100
    for kind, filed, _ in rows:
        assert 59 <= (deadline(kind, filed) - filed).days <= 92
