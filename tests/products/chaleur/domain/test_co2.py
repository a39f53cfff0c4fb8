from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.chaleur.domain.co2 import avoided_t_per_year, yearly_need_mwh


@pytest.mark.parametrize(
    ("consumption", "dwellings", "network", "expected"),
    [
        (None, 10, 100, Decimal("10.160")),  # 80 MWh × 127 g/kWh
        (Decimal(100), 10, 27, Decimal("20.000")),  # the recorded consumption wins
        (None, 10, 300, Decimal("0.000")),  # dirtier than gas: nothing avoided
        (None, None, 100, Decimal("0.000")),
        (None, 10, None, Decimal("0.000")),
    ],
)
def test_avoided(consumption, dwellings, network, expected):
    assert avoided_t_per_year(consumption_mwh=consumption, dwellings=dwellings, network_g_per_kwh=network) == expected


def test_yearly_need():
    assert yearly_need_mwh(consumption_mwh=None, dwellings=3) == 24
    assert yearly_need_mwh(consumption_mwh=Decimal(0), dwellings=3) == 24


@given(st.integers(0, 1000), st.integers(0, 500), st.integers(0, 500))
def test_cleaner_network_avoids_more(dwellings, g1, g2):
    low, high = sorted((g1, g2))
    a = avoided_t_per_year(consumption_mwh=None, dwellings=dwellings, network_g_per_kwh=low)
    b = avoided_t_per_year(consumption_mwh=None, dwellings=dwellings, network_g_per_kwh=high)
    assert a >= b >= 0
