"""The CO₂ a connection avoids, as the impact indicator counts it. Pure Python.

Assumption (also written in the indicator's definition): the building leaves an individual or
collective gas boiler, whose emissions are 227 g CO₂/kWh (ADEME Base Empreinte, natural gas,
life cycle), for the network's life-cycle CO₂ content; its yearly heat need is the consumption
the operator recorded, or else 8 MWh per dwelling (a typical collective dwelling in France,
heating and hot water).
"""

from decimal import ROUND_HALF_UP, Decimal

GAS_BOILER_G_PER_KWH = 227
DEFAULT_MWH_PER_DWELLING = Decimal(8)


def yearly_need_mwh(*, consumption_mwh: Decimal | None, dwellings: int | None) -> Decimal:
    if consumption_mwh is not None and consumption_mwh > 0:
        return Decimal(consumption_mwh)
    if dwellings and dwellings > 0:
        return DEFAULT_MWH_PER_DWELLING * dwellings
    return Decimal(0)


def avoided_t_per_year(
    *, consumption_mwh: Decimal | None, dwellings: int | None, network_g_per_kwh: int | None
) -> Decimal:
    """Tonnes of CO₂ avoided per year, never negative (a network dirtier than gas avoids nothing).
    MWh × (g/kWh) = kg; / 1000 = t."""
    if network_g_per_kwh is None:
        return Decimal(0)
    need = yearly_need_mwh(consumption_mwh=consumption_mwh, dwellings=dwellings)
    delta = max(0, GAS_BOILER_G_PER_KWH - network_g_per_kwh)
    return (need * delta / 1000).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def g_per_kwh(kg_per_kwh: float | None) -> int | None:
    """A CO₂ content as the open data gives it (kg/kWh) in whole grams per kWh, as pages show it."""
    return None if kg_per_kwh is None else round(kg_per_kwh * 1000)
