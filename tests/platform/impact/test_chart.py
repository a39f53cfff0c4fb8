from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.platform.impact.domain.chart import bar_chart, nice_step, nice_ticks
from transition.platform.impact.domain.months import (
    add_months,
    chart_months,
    last_of_each_month,
    month_label,
    month_range,
)
from transition.platform.impact.domain.numbers import format_number

NNBSP = "\u202f"


@pytest.mark.parametrize(
    ("value", "max_decimals", "expected"),
    [
        (0, 2, "0"),
        (7, 2, "7"),
        (1234, 2, f"1{NNBSP}234"),
        (1234567, 0, f"1{NNBSP}234{NNBSP}567"),
        (Decimal("12345.5"), 2, f"12{NNBSP}345,5"),
        (Decimal("0.125"), 2, "0,13"),
        (Decimal("2.50"), 2, "2,5"),
        (Decimal("-1500.25"), 1, f"-1{NNBSP}500,3"),
        (Decimal("-0.001"), 2, "0"),
        (Decimal("999.999"), 2, f"1{NNBSP}000"),
    ],
)
def test_format_number(value, max_decimals, expected):
    assert format_number(value, max_decimals=max_decimals) == expected


@pytest.mark.parametrize(
    ("span", "integer", "expected"),
    [
        (Decimal(0), True, Decimal(1)),
        (Decimal(3), True, Decimal(1)),
        (Decimal(7), True, Decimal(2)),
        (Decimal(12), True, Decimal(5)),  # 2.5 is not a whole number
        (Decimal(12), False, Decimal("2.5")),
        (Decimal(100), True, Decimal(20)),
        (Decimal(12345), True, Decimal(2500)),
        (Decimal("0.37"), False, Decimal("0.1")),
        (Decimal("0.37"), True, Decimal(1)),
    ],
)
def test_nice_step(span, integer, expected):
    assert nice_step(span, integer=integer) == expected


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (0, 0, [0, 1]),
        (0, 3, [0, 1, 2, 3]),
        (0, 7, [0, 2, 4, 6, 8]),
        (0, 100, [0, 20, 40, 60, 80, 100]),
        (-5, 17, [-5, 0, 5, 10, 15, 20]),
        (3, 9, [0, 2, 4, 6, 8, 10]),  # the scale always starts at zero
    ],
)
def test_nice_ticks(low, high, expected):
    assert nice_ticks(Decimal(low), Decimal(high), integer=True) == [Decimal(v) for v in expected]


def test_bar_chart_places_bars_left_to_right_with_heights_proportional_to_values():
    chart = bar_chart([Decimal(5), None, Decimal(10)], ["a", "b", "c"], ["2026", "", ""], width=300, height=200)
    first, gap, last = chart.bars
    assert [t.label for t in chart.ticks] == ["0", "2", "4", "6", "8", "10"]
    assert first.x < gap.x < last.x
    assert gap.value is None and gap.height == 0 and gap.value_label == ""
    assert last.height == pytest.approx(2 * first.height, abs=0.02)
    assert last.y == pytest.approx(chart.plot_top)
    assert first.y + first.height == pytest.approx(chart.zero_y)
    assert (first.label, first.sublabel) == ("a", "2026")


def test_bar_chart_rejects_mismatched_inputs():
    with pytest.raises(ValueError, match="autant de libellés"):
        bar_chart([1, 2], ["a"])
    with pytest.raises(ValueError, match="au moins une valeur"):
        bar_chart([], [])


