"""What a friche costs every year while it waits, by default (Bénéfriches): illegal dumping
(4.7 kg per inhabitant of the commune a year, 1 % of it here, 900 € a tonne), guarding
(22,000 € per hectare a year, not counted in rural communes), upkeep of its buildings (7 € per m² a
year) and property tax on them (14 €/m² of rental value × 50 % × 40.38 %); and the roads and
networks a friche keeps paying for (8,995 € per hectare a year) or that building elsewhere would
need (86,289 € per hectare)."""

from dataclasses import dataclass

from ..rounding import js_round

ILLEGAL_DUMPING_T_PER_INHABITANT_PER_YEAR = 0.0047
ILLEGAL_DUMPING_SHARE = 0.01
ILLEGAL_DUMPING_EUR_PER_T = 900
SECURITY_EUR_PER_HA_PER_YEAR = 22000
MAINTENANCE_EUR_PER_BUILDING_M2_PER_YEAR = 7
RENTAL_VALUE_EUR_PER_M2 = 14
PROPERTY_TAX_RATE = 0.4038
PROPERTY_TAX_BASE_SHARE = 0.5
FRICHE_ROADS_MAINTENANCE_EUR_PER_HA_PER_YEAR = 8995
AVOIDED_ROADS_CONSTRUCTION_EUR_PER_HA = 86289
M2_PER_HA = 10000

PURPOSE_LABELS = {
    "illegalDumpingCost": "Dépôts sauvages",
    "security": "Gardiennage et sécurisation",
    "maintenance": "Entretien des bâtiments",
    "propertyTaxes": "Taxe foncière",
}


@dataclass(frozen=True)
class YearlyExpense:
    purpose: str
    amount: int
    bearer: str = "owner"


def illegal_dumping_cost(population: float) -> int:
    return js_round(
        ILLEGAL_DUMPING_T_PER_INHABITANT_PER_YEAR * population * ILLEGAL_DUMPING_SHARE * ILLEGAL_DUMPING_EUR_PER_T
    )


def security_cost(surface_m2: float) -> int:
    return js_round(SECURITY_EUR_PER_HA_PER_YEAR * surface_m2 / M2_PER_HA)


def maintenance_cost(buildings_m2: float) -> int:
    return js_round(MAINTENANCE_EUR_PER_BUILDING_M2_PER_YEAR * buildings_m2)


def property_taxes(buildings_m2: float) -> int:
    return js_round(RENTAL_VALUE_EUR_PER_M2 * buildings_m2 * PROPERTY_TAX_BASE_SHARE * PROPERTY_TAX_RATE)


def friche_default_yearly_expenses(
    *, surface_m2: float, city_population: float, buildings_m2: float, rural: bool
) -> list[YearlyExpense]:
    expenses = [YearlyExpense("illegalDumpingCost", illegal_dumping_cost(city_population))]
    if not rural:
        expenses.append(YearlyExpense("security", security_cost(surface_m2)))
    if buildings_m2 > 0:
        expenses.append(YearlyExpense("maintenance", maintenance_cost(buildings_m2)))
        expenses.append(YearlyExpense("propertyTaxes", property_taxes(buildings_m2)))
    return expenses


def friche_roads_maintenance_per_year(surface_m2: float) -> float:
    return surface_m2 / M2_PER_HA * FRICHE_ROADS_MAINTENANCE_EUR_PER_HA_PER_YEAR


def avoided_roads_construction(surface_m2: float) -> float:
    return surface_m2 / M2_PER_HA * AVOIDED_ROADS_CONSTRUCTION_EUR_PER_HA
