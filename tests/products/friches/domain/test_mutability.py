"""Mutafriches' index, ranking and reliability: every case of the original's sample, the criteria
table against the original's, and the rules as properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.products.friches.shared_cases import FRICHES_DATA, case_params, load
from transition.products.friches.domain.mutability import mutability_ranking, potential_label
from transition.products.friches.domain.mutability_criteria import CRITERIA, CRITERIA_BY_KEY, TOTAL_WEIGHT, USAGES
from transition.products.friches.domain.mutability_input import (
    derived_water_connection,
    evaluation_body_errors,
    site_from_evaluation_body,
)
from transition.products.friches.domain.mutability_reliability import mutability_reliability
from transition.products.friches.domain.rounding import js_round


def _site_of(case: dict) -> dict:
    data = case["input"]
    if "body" in data:
        body = data["body"]
        return site_from_evaluation_body(body["donneesEnrichies"], body.get("donneesComplementaires"))
    if "site_current" in data:
        return data["site_current"]
    return data["site"]


@pytest.mark.parametrize(
    "case", case_params("mutafriches_cases_sample.json", keep=lambda c: "computed_v1_11" in c["expected"])
)
def test_ranking_as_the_original_computes_it(case):
    expected = case["expected"]["computed_v1_11"]
    site = _site_of(case)
    got = [
        {
            "usage": r.usage,
            "rang": r.rank,
            "indiceMutabilite": r.index,
            "potentiel": r.potential,
            "avantages": r.advantages,
            "contraintes": r.constraints,
        }
        for r in mutability_ranking(site)
    ]
    assert got == expected["ranking"]
    reliability = mutability_reliability(site)
    assert {
        "note": reliability.note,
        "text": reliability.text,
        "criteresRenseignes": reliability.criteria_filled,
        "criteresTotal": reliability.criteria_total,
        "poidsRenseignes": reliability.weight_filled,
        "poidsTotal": reliability.weight_total,
    } == {k: v for k, v in expected["fiabilite"].items() if k != "description"}


@pytest.mark.parametrize(
    "case", case_params("mutafriches_cases_sample.json", keep=lambda c: "fiabilite" in c["expected"])
)
def test_reliability_as_the_original_computes_it(case):
    expected = case["expected"]["fiabilite"]
    got = mutability_reliability(case["input"]["criteres"])
    assert (got.note, got.text, got.description) == (expected["note"], expected["text"], expected["description"])
    assert (got.criteria_filled, got.criteria_total) == (expected["criteresRenseignes"], expected["criteresTotal"])
    assert (got.weight_filled, got.weight_total) == (expected["poidsRenseignes"], expected["poidsTotal"])


@pytest.mark.parametrize(
    "case",
    case_params(
        "mutafriches_cases_sample.json",
        keep=lambda c: (
            isinstance(c["expected"].get("asserted_in_test"), dict) and "input" in c and "site" in c["input"]
        ),
    ),
)
def test_raw_scores_the_original_asserts(case):
    """`scoreBrut.<usage>.<criterion>`: the table's score of the case's value, after unit conversion."""
    site = case["input"]["site"]
    for path, score in case["expected"]["asserted_in_test"].items():
        _, usage, key = path.split(".")
        assert CRITERIA_BY_KEY[key].score(site[key], USAGES.index(usage)) == score, path


@pytest.mark.shared_data
def test_the_table_is_the_originals(shared_data):
    original = load("mutafriches_criteria.json")
    assert original["algorithm_version"] == "v1.11"
    assert tuple(u["code"] for u in original["usages"]) == USAGES
    assert original["total_weight"] == TOTAL_WEIGHT
    assert {c["key"] for c in original["criteria"]} == set(CRITERIA_BY_KEY)
    for spec in original["criteria"]:
        criterion = CRITERIA_BY_KEY[spec["key"]]
        assert criterion.weight == spec["weight"], spec["key"]
        assert criterion.entered_by_person == (spec["saisie"] == "MANUELLE"), spec["key"]
        if spec.get("bins"):
            assert len(criterion.bins) == len(spec["bins"]), spec["key"]
            for mine, theirs in zip(criterion.bins, spec["bins"], strict=True):
                assert (mine.low, mine.high) == (theirs["min"], theirs["max"]), spec["key"]
                assert (mine.low_closed, mine.high_closed) == (
                    theirs["interval"][0] == "[" or theirs["min"] is None,
                    theirs["interval"][1] == "]" or theirs["max"] is None,
                ), (spec["key"], theirs["bin"])
                assert mine.scores == tuple(theirs["scores"][u] for u in USAGES), (spec["key"], theirs["bin"])
        else:
            scored = [v for v in spec["values"] if not v.get("ignored_in_index")]
            assert {c.value: c.scores for c in criterion.choices} == {
                v["value"]: tuple(v["scores"][u] for u in USAGES) for v in scored
            }, spec["key"]
            assert criterion.accepts_ne_sait_pas == any(v["value"] == "ne-sait-pas" for v in spec["values"])
            assert set(criterion.unscored_values) == set(spec.get("enum_values_without_matrix_entry", []))


@pytest.mark.parametrize(
    ("built", "expected"),
    [(21, "oui"), (6600, "oui"), (20, "non"), (0, "non"), (None, "non")],
)
def test_water_connection_is_derived_from_the_built_surface(built, expected):
    assert derived_water_connection(built) == expected
    site = site_from_evaluation_body({"surfaceBati": built}, {"raccordementEau": "ne-sait-pas"})
    assert site["raccordementEau"] == expected


def test_without_built_surface_the_water_connection_is_unknown():
    assert site_from_evaluation_body({}, {"raccordementEau": "oui"})["raccordementEau"] == "ne-sait-pas"


def test_the_persons_answers_override_the_enriched_data_and_empty_enriched_zonings_are_absent():
    site = site_from_evaluation_body(
        {"trameVerteEtBleue": "hors-trame", "zonageReglementaire": "", "risqueInondation": None, "surfaceSite": None},
        {"trameVerteEtBleue": "corridor-a-restaurer"},
    )
    assert site["trameVerteEtBleue"] == "corridor-a-restaurer"
    assert "zonageReglementaire" not in site and "risqueInondation" not in site
    assert site["surfaceSite"] is None  # searched, nothing found: counted as filled, not scored
    assert site["raccordementEau"] == "ne-sait-pas"  # no built surface given
    assert mutability_reliability(site).criteria_filled == 2  # surfaceSite, trameVerteEtBleue


@pytest.mark.parametrize(
    ("index", "label"),
    [(100, "Excellent"), (70, "Excellent"), (69.9, "Très bon"), (60, "Très bon"), (50, "Bon"), (40, "Moyen"),
     (39.9, "Faible"), (0, "Faible")],
)  # fmt: skip
def test_potential_thresholds(index, label):
    assert potential_label(index) == label


@pytest.mark.parametrize(("x", "rounded"), [(2.5, 3), (-2.5, -2), (0.49, 0), (833.33, 833)])
def test_js_round_takes_halves_up(x, rounded):
    assert js_round(x) == rounded


def test_nothing_known_ranks_every_use_at_zero_in_the_originals_order():
    ranking = mutability_ranking({"typeProprietaire": "ne-sait-pas", "surfaceSite": None})
    assert [r.usage for r in ranking] == list(USAGES)
    assert {r.index for r in ranking} == {0}
    assert mutability_reliability({}).note == 0


def test_each_use_says_what_weighs_for_and_against_it():
    ranking = {r.usage: r for r in mutability_ranking({"surfaceSite": 80000, "siteEnCentreVille": True})}
    industry = ranking["industrie"]
    assert [c.criterion for c in industry.for_] == ["surfaceSite"]
    assert [c.criterion for c in industry.against] == ["siteEnCentreVille"]
    assert industry.for_[0].points == 4 and industry.against[0].points == 2


def test_body_errors_name_the_field_in_french():
    assert evaluation_body_errors({}) == [
        ("donneesEnrichies", "Champ obligatoire : les données du site (donneesEnrichies).")
    ]
    errors = dict(
        evaluation_body_errors(
            {"donneesEnrichies": {"surfaceSite": "grand", "siteEnCentreVille": "oui", "distanceAutoroute": -3},
             "donneesComplementaires": {"typeProprietaire": 3}}
        )
    )  # fmt: skip
    assert set(errors) == {
        "donneesEnrichies.surfaceSite",
        "donneesEnrichies.siteEnCentreVille",
        "donneesEnrichies.distanceAutoroute",
        "donneesComplementaires.typeProprietaire",
    }
    assert "nombre" in errors["donneesEnrichies.surfaceSite"]


_values = {
    c.key: (
        st.one_of(st.none(), st.just("ne-sait-pas"), st.floats(0, 200000, allow_nan=False))
        if c.kind == "numeric"
        else st.one_of(st.none(), st.just("ne-sait-pas"), st.sampled_from([ch.value for ch in c.choices]))
    )
    for c in CRITERIA
}
_sites = st.fixed_dictionaries({}, optional=_values)


@given(_sites)
def test_properties_of_the_ranking(site):
    ranking = mutability_ranking(site)
    assert [r.rank for r in ranking] == [1, 2, 3, 4, 5, 6, 7]
    assert sorted(r.usage for r in ranking) == sorted(USAGES)
    assert all(0 <= r.index <= 100 for r in ranking)
    indexes = [r.index for r in ranking]
    assert indexes == sorted(indexes, reverse=True)
    for first, second in zip(ranking, ranking[1:], strict=False):
        if first.index == second.index:  # ties keep the original's order of uses
            assert USAGES.index(first.usage) < USAGES.index(second.usage)


@given(_sites)
def test_properties_of_the_reliability(site):
    reliability = mutability_reliability(site)
    assert 0 <= reliability.note <= 10
    assert reliability.note * 2 == int(reliability.note * 2)
    assert reliability.criteria_filled + len(reliability.missing) == len(CRITERIA)
    assert (reliability.note == 10) == (reliability.weight_filled == TOTAL_WEIGHT)


def test_shared_data_folder_is_where_the_tests_look():
    assert FRICHES_DATA.name == "friches"