values_strategy = st.lists(
    st.one_of(
        st.none(),
        st.integers(min_value=-(10**9), max_value=10**9).map(Decimal),
        st.decimals(min_value=-(10**6), max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    ),
    min_size=1,
    max_size=24,
)


@given(values_strategy)
def test_bar_chart_properties(values):
    chart = bar_chart(values, [str(i) for i in range(len(values))])
    ticks = [t.value for t in chart.ticks]
    numbers = [Decimal(v) for v in values if v is not None]
    # The ticks cover every value and zero, evenly spaced, few enough to read.
    assert ticks[0] <= min(numbers, default=0) and ticks[0] <= 0
    assert ticks[-1] >= max(numbers, default=0) and ticks[-1] >= 0
    steps = {b - a for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1 and steps.pop() > 0
    assert 2 <= len(ticks) <= 12
    assert Decimal(0) in ticks
    # Tick positions go up the plot as values grow, from its bottom to its top.
    assert chart.ticks[0].y == pytest.approx(chart.plot_bottom)
    assert chart.ticks[-1].y == pytest.approx(chart.plot_top)
    # Every bar stays inside the plot, bars never overlap, and each starts at the zero line.
    for bar in chart.bars:
        assert chart.plot_left <= bar.x and bar.x + bar.width <= chart.plot_right + 0.01
        assert chart.plot_top - 0.01 <= bar.y and bar.y + bar.height <= chart.plot_bottom + 0.01
        if bar.value is not None and bar.value != 0:
            assert bar.y == pytest.approx(chart.zero_y, abs=0.02) or bar.y + bar.height == pytest.approx(
                chart.zero_y, abs=0.02
            )
    for left, right in zip(chart.bars, chart.bars[1:], strict=False):
        assert left.x + left.width <= right.x


@given(st.decimals(min_value=0, max_value=10**12, allow_nan=False, allow_infinity=False), st.booleans())
def test_nice_step_is_round_and_big_enough(span, integer):
    step = nice_step(span, integer=integer)
    assert step > 0
    assert span / step <= 5 or span == 0
    mantissa = step.scaleb(-step.adjusted()).normalize()
    assert mantissa in {Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5)}
    if integer:
        assert step == step.to_integral_value()


@pytest.mark.parametrize(
    ("today", "first", "max_months", "expected_first", "count"),
    [
        (date(2026, 11, 22), None, 12, date(2026, 11, 1), 1),
        (date(2026, 11, 22), date(2026, 9, 30), 12, date(2026, 9, 1), 3),
        (date(2026, 11, 22), date(2020, 1, 1), 12, date(2025, 12, 1), 12),
        (date(2026, 1, 5), date(2025, 11, 2), 12, date(2025, 11, 1), 3),
        (date(2026, 11, 22), date(2026, 11, 21), 1, date(2026, 11, 1), 1),
    ],
)
def test_chart_months(today, first, max_months, expected_first, count):
    months = chart_months(today=today, first_snapshot=first, max_months=max_months)
    assert months[0] == expected_first
    assert len(months) == count
    assert months[-1] == date(today.year, today.month, 1)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(min_value=-300, max_value=300))
def test_add_months_round_trips(day, count):
    month = add_months(day.replace(day=1), count)
    assert month.day == 1
    assert add_months(month, -count) == day.replace(day=1)
    assert len(month_range(min(month, day), max(month, day))) == abs(count) + 1


def test_last_of_each_month_keeps_the_latest_day():
    points = [
        (date(2026, 10, 31), Decimal(9)),
        (date(2026, 10, 1), Decimal(1)),
        (date(2026, 11, 2), Decimal(12)),
        (date(2026, 11, 1), Decimal(11)),
    ]
    assert last_of_each_month(points) == {
        date(2026, 10, 1): (date(2026, 10, 31), Decimal(9)),
        date(2026, 11, 1): (date(2026, 11, 2), Decimal(12)),
    }
    assert month_label(date(2026, 2, 1)) == "février 2026"


@pytest.mark.parametrize(
    ("values", "shown"),
    [
        ([Decimal(412)] * 12, True),
        ([Decimal(12345678)] * 12, False),  # "12 345 678" is wider than a twelfth of the plot
        ([Decimal(12345678)] * 3, True),
    ],
)
def test_figures_above_bars_are_drawn_only_when_they_fit(values, shown):
    assert bar_chart(values, ["m"] * len(values)).show_values is shown
