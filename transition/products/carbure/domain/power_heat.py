"""Savings of a biofuel burnt for electricity or heat (RED II, annex VI): the lot's emissions
(gCO2eq/MJ of fuel) per MJ of electricity or useful heat, against the fossil comparators 183
(electricity) and 80 (heat) gCO2eq/MJ. A cogeneration plant shares the emissions between its
electricity and its heat by their exergy (Carnot factor of the heat, 1 for electricity). E is
rounded to 2 decimals before the reduction, as the original does."""

from dataclasses import dataclass

ELECTRICITY_COMPARATOR = 183.0
HEAT_COMPARATOR = 80.0
ZERO_CELSIUS_K = 273.15


@dataclass(frozen=True)
class PowerHeatSaving:
    electricity_emissions: float | None
    electricity_reduction: float | None
    heat_emissions: float | None
    heat_reduction: float | None


def _reduction(emissions: float, comparator: float) -> float:
    return round(100 * (comparator - emissions) / comparator, 2)


def carnot_factor(useful_temperature_c: float) -> float:
    return useful_temperature_c / (useful_temperature_c + ZERO_CELSIUS_K)


def power_heat_saving(
    *,
    ghg_total: float,
    electrical_efficiency: float | None = None,
    thermal_efficiency: float | None = None,
    useful_temperature_c: float | None = None,
) -> PowerHeatSaving | None:
    """None when the plant's efficiencies are unknown. Efficiencies as fractions (0.35 for 35 %)."""
    r_el = electrical_efficiency or 0
    r_h = thermal_efficiency or 0
    if r_el > 0 and r_h > 0:
        if useful_temperature_c is None:
            return None
        c_h = carnot_factor(useful_temperature_c)
        shared = r_el + c_h * r_h
        e_el = round((ghg_total / r_el) * (r_el / shared), 2)
        e_h = round((ghg_total / r_h) * (c_h * r_h / shared), 2)
        return PowerHeatSaving(e_el, _reduction(e_el, ELECTRICITY_COMPARATOR), e_h, _reduction(e_h, HEAT_COMPARATOR))
    if r_el > 0:
        e_el = round(ghg_total / r_el, 2)
        return PowerHeatSaving(e_el, _reduction(e_el, ELECTRICITY_COMPARATOR), None, None)
    if r_h > 0:
        e_h = round(ghg_total / r_h, 2)
        return PowerHeatSaving(None, None, e_h, _reduction(e_h, HEAT_COMPARATOR))
    return None
