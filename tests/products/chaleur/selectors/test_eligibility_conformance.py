"""Conformance with France Chaleur Urbaine: its own fixture and the outputs it expects."""

import json

import pytest

from transition.products.chaleur.selectors.eligibility_index import (
    EligibilityIndex,
    eligibility_for_point,
    eligibility_for_points,
)

from ..fcu_fixture import load

pytestmark = [pytest.mark.django_db, pytest.mark.shared_data]


@pytest.fixture
def fixture(shared_data):
    return load(shared_data / "chaleur" / "fcu_eligibility_fixtures.geojson")


@pytest.fixture
def scenarios(shared_data):
    return json.loads((shared_data / "chaleur" / "fcu_eligibility_scenarios.json").read_text())


def scenario_for(scenarios, point):
    matches = [s for s in scenarios if s["type"] == point["expected"] and s.get("name") == point["name"]]
    assert len(matches) == 1, point
    return matches[0]


def test_every_test_point_gets_its_type_and_the_expected_outputs(fixture, scenarios):
    assert len(fixture.test_points) == len(scenarios) == 12
    fcu_id_of = {(type(obj).__name__, obj.pk): fcu_id for fcu_id, obj in fixture.by_fcu_id.items()}
    for point in fixture.test_points:
        result = eligibility_for_point(point["lon"], point["lat"], point["citycode"])
        expected = scenario_for(scenarios, point)
        network = expected["heatNetwork"]
        label = point["name"] or point["expected"]
        assert result.type == point["expected"], label
        assert result.eligible is network["isEligible"] is expected["eligibility"]["eligible"], label
        assert result.in_pdp is network["inPDP"], label
        assert result.future_network is network["futurNetwork"], label
        if result.type == "dans_zone_reseau_futur":
            # The original reports no distance inside a zone; our rule sets it to 0 (issue #5).
            assert network["distance"] is None and result.distance_m == 0
        else:
            assert result.distance_m == network["distance"] == expected["eligibility"]["distance"], label
        # The network reported: the one France Chaleur Urbaine reports (its id_fcu).
        reported = expected["eligibility"]["id_fcu"]
        if reported is None:
            assert result.network is None, label
        else:
            model = "Network" if result.network.model == "network" else "NetworkUnderConstruction"
            assert fcu_id_of[(model, result.network.pk)] == reported, label
        for field, ours in (
            ("id", result.network and (result.network.national_id or None)),
            ("name", result.network and result.network.name),
            ("gestionnaire", result.network and result.network.gestionnaire),
            ("isClasse", result.network and result.network.classified),
        ):
            if network[field] is not None:
                assert ours == network[field], (label, field)
        if network["hasNoTraceNetwork"] is not None:
            assert bool(result.commune_has_no_trace_network) is network["hasNoTraceNetwork"], label
        if network["veryEligibleDistance"] is not None:
            assert result.very_close_threshold_m == network["veryEligibleDistance"], label


def test_batch_gives_the_same_answers(fixture):
    # Three times over, so that the batch goes through the vectorised form, not the point-by-point one.
    points = fixture.test_points * 3
    assert len(points) >= EligibilityIndex.VECTORISE_FROM
    batch = eligibility_for_points(
        [p["lon"] for p in points], [p["lat"] for p in points], [p["citycode"] for p in points]
    )
    single = [eligibility_for_point(p["lon"], p["lat"], p["citycode"]) for p in points]
    assert batch == single
    assert [r.type for r in batch] == [p["expected"] for p in points]


def test_closed_networks_are_what_keeps_the_far_points_far(fixture):
    """1304C (existing) and 3004 (under construction) are closed: opening them changes answers."""
    far = next(p for p in fixture.test_points if p["expected"] == "reseau_existant_loin" and not p["name"])
    assert eligibility_for_point(far["lon"], far["lat"], far["citycode"]).distance_m == 759
    closed = fixture.by_fcu_id[2004]
    closed.open_to_connections = True
    closed.save()
    reopened = eligibility_for_point(far["lon"], far["lat"], far["citycode"])
    assert reopened.network.national_id == "1304C" and reopened.distance_m < 759
