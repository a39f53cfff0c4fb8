"""The area around a site that its reconversion influences: a disc of `radius` metres around a
circle of the site's surface, minus the site; the housing in it at the commune's density (32 m² of
housing per inhabitant, 2.2 people per household). Bénéfriches counts the whole disc at each radius,
not the ring between two radii (see property_value.py)."""

import math
from dataclasses import dataclass

DEFAULT_RADIUS_M = 500
HOUSING_M2_PER_PERSON = 32
PERSONS_PER_HOUSEHOLD = 2.2


@dataclass(frozen=True)
class InfluenceArea:
    site_m2: float
    city_m2: float
    city_population: float
    radius_m: float = DEFAULT_RADIUS_M

    @property
    def density_per_m2(self) -> float:
        return self.city_population / self.city_m2

    @property
    def city_housing_per_m2(self) -> float:
        return self.density_per_m2 * HOUSING_M2_PER_PERSON

    @property
    def area_m2(self) -> float:
        site_radius = math.sqrt(self.site_m2 / math.pi)
        return (site_radius + self.radius_m) ** 2 * math.pi - self.site_m2

    @property
    def housing_m2(self) -> float:
        return self.area_m2 * self.city_housing_per_m2


def inhabitants_of_housing(housing_m2: float) -> float:
    return housing_m2 / HOUSING_M2_PER_PERSON


def households_of_housing(housing_m2: float) -> float:
    return inhabitants_of_housing(housing_m2) / PERSONS_PER_HOUSEHOLD
