"""Every case of Bénéfriches' sample, through the function that holds the same rule here.

The original's tests compare some values with a tolerance or after rounding; the computed value of
the case (what the original's function returns) is compared here to the last float digit."""

import pytest

from tests.products.friches.shared_cases import case_params
from transition.products.friches.domain.socioeconomic import (
    agriculture,
    ecosystem_services,
    evolution,
    friche_costs,
    property_value,
    renewable_energy,
    travel,
    urban_freshness,
)
from transition.products.friches.domain.socioeconomic.influence_area import InfluenceArea


def _period(i):
    return evolution.Period(
        years=i["service"]["evaluationPeriodInYears"], first_year=i["service"]["operationsFirstYear"]
    )


def _expenses(items):
    return [{"amount": e.amount, "purpose": e.purpose, "bearer": e.bearer} for e in items]


def _influence(i):
    area = InfluenceArea(
        site_m2=i["siteSquareMetersSurfaceArea"],
        city_m2=i["citySquareMetersSurfaceArea"],
        city_population=i["cityPopulation"],
        radius_m=i.get("influenceRadius", 500),
    )
    return {
        "municipalDensityInhabitantPerSquareMeter": area.density_per_m2,
        "cityHousingPerSquareMeter": area.city_housing_per_m2,
        "influenceSquareMetersArea": area.area_m2,
        "influenceAreaSquareMetersHousingSurface": area.housing_m2,
    }


def _travel(i):
    t = travel.yearly_travel(
        site_m2=i["siteSquareMetersSurfaceArea"],
        city_m2=i["citySquareMetersSurfaceArea"],
        city_population=i["cityPopulation"],
        floor_areas=i["buildingsFloorAreaDistribution"],
    )
    return {
        "influenceRadius": t.influence_radius,
        "avoidedMinorInjuriesPerYear": t.avoided_minor_injuries,
        "avoidedSevereInjuriesPerYear": t.avoided_severe_injuries,
        "avoidedDeathsPerYear": t.avoided_deaths,
        "avoidedAccidentsMinorInjuriesExpensesPerYear": t.avoided_minor_injuries_eur,
        "avoidedAccidentsSevereInjuriesExpensesPerYear": t.avoided_severe_injuries_eur,
        "avoidedAccidentsDeathsExpensesPerYear": t.avoided_deaths_eur,
        "avoidedPropertyDamageExpensesPerYear": t.avoided_property_damage_eur,
        "avoidedAirPollutionHealthExpensesPerYear": t.avoided_air_pollution_eur,
        "avoidedKilometersPerVehiculeExpensesPerYear": t.avoided_vehicle_km_eur,
        "travelTimeSavedPerTravelerPerYear": t.time_saved_h,
        "travelTimeAvoidedCostsPerTravelerPerYear": t.time_saved_eur,
        "avoidedKilometersPerVehiculePerYear": t.avoided_vehicle_km,
    }


def _freshness(i):
    f = urban_freshness.yearly_freshness(
        site_m2=i["siteSquareMetersSurfaceArea"],
        city_m2=i["citySquareMetersSurfaceArea"],
        city_population=i["cityPopulation"],
        floor_areas=i["buildingsFloorAreaDistribution"],
        public_green_m2=i["projectPublicGreenSpaceSurface"],
    )
    return {"hasUrbanFreshnessImpact": f.has_impact, "influenceRadius": f.influence_radius}


def _property_value(i):
    impact = property_value.property_value_impact(
        site_m2=i["siteSurfaceArea"],
        city_m2=i["citySurfaceArea"],
        city_population=i["cityPopulation"],
        price_eur_per_m2=i["localHousePriceEuroPerSquareMeters"],
        period=_period(i),
        with_renaturation=i.get("isRenaturation", False),
    )
    return {
        "propertyValueIncrease": impact.property_value_increase_eur,
        "propertyTransferDutiesIncrease": impact.transfer_duties_increase_eur,
    }


