"""The cost and emissions comparator: needs, prices, each mode's figures, the assumptions shown,
and refusals in French."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.chaleur.domain.comparator import (
    Building,
    ComparatorError,
    NetworkOffer,
    building_needs,
    compare,
    energy_price_eur_per_kwh,
)
from transition.products.chaleur.domain.comparator_parameters import MODES, P, band

COPRO = Building(kind="residentiel", dwellings=30, dpe="D")
NETWORK = NetworkOffer("Réseau de la Roseraie", 85.0, 0.09)


@pytest.mark.parametrize(
    "building, surface, heating, ecs",
    [
        (COPRO, 2100, 165 * 2100, 955 * 2.17 * 30),
        (Building(kind="residentiel", dwellings=30, dpe="D", surface_m2=1800), 1800, 165 * 1800, 955 * 2.17 * 30),
        (Building(kind="residentiel", dwellings=1, dpe="A", heating="individuel"), 70, 45 * 70, 955 * 2.17),
        (Building(kind="residentiel", dwellings=10, dpe="G"), 700, 300 * 700, 955 * 2.17 * 10),
        (Building(kind="tertiaire", surface_m2=2500, activity="bureaux"), 2500, 95 * 2500, 0),
        (Building(kind="tertiaire", surface_m2=1000, activity="ehpad"), 1000, 110 * 1000, 0),
    ],
)
def test_needs(building, surface, heating, ecs):
    got_surface, got_heating, got_ecs, power = building_needs(building)
    assert (got_surface, got_heating) == (surface, heating)
    assert got_ecs == pytest.approx(ecs)
    # full-load hours: 2 200 DJU × 24 h ÷ 35 °C; 20 % oversizing
    assert power == pytest.approx(heating / (2200 * 24 / 35) * 1.2)


@pytest.mark.parametrize(
    "energy, kind, expected",
    [
        ("gaz", "residentiel", (0.02638 + 0.02118 + 0.00404 + 0.00585 + 0.01637) * 1.2),
        ("electricite", "residentiel", 0.1887 * 1.2 + 0.021),
        ("fioul", "residentiel", (0.8878 + 0.1874) * 1.2 * 0.0947),
        ("fioul", "tertiaire", (0.8213 + 0.1874) * 1.2 * 0.0947),
        ("granules", "residentiel", 300.9 / 1000 * 1.1 * 0.217391304),
        ("reseau", "residentiel", 0.085),
    ],
)
def test_energy_prices_taxes_included(energy, kind, expected):
    assert energy_price_eur_per_kwh(energy, kind, NETWORK) == pytest.approx(expected)


def test_a_network_without_a_published_price_is_not_priced_nor_guessed():
    comparison = compare(COPRO, NetworkOffer("Réseau muet"))
    network = next(r for r in comparison.results if r.key == "reseau")
    assert network.total_eur is None and network.energy_eur is None
    assert "Prix non publié" in network.note and "moyen" in network.note
    assert network.co2_kg == round(0.0972 * (165 * 2100 + 955 * 2.17 * 30))
    assert comparison.results[-1].key == "reseau"  # unpriced last


def test_collective_copro_figures():
    comparison = compare(COPRO, NETWORK, everything=True)
    by_key = {r.key: r for r in comparison.results}
    assert set(by_key) == {m.key for m in MODES if m.scope == "collectif"}
    heating, ecs = 165 * 2100, 955 * 2.17 * 30
    network = by_key["reseau"]
    assert network.energy_kwh == round(heating / 0.86 + ecs / 0.93)
    assert network.energy_eur == round((heating / 0.86 + ecs / 0.93) * 0.085)
    assert network.co2_kg == round(0.09 * (heating + ecs))
    assert network.investment_eur == round(2364 * 30 * 1.2)  # 26 to 42 dwellings: 2 364 € HT each
    assert network.equipment_eur == round(2364 * 30 * 1.2 / 30)
    gas = by_key["gaz_coll_cond"]
    assert gas.energy_kwh == round(heating / 0.80 + ecs / 0.86)
    assert gas.co2_kg == round((heating / 0.80 + ecs / 0.86) * 0.243)
    # 276 kW: the 200-300 kW band, 37 500 € HT, plus 30 % installation, VAT
    assert gas.investment_eur == round(37500 * 1.3 * 1.2)
    assert abs(gas.total_eur - (gas.energy_eur + gas.upkeep_eur + gas.equipment_eur)) <= 2
    assert comparison.cheapest.key == "reseau" and comparison.lowest_co2.key == "pac_air_eau_coll"


def test_the_general_public_compares_the_network_with_fossil_fuels():
    keys = {r.key for r in compare(COPRO, NETWORK).results}
    assert keys == {"reseau", "gaz_coll_cond", "gaz_coll", "fioul_coll"}


def test_individual_heating_compares_individual_equipment_and_the_network():
    house = Building(kind="residentiel", dwellings=1, dpe="E", heating="individuel")
    keys = {r.key for r in compare(house, NETWORK, everything=True).results}
    assert keys == {m.key for m in MODES if m.scope == "individuel"} | {"reseau"}
    gas = next(r for r in compare(house, NETWORK).results if r.key == "gaz_indiv_cond")
    heating, ecs = 215 * 70, 955 * 2.17
    fixed = (139.44 + 79 + 34.49) * 1.055
    assert gas.energy_eur == round(
        (heating / 0.82 + ecs / 0.87) * energy_price_eur_per_kwh("gaz", "residentiel", NETWORK) + fixed
    )


def test_every_assumption_is_shown_with_its_source():
    comparison = compare(COPRO, NETWORK)
    labels = {a.label for a in comparison.assumptions}
    assert "Besoin de chauffage (DPE D)" in labels
    assert "Prix de la chaleur de « Réseau de la Roseraie »" in labels
    for key in ("co2_gas", "co2_fuel", "electricity_price", "fuel_ticpe", "pellets_price"):
        assert P[key].label in labels
    assert all(a.source and a.value for a in comparison.assumptions)
    values = {a.label: a.value for a in comparison.assumptions}
    assert values[P["vat"].label] == "20 %" and values[P["co2_gas"].label] == "0,243 kg CO₂e/kWh"


@pytest.mark.parametrize(
    "building, message",
    [
        (Building(kind="chateau"), "type de bâtiment"),
        (Building(kind="residentiel", dwellings=0), "entre 1 et 2000"),
        (Building(kind="residentiel", dwellings=5, dpe="H"), "DPE de A à G"),
        (Building(kind="residentiel", dwellings=5, heating="mixte"), "collectif ou individuel"),
        (Building(kind="tertiaire", activity="bureaux"), "surface chauffée"),
        (Building(kind="tertiaire", activity="usine", surface_m2=100), "activité"),
        (Building(kind="tertiaire", activity="bureaux", surface_m2=5), "entre 10 et"),
    ],
)
def test_refusals_in_french(building, message):
    with pytest.raises(ComparatorError) as error:
        compare(building)
    assert message in str(error.value)


@pytest.mark.parametrize("value, expected", [(0, 10), (35, 10), (36, 20), (120, 20), (121, 99)])
def test_band(value, expected):
    assert band(value, ((35, 10), (120, 20)), 99) == expected


@given(
    dwellings=st.integers(1, 2000),
    dpe=st.sampled_from("ABCDEFG"),
    heating=st.sampled_from(["collectif", "individuel"]),
    price=st.one_of(st.none(), st.floats(20, 300)),
)
def test_properties(dwellings, dpe, heating, price):
    building = Building(kind="residentiel", dwellings=dwellings, dpe=dpe, heating=heating)
    comparison = compare(building, NetworkOffer("R", price, 0.1), everything=True)
    totals = [r.total_eur for r in comparison.results if r.total_eur is not None]
    assert totals == sorted(totals)
    for result in comparison.results:
        assert result.energy_kwh > 0 and result.co2_kg >= 0 and result.upkeep_eur >= 0
        if result.total_eur is not None:
            assert abs(result.total_eur - (result.energy_eur + result.upkeep_eur + result.equipment_eur)) <= 2
    # a worse label never needs less heat
    if dpe != "G":
        worse = Building(kind="residentiel", dwellings=dwellings, dpe="G", heating=heating)
        assert building_needs(worse)[1] >= building_needs(building)[1]


def test_gap_with_the_current_mode():
    comparison = compare(COPRO, NETWORK)
    gaps = comparison.versus("gaz_coll_cond")
    by_key = {r.key: r for r in comparison.results}
    assert gaps["gaz_coll_cond"] == (0, 0)
    assert gaps["reseau"] == (
        by_key["reseau"].total_eur - by_key["gaz_coll_cond"].total_eur,
        by_key["reseau"].co2_kg - by_key["gaz_coll_cond"].co2_kg,
    )
    assert gaps["reseau"][1] < 0  # the network emits less than gas
    assert comparison.versus("pac_air_eau_coll") == {}  # not among the general public's modes
    unpriced = compare(COPRO, NetworkOffer("Réseau muet")).versus("fioul_coll")
    assert unpriced["reseau"][0] is None and unpriced["reseau"][1] < 0
