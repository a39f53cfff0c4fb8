"""Coolness a project's public green spaces bring to the homes and businesses around (Bénéfriches):
whether there is any (a green space under 5,000 m² must cover half the site at least, under
10,000 m² a tenth), how far it reaches (0, 25, 50 or 75 m by size and share), and the
air-conditioning it spares: 4.2 € per household and 0.07 € per m² of business a year, 15 g of CO₂
per m² of housing and 26.4 g per m² of business."""

from dataclasses import dataclass

from .influence_area import InfluenceArea, households_of_housing
from .travel import ECONOMIC_ACTIVITY_USES

EUR_PER_HOUSEHOLD_PER_YEAR = 4.2
EUR_PER_BUSINESS_M2_PER_YEAR = 0.07
CO2_G_PER_HOUSING_M2_PER_YEAR = 15
CO2_G_PER_BUSINESS_M2_PER_YEAR = 26.4


def _green_share_percent(green_m2: float, site_m2: float) -> float:
    return green_m2 / site_m2 * 100


def has_freshness_impact(green_m2: float, site_m2: float) -> bool:
    if green_m2 == 0:
        return False
    minimum = 50 if green_m2 < 5000 else 10 if green_m2 < 10000 else 0
    return _green_share_percent(green_m2, site_m2) >= minimum


def freshness_radius(green_m2: float, site_m2: float) -> int:
    share = _green_share_percent(green_m2, site_m2)
    if green_m2 < 5000:
        return 0 if share < 95 else 25
    if green_m2 < 10000:
        return 25 if share < 50 else 50
    if share < 10:
        return 0
    return 50 if share < 75 else 75


@dataclass(frozen=True)
class YearlyFreshness:
    has_impact: bool
    influence_radius: int
    avoided_ac_eur: float
    avoided_ac_co2_t: float


def yearly_freshness(
    *, site_m2: float, city_m2: float, city_population: float, floor_areas: dict[str, float], public_green_m2: float
) -> YearlyFreshness:
    impact = has_freshness_impact(public_green_m2, site_m2)
    radius = freshness_radius(public_green_m2, site_m2)
    if not impact:
        return YearlyFreshness(False, radius, 0.0, 0.0)
    area = InfluenceArea(site_m2=site_m2, city_m2=city_m2, city_population=city_population, radius_m=radius)
    housing = floor_areas.get("RESIDENTIAL", 0) + area.housing_m2
    business = sum(floor_areas.get(use, 0) for use in ECONOMIC_ACTIVITY_USES)
    return YearlyFreshness(
        has_impact=True,
        influence_radius=radius,
        avoided_ac_eur=households_of_housing(housing) * EUR_PER_HOUSEHOLD_PER_YEAR
        + business * EUR_PER_BUSINESS_M2_PER_YEAR,
        avoided_ac_co2_t=(housing * CO2_G_PER_HOUSING_M2_PER_YEAR + business * CO2_G_PER_BUSINESS_M2_PER_YEAR)
        / 1_000_000,
    )
