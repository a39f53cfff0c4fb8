import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.carbure.domain.power_heat import carnot_factor, power_heat_saving


def test_a_power_plant():
    s = power_heat_saving(ghg_total=30.7, electrical_efficiency=0.35)
    assert (s.electricity_emissions, s.electricity_reduction, s.heat_emissions) == (87.71, 52.07, None)


def test_a_heat_plant():
    s = power_heat_saving(ghg_total=30.7, thermal_efficiency=0.85)
    assert (s.heat_emissions, s.heat_reduction, s.electricity_emissions) == (36.12, 54.85, None)


def test_a_cogeneration_plant_shares_by_exergy():
    s = power_heat_saving(ghg_total=30.7, electrical_efficiency=0.35, thermal_efficiency=0.45, useful_temperature_c=150)
    c_h = carnot_factor(150)
    assert c_h == pytest.approx(150 / 423.15)
    shared = 0.35 + c_h * 0.45
    assert s.electricity_emissions == round(30.7 / shared, 2)
    assert s.heat_emissions == round(30.7 * c_h / shared, 2)
    assert s.electricity_reduction == round(100 * (183 - s.electricity_emissions) / 183, 2)


def test_unknown_efficiencies():
    assert power_heat_saving(ghg_total=30.7) is None
    assert power_heat_saving(ghg_total=30.7, electrical_efficiency=0.3, thermal_efficiency=0.5) is None


efficiency = st.floats(min_value=0.05, max_value=0.95)


@given(st.floats(min_value=0, max_value=100), efficiency, efficiency, st.floats(min_value=1, max_value=600))
def test_cogeneration_never_emits_more_than_either_plant_alone(total, r_el, r_h, temperature):
    both = power_heat_saving(
        ghg_total=total, electrical_efficiency=r_el, thermal_efficiency=r_h, useful_temperature_c=temperature
    )
    alone = power_heat_saving(ghg_total=total, electrical_efficiency=r_el)
    assert both.electricity_emissions <= alone.electricity_emissions + 0.01
    # The emissions are shared, never created: per MJ of fuel, electricity's and heat's add up to the total.
    assert r_el * both.electricity_emissions + r_h * both.heat_emissions == pytest.approx(
        total, abs=0.01 * (r_el + r_h) + 1e-6
    )
