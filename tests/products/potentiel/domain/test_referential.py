"""The project's referential against the original's facts (../shared/data/potentiel), and the
precedence appel d'offres → période → cahier des charges chosen."""

import json

import pytest

from transition.products.potentiel.domain import referential as r

RULE_KEYS = {
    "autorité": "autorite",
    "instructionAutomatique": "instruction_automatique",
    "informationEnregistréeEstSoumiseÀConditions": "information_sous_conditions",
}


@pytest.fixture(scope="module")
def ours():
    return r.load_referential()


@pytest.fixture
def facts(shared_data):
    return json.loads((shared_data / "potentiel" / "potentiel_appels_offres.json").read_text(encoding="utf-8"))


def _expected_change(rule: dict) -> dict:
    return {RULE_KEYS.get(k, k): v for k, v in rule.items()}


def test_same_appels_offres_periods_families_and_cahiers(ours, facts):
    assert [ao["id"] for ao in ours["appels_offres"]] == [ao["id"] for ao in facts["appels_offres"]]
    assert sum(len(ao["periodes"]) for ao in ours["appels_offres"]) == 106
    for mine, theirs in zip(ours["appels_offres"], facts["appels_offres"], strict=True):
        assert mine["delai_realisation_mois"] == theirs["délaiRéalisationEnMois"]
        for p_mine, p_theirs in zip(mine["periodes"], theirs["periodes"], strict=True):
            assert p_mine["id"] == p_theirs["id"]
            assert [f["id"] for f in p_mine["familles"]] == [f["id"] for f in p_theirs["familles"]]
            assert [f.get("puissance_max") for f in p_mine["familles"]] == [
                f.get("puissanceMax") for f in p_theirs["familles"]
            ]
            assert r.cahiers_des_charges_choices(p_mine) == list(p_theirs["effective_rules_by_cdc"])


def test_effective_rules_match_the_original_for_every_period_and_cahier(ours, facts):
    checked = 0
    for ao_mine, ao_theirs in zip(ours["appels_offres"], facts["appels_offres"], strict=True):
        for p_mine, p_theirs in zip(ao_mine["periodes"], ao_theirs["periodes"], strict=True):
            for reference, expected in p_theirs["effective_rules_by_cdc"].items():
                rules = r.effective_rules(
                    ao_mine, p_mine, None, r.find_cahier_des_charges(p_mine, reference), technologie="pv"
                )
                where = (ao_mine["id"], p_mine["id"], reference)
                assert rules.doit_choisir_cahier_des_charges == expected["doitChoisirUnCahierDesChargesModificatif"], (
                    where
                )
                assert rules.changements == {
                    d: _expected_change(rule) for d, rule in expected["changements"].items()
                }, where
                assert sorted(rules.modifications_admin) == sorted(expected["modifications_admin"]), where
                assert rules.champs_supplementaires == expected["champsSupplémentaires"], where
                assert rules.delai_dcr == expected["délaiDCR"], where
                applicable = expected.get("délaiApplicable")
                if applicable:
                    assert rules.delai_applicable["mois"] == applicable["délaiEnMois"], where
                    assert (
                        rules.delai_applicable["mise_en_service_min"]
                        == applicable["intervaleDateMiseEnService"]["min"][:10]
                    )
                else:
                    assert rules.delai_applicable is None, where
                checked += 1
    assert checked > 200


def test_guarantee_subjection_per_family_matches_the_original(ours, facts):
    for ao_mine, ao_theirs in zip(ours["appels_offres"], facts["appels_offres"], strict=True):
        for p_mine, p_theirs in zip(ao_mine["periodes"], ao_theirs["periodes"], strict=True):
            for famille_id, soumis in p_theirs["soumisAuxGarantiesFinancières_par_famille"].items():
                famille = None if famille_id == "(sans famille)" else r.find_famille(p_mine, famille_id)
                assert r.soumis_aux_garanties(ao_mine, famille) == soumis