FUNCTIONS = {
    "co2value": lambda i: evolution.co2_value_eur_per_tonne(i["year"]),
    "co2veh": lambda i: evolution.co2_g_per_vehicle_km(i["year"]),
    "discount": lambda i: evolution.discount_factor(i["nbYears"]),
    "sumDiscount": lambda i: _period(i).sum_with_discount(
        i["firstYearValue"], i.get("options", {}).get("startYearIndex"), i.get("options", {}).get("endYearIndex")
    ),
    "sumDiscountCo2": lambda i: _period(i).sum_with_discount_and_co2_value(i["firstYearValue"]),
    "sumDiscountGdp": lambda i: _period(i).sum_with_discount_and_gdp(i["firstYearValue"]),
    "weighted": lambda i: _period(i).weighted_yearly_values(
        i["firstYearValue"],
        i["factors"],
        i.get("options", {}).get("startYearIndex"),
        i.get("options", {}).get("endYearIndex"),
    ),
    "avoidedCo2": lambda i: renewable_energy.avoided_co2_t_per_year(i["forecastAnnualEnergyProductionMWh"]),
    "householdsPowered": lambda i: renewable_energy.households_powered(i["forecastAnnualEnergyProductionMWh"]),
    "pvOpsJobs": lambda i: renewable_energy.operations_jobs(i["electricalPowerKWc"]),
    "pvInstallJobs": lambda i: renewable_energy.installation_jobs(i["electricalPowerKWc"]),
    "agriEtp": lambda i: agriculture.agricultural_jobs(i["operationActivity"], i["surfaceArea"]),
    "agriExpenses": lambda i: [
        {"bearer": a.bearer, "purpose": a.name, "amount": a.amount}
        for a in agriculture.agricultural_yearly_expenses(i["activity"], i["surfaceArea"], i.get("bearer", "owner"))
    ],
    "agriIncomes": lambda i: [
        {"source": a.name, "amount": a.amount}
        for a in agriculture.agricultural_yearly_incomes(i["activity"], i["surfaceArea"])
    ],
    "propertyValue": _property_value,
    "influence": _influence,
    "fricheDefaultExpenses": lambda i: _expenses(
        friche_costs.friche_default_yearly_expenses(
            surface_m2=i["surfaceArea"],
            city_population=i["cityPopulation"],
            buildings_m2=i.get("buildingsSurface", 0),
            rural=i["isCityInRuralZone"],
        )
    ),
    "natureWellness": lambda i: ecosystem_services.nature_wellness(
        prairie_m2=i.get("prairieSurfaceArea", 0),
        forest_m2=i.get("forestSurfaceArea", 0),
        wet_land_m2=i.get("wetLandSurfaceArea", 0),
    ),
    "forestProduct": lambda i: ecosystem_services.forest_products(i["surface"]),
    "pollination": lambda i: ecosystem_services.pollination(i["surface"]),
    "invasive": lambda i: ecosystem_services.invasive_species_regulation(i["surface"]),
    "waterCycle": lambda i: ecosystem_services.water_cycle(i["permanent"], i["nonPermanent"]),
    "nitrogen": lambda i: ecosystem_services.nitrogen_cycle(
        prairie_m2=i.get("prairieSurfaceArea", 0), wet_land_m2=i.get("wetLandSurfaceArea", 0)
    ),
    "erosion": lambda i: ecosystem_services.soil_erosion(i["surface"]),
    "waterRegulation": lambda i: ecosystem_services.water_regulation(
        prairie_m2=i.get("prairieSurfaceArea", 0),
        forest_m2=i.get("forestSurfaceArea", 0),
        wet_land_m2=i.get("wetLandSurfaceArea", 0),
        decontaminated_m2=i.get("decontaminatedSurfaceArea", 0),
    ),
    "travel": _travel,
    "freshness": _freshness,
    "roadsMaint": lambda i: friche_costs.friche_roads_maintenance_per_year(i["surfaceArea"]),
    "roadsConstruction": lambda i: friche_costs.avoided_roads_construction(i["surfaceArea"]),
    "propertyTaxes": lambda i: friche_costs.property_taxes(i["buildingsSurfaceArea"]),
    "illegalDumping": lambda i: friche_costs.illegal_dumping_cost(i["population"]),
    "maintenance": lambda i: friche_costs.maintenance_cost(i["buildingsSurface"]),
    "security": lambda i: friche_costs.security_cost(i["surfaceArea"]),
}


def _same(got, expected) -> bool:
    """Equal structures, numbers equal to the last float digits (the original runs in JavaScript)."""
    if isinstance(expected, dict):
        return (
            isinstance(got, dict)
            and got.keys() == expected.keys()
            and all(_same(got[k], expected[k]) for k in expected)
        )
    if isinstance(expected, list):
        return isinstance(got, list) and len(got) == len(expected) and all(map(_same, got, expected))
    if isinstance(expected, bool) or expected is None or isinstance(expected, str):
        return got == expected
    return got == pytest.approx(expected, rel=1e-12, abs=1e-9)


@pytest.mark.parametrize("case", case_params("benefriches_cases_sample.json"))
def test_as_the_original_computes_it(case):
    got = FUNCTIONS[case["function"]](case["input"])
    assert _same(got, case["expected"]["computed"]), got


@pytest.mark.parametrize("case", case_params("benefriches_cases_sample.json"))
def test_every_function_of_the_sample_has_a_rule_here(case):
    assert case["function"] in FUNCTIONS
