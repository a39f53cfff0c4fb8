"""Travel a project avoids each year because people live and work nearer (Bénéfriches): 1.2 km
avoided per trip for half of the people concerned (inhabitants of the project and of its influence
area 365 days a year; workers, one per 15 m² of offices and one per 70 m² of other activity, 220
days), 1.45 people per vehicle, 2 minutes saved per trip valued 9.97 € an hour, 0.12 € a kilometre,
4.77 accidents per 100 million vehicle-km (injuries and deaths by the commune's size, rounded
down), and air pollution by the commune's density.

The influence radius depends on the project: no economic or cultural floor area, none; under
151 m² of economic activity and no cultural or sports facility, 100 m; under 300 m², 200 m; else
500 m.
"""

import math
from bisect import bisect_right
from dataclasses import dataclass

from .influence_area import InfluenceArea, inhabitants_of_housing

AVOIDED_KM_PER_TRIP = 1.2
SHARE_OF_PEOPLE = 0.5
PEOPLE_PER_VEHICLE = 1.45
HOURS_SAVED_PER_TRIP = 2 / 60
DAYS_INHABITANTS = 365
DAYS_WORKERS = 220
OFFICE_M2_PER_WORKER = 15
OTHER_ACTIVITY_M2_PER_WORKER = 70
ACCIDENTS_PER_100M_VEHICLE_KM = 4.77
PROPERTY_DAMAGE_EUR = 6264
MINOR_INJURY_EUR = 19385
SEVERE_INJURY_EUR = 484633
DEATH_EUR = 3877066
TIME_EUR_PER_HOUR = 9.97
TRAVEL_COST_EUR_PER_KM = 0.12

POPULATION_THRESHOLDS = (5000, 20000, 50000, 100000)
DEATHS_PER_ACCIDENT = (0.096, 0.048, 0.03, 0.031, 0.023)
SEVERE_PER_ACCIDENT = (0.374, 0.234, 0.123, 0.119, 0.077)
MINOR_PER_ACCIDENT = (1.016, 1.063, 1.158, 1.109, 1.232)
DENSITY_THRESHOLDS_PER_KM2 = (37, 450, 1500, 4500)
AIR_POLLUTION_EUR_PER_VEHICLE_KM = (0.0097, 0.0133, 0.0158, 0.0388, 0.1405)

ECONOMIC_ACTIVITY_USES = ("LOCAL_STORE", "OFFICES", "LOCAL_SERVICES", "ARTISANAL_OR_INDUSTRIAL_OR_SHIPPING_PREMISES")
CULTURAL_AND_SPORTS_USES = (
    "OTHER_CULTURAL_PLACE",
    "CINEMA",
    "MUSEUM",
    "THEATER",
    "SPORTS_FACILITIES",
    "RECREATIONAL_FACILITY",
)


def _by_threshold(value: float, thresholds: tuple, values: tuple) -> float:
    """values[0] below the first threshold, values[i] from threshold i-1 (included) on."""
    return values[bisect_right(thresholds, value)]


def travel_influence_radius(floor_areas: dict[str, float]) -> int:
    economic = sum(floor_areas.get(use, 0) for use in ECONOMIC_ACTIVITY_USES)
    cultural = sum(floor_areas.get(use, 0) for use in CULTURAL_AND_SPORTS_USES)
    if economic == 0 and cultural == 0:
        return 0
    if economic < 151 and cultural == 0:
        return 100
    if economic < 300 and cultural == 0:
        return 200
    return 500


@dataclass(frozen=True)
class YearlyTravel:
    influence_radius: int
    avoided_vehicle_km: float
    time_saved_h: float
    avoided_minor_injuries: int
    avoided_severe_injuries: int
    avoided_deaths: int
    avoided_minor_injuries_eur: float
    avoided_severe_injuries_eur: float
    avoided_deaths_eur: float
    avoided_property_damage_eur: float
    avoided_air_pollution_eur: float
    avoided_vehicle_km_eur: float
    time_saved_eur: float


def yearly_travel(
    *, site_m2: float, city_m2: float, city_population: float, floor_areas: dict[str, float]
) -> YearlyTravel:
    radius = travel_influence_radius(floor_areas)
    area = InfluenceArea(site_m2=site_m2, city_m2=city_m2, city_population=city_population, radius_m=radius)
    inhabitants = inhabitants_of_housing(floor_areas.get("RESIDENTIAL", 0) + area.housing_m2)
    office_workers = floor_areas.get("OFFICES", 0) / OFFICE_M2_PER_WORKER
    other_workers = (
        sum(floor_areas.get(use, 0) for use in ECONOMIC_ACTIVITY_USES if use != "OFFICES")
        / OTHER_ACTIVITY_M2_PER_WORKER
    )
    trips = (
        inhabitants * SHARE_OF_PEOPLE * DAYS_INHABITANTS
        + (office_workers + other_workers) * SHARE_OF_PEOPLE * DAYS_WORKERS
    )
    vehicle_km = AVOIDED_KM_PER_TRIP * trips / PEOPLE_PER_VEHICLE
    time_saved = HOURS_SAVED_PER_TRIP * trips
    accidents = vehicle_km * ACCIDENTS_PER_100M_VEHICLE_KM / 100_000_000
    minor = math.floor(accidents * _by_threshold(city_population, POPULATION_THRESHOLDS, MINOR_PER_ACCIDENT))
    severe = math.floor(accidents * _by_threshold(city_population, POPULATION_THRESHOLDS, SEVERE_PER_ACCIDENT))
    deaths = math.floor(accidents * _by_threshold(city_population, POPULATION_THRESHOLDS, DEATHS_PER_ACCIDENT))
    density_km2 = area.density_per_m2 * 1_000_000
    return YearlyTravel(
        influence_radius=radius,
        avoided_vehicle_km=vehicle_km,
        time_saved_h=time_saved,
        avoided_minor_injuries=minor,
        avoided_severe_injuries=severe,
        avoided_deaths=deaths,
        avoided_minor_injuries_eur=minor * MINOR_INJURY_EUR,
        avoided_severe_injuries_eur=severe * SEVERE_INJURY_EUR,
        avoided_deaths_eur=deaths * DEATH_EUR,
        avoided_property_damage_eur=accidents * PROPERTY_DAMAGE_EUR,
        avoided_air_pollution_eur=vehicle_km
        * _by_threshold(density_km2, DENSITY_THRESHOLDS_PER_KM2, AIR_POLLUTION_EUR_PER_VEHICLE_KM),
        avoided_vehicle_km_eur=vehicle_km * TRAVEL_COST_EUR_PER_KM,
        time_saved_eur=time_saved * TIME_EUR_PER_HOUR,
    )
