"""How much the homes around a reconverted site gain in value, and the transfer duties that gain
brings over time (Bénéfriches, urban projects on a friche).

Each ring (radius, rise) adds housing(radius) × local price per m² × rise, where housing(radius) is
the housing of the whole disc around the site (influence_area.py): the original's choice, kept so
that results match Bénéfriches; it counts a home near the site once per ring (decision 0401).
The gain, less 20 % of social housing, is spread over years 1 to 5; the transfer duties (5.81 %)
on the gain, once every 33 years on average, less social housing, over years 1 to 33; both
discounted.
"""

from dataclasses import dataclass

from ..rounding import js_round
from .evolution import Period
from .influence_area import InfluenceArea

FRICHE_REMOVAL_RISES: tuple[tuple[int, float], ...] = ((100, 0.035), (200, 0.03))
FRICHE_REMOVAL_AND_RENATURATION_RISES: tuple[tuple[int, float], ...] = (
    (100, 0.05),
    (200, 0.04),
    (300, 0.03),
    (400, 0.02),
    (500, 0.01),
)
SOCIAL_HOUSING_SHARE = 0.2
AVERAGE_HOLDING_PERIOD_YEARS = 33
TRANSFER_DUTIES_RATE = 0.0581
VALUE_SPREAD_YEARS = 5


@dataclass(frozen=True)
class PropertyValueImpact:
    rise_total_eur: float  # undiscounted gain of the homes around
    property_value_increase_eur: int  # discounted
    transfer_duties_increase_eur: int  # discounted
    rings: tuple[tuple[int, float, float], ...]  # (radius m, rise, gain €)


def property_value_impact(
    *,
    site_m2: float,
    city_m2: float,
    city_population: float,
    price_eur_per_m2: float,
    period: Period,
    with_renaturation: bool = False,
) -> PropertyValueImpact:
    rises = FRICHE_REMOVAL_AND_RENATURATION_RISES if with_renaturation else FRICHE_REMOVAL_RISES
    rings = []
    for radius, rise in rises:
        area = InfluenceArea(site_m2=site_m2, city_m2=city_m2, city_population=city_population, radius_m=radius)
        value = area.housing_m2 * price_eur_per_m2
        rings.append((radius, rise, value - value * (1 - rise)))
    total = sum(gain for _, _, gain in rings)
    per_year_value = total * (1 - SOCIAL_HOUSING_SHARE) / VALUE_SPREAD_YEARS
    per_year_duties = total / AVERAGE_HOLDING_PERIOD_YEARS * TRANSFER_DUTIES_RATE * (1 - SOCIAL_HOUSING_SHARE)
    return PropertyValueImpact(
        rise_total_eur=total,
        property_value_increase_eur=period.sum_with_discount(per_year_value, 1, 1 + VALUE_SPREAD_YEARS),
        transfer_duties_increase_eur=period.sum_with_discount(per_year_duties, 1, 1 + AVERAGE_HOLDING_PERIOD_YEARS),
        rings=tuple(rings),
    )


def transfer_duties(selling_price_eur: float) -> int:
    """Duties on one sale: 5.81 % of the price, to the euro."""
    return js_round(TRANSFER_DUTIES_RATE * selling_price_eur)