# Precedence, table-driven on a small referential of our own.
AO = {
    "id": "AO",
    "technologie": "pv",
    "unite_puissance": "MWc",
    "delai_realisation_mois": 30,
    "delai_dcr": {"grd": 2},
    "garanties_financieres": {"soumis": "après candidature", "duree_mois": 36, "types_disponibles": ["consignation"]},
    "changements": {"abandon": {"demande": True, "autorite": "dreal"}, "délai": {"demande": True, "autorite": "dreal"}},
    "champs_supplementaires": {"coefficientKChoisi": {"type": "requis"}},
}
P_PLAIN = {"id": "1", "type": "notifiée-via-potentiel", "familles": [], "cahiers_des_charges": []}
P_OVERRIDE = {**P_PLAIN, "id": "2", "changements": {"abandon": {"demande": True, "autorite": "dgec"}}}
P_CLOSED = {**P_PLAIN, "id": "3", "changements": "indisponible"}
CDC = {"reference": "30/08/2022", "changements": {"abandon": {"information_enregistree": True}}}


@pytest.mark.parametrize(
    ("periode", "cdc", "abandon", "delai", "must_choose"),
    [
        (P_PLAIN, None, {"mode": "demande", "autorite": "dreal"}, {"mode": "demande", "autorite": "dreal"}, False),
        (P_OVERRIDE, None, {"mode": "demande", "autorite": "dgec"}, {"mode": "demande", "autorite": "dreal"}, False),
        (P_CLOSED, None, {"mode": "indisponible"}, {"mode": "indisponible"}, True),
        (P_CLOSED, CDC, {"mode": "information-enregistrée"}, {"mode": "indisponible"}, False),
        (P_OVERRIDE, CDC, {"mode": "information-enregistrée"}, {"mode": "demande", "autorite": "dreal"}, False),
    ],
)
def test_precedence_ao_then_periode_then_cahier(periode, cdc, abandon, delai, must_choose):
    rules = r.effective_rules(AO, periode, None, cdc)
    assert rules.change("abandon") == abandon
    assert rules.change("délai") == delai
    assert rules.doit_choisir_cahier_des_charges is must_choose


def test_lookups_fail_with_the_original_messages(ours):
    with pytest.raises(r.ReferentialError, match="L'appel d'offres spécifié n'existe pas"):
        r.rules_for(ours, "inexistant", "1")
    with pytest.raises(r.ReferentialError, match="La période spécifiée de l'appel d'offres n'existe pas"):
        r.rules_for(ours, "PPE2 - Bâtiment", "812")
    with pytest.raises(r.ReferentialError, match="technologie n'est pas disponible"):
        r.rules_for(ours, "PPE2 - Neutre", "1", technologie="solaire-thermique")


@pytest.mark.parametrize(
    ("ao", "technologie", "months", "unit"),
    [
        ("PPE2 - Neutre", "eolien", 36, "MW"),
        ("PPE2 - Neutre", "pv", 30, "MW"),  # the période sets its unit for every technology
        ("PPE2 - Petit PV Bâtiment", None, 34, "MWc"),
        ("CRE4 - Bâtiment", None, 20, "MWc"),
    ],
)
def test_completion_delay_per_technology(ours, ao, technologie, months, unit):
    periode = r.find_appel_offres(ours, ao)["periodes"][0]["id"]
    rules = r.rules_for(ours, ao, periode, technologie=technologie)
    assert rules.delai_realisation_mois == months
    assert rules.unite_puissance == unit


def test_ppe_targets_carry_their_source(ours):
    targets = ours["objectifs_ppe"]
    assert "2020-456" in targets["source"]["texte"]
    assert targets["source"]["url"].startswith("https://www.legifrance.gouv.fr/")
    assert {t["technologie"] for t in targets["objectifs"]} == {"pv", "eolien", "hydraulique"}
