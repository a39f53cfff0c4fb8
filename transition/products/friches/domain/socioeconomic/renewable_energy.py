"""A ground-mounted solar plant's effects (Bénéfriches): CO₂ avoided (the French mix emits 80.1 g
per kWh, solar 55 g), households supplied (4,890.6 kWh a year each) and jobs (0.0002 per kWc to run
it, 0.0013 per kWc to build it)."""

from ..rounding import js_round, round_to

GRID_CO2_G_PER_KWH = 80.1
SOLAR_CO2_G_PER_KWH = 55
HOUSEHOLD_KWH_PER_YEAR = 4890.6
OPERATIONS_JOBS_PER_KWC = 0.0002
INSTALLATION_JOBS_PER_KWC = 0.0013


def avoided_co2_t_per_year(production_mwh_per_year: float) -> float:
    return production_mwh_per_year * 1000 * (GRID_CO2_G_PER_KWH - SOLAR_CO2_G_PER_KWH) / 1_000_000


def households_powered(production_mwh_per_year: float) -> int:
    return js_round(production_mwh_per_year * 1000 / HOUSEHOLD_KWH_PER_YEAR)


def operations_jobs(power_kwc: float) -> float:
    return round_to(power_kwc * OPERATIONS_JOBS_PER_KWC, 1)


def installation_jobs(power_kwc: float) -> float:
    return power_kwc * INSTALLATION_JOBS_PER_KWC
