"""The referentials loaded by the migrations, the constants of the rules and the table of checks,
compared with the facts of the original service (../shared/data/carbure/)."""

import json

import pytest

from transition.products.carbure.domain import check_rules, compatibility, ghg
from transition.products.carbure.domain.sanity_checks import CHECKS, INACTIVE_CODES
from transition.products.carbure.models import Biofuel, Country, Feedstock, GhgReferenceValue, RedIIDefaultValue

pytestmark = pytest.mark.shared_data


@pytest.fixture
def facts(shared_data):
    return json.loads((shared_data / "carbure" / "carbure_referentials.json").read_text(encoding="utf-8"))


@pytest.fixture
def checks(shared_data):
    return json.loads((shared_data / "carbure" / "carbure_sanity_checks.json").read_text(encoding="utf-8"))


@pytest.mark.django_db
def test_biofuels(facts):
    stored = {b.code: b for b in Biofuel.objects.all()}
    assert set(stored) == {b["code"] for b in facts["biofuels"]["items"]}
    for b in facts["biofuels"]["items"]:
        mine = stored[b["code"]]
        assert (mine.name, mine.density_kg_l, mine.lhv_mj_l, mine.lhv_mj_kg) == (
            b["name"],
            b["masse_volumique"],
            b["pci_litre"],
            b["pci_kg"],
        )
        assert (mine.is_alcohol, mine.is_fat, mine.is_saf, mine.allowed_for_rfc) == (
            b["is_alcool"],
            b["is_graisse"],
            b["is_saf"],
            b["allowed_for_rfc"],
        )


@pytest.mark.django_db
def test_feedstocks(facts):
    stored = {f.code: f for f in Feedstock.objects.all()}
    assert set(stored) == {f["code"] for f in facts["feedstocks"]["items"]}
    for f in facts["feedstocks"]["items"]:
        mine = stored[f["code"]]
        assert (mine.name, mine.category) == (f["name"], f["category"])
        assert (mine.compatible_alcohol, mine.compatible_fat, mine.is_double_counting, mine.is_vegetable_oil) == (
            f["compatible_alcool"],
            f["compatible_graisse"],
            f["is_double_compte"],
            f["is_huile_vegetale"],
        )


@pytest.mark.django_db
def test_countries(facts):
    stored = {c.code: (c.name, c.is_in_europe) for c in Country.objects.all()}
    assert stored == {c["code"]: (c["name"], c["is_in_europe"]) for c in facts["countries"]["items"]}


@pytest.mark.django_db
def test_red_ii_default_values(facts):
    rows = facts["ghg"]["red_ii_default_values"]["rows"]
    stored = list(RedIIDefaultValue.objects.order_by("id").values_list("feedstock_code", "ep_default", "etd_default"))
    assert stored == [(r["code_matiere_premiere"], r["ep_default"], r["etd_default"]) for r in rows]


@pytest.mark.django_db
def test_the_reference_values_of_the_emission_checks(facts):
    fixture = facts["ghg"]["ml_stats_test_fixture"]
    etd = {r.feedstock_id: r.default_max for r in GhgReferenceValue.objects.filter(term="etd")}
    for row in fixture["etd_stats"]:
        assert etd[row["feedstock"]] == row["default_value"]
    eec = {r.feedstock_id: r.default_max for r in GhgReferenceValue.objects.filter(term="eec")}
    for row in fixture["eec_stats"]:
        assert eec[row["feedstock"]] == row["default_value"]
    ep = {
        (r.feedstock_id, r.biofuel_id): (r.default_min, r.default_max)
        for r in GhgReferenceValue.objects.filter(term="ep")
    }
    for row in fixture["ep_stats"]:
        assert ep[(row["feedstock"], row["biofuel"])] == (row["default_value_min_ep"], row["default_value_max_ep"])


def test_ghg_constants(facts):
    comparators = {c["regime"]: c["value"] for c in facts["ghg"]["fossil_comparators"]}
    assert (comparators["RED I"], comparators["RED II"]) == (ghg.RED_I_COMPARATOR, ghg.RED_II_COMPARATOR)
    assert ghg.RED_II_FROM.isoformat() == facts["ghg"]["red_ii_switch_date"]


def test_thresholds(facts):
    t = facts["thresholds"]
    assert (
        t["ghg_reduction_min"],
        t["ghg_reduction_min_site_after_2015_10_05"],
        t["ghg_reduction_min_site_from_2021_01_01"],
    ) == (
        check_rules.REDUCTION_MIN,
        check_rules.REDUCTION_MIN_SITE_AFTER_2015,
        check_rules.REDUCTION_MIN_SITE_FROM_2021,
    )
    assert (
        t["ghg_reduction_warn_above"],
        t["ghg_reduction_warn_from"],
    ) == (check_rules.REDUCTION_SUSPICIOUS_ABOVE, check_rules.REDUCTION_IMPOSSIBLE_FROM)
    assert (
        t["volume_faible_below_litres"],
        t["delivery_future_days"],
        t["delivery_date_window_days"],
    ) == (check_rules.SMALL_VOLUME_L, check_rules.DELIVERY_FUTURE_DAYS, check_rules.DELIVERY_WINDOW_DAYS)
    assert t["year_always_locked_up_to"] == check_rules.ALWAYS_LOCKED_UP_TO


def test_compatibility_lists(facts):
    c = facts["compatibility"]
    assert set(c["saf_biofuels"]) == compatibility.SAF_BIOFUELS
    assert set(c["mac_allowed_biofuels"]) == compatibility.RFC_ALLOWED_BIOFUELS
    assert set(c["emhv_eehv_feedstocks"]) == compatibility.VEGETABLE_OILS_FOR_ESTERS
    assert set(c["emha_eeha_feedstocks"]) == compatibility.ANIMAL_FATS
    assert set(c["animal_fat_allowed_biofuels"]) == compatibility.ANIMAL_FAT_BIOFUELS
    assert set(c["sugar_feedstocks"]) == compatibility.SUGAR_AND_STARCH
    assert set(c["sugar_allowed_biofuels"]) == compatibility.SUGAR_AND_STARCH_BIOFUELS
    assert set(c["hvo_biofuels_need_is_huile_vegetale"]) == compatibility.HVO_BIOFUELS
    assert set(c["cotreated_biofuels"]) == compatibility.COPROCESSED_BIOFUELS
    assert set(c["cotreated_allowed_feedstocks"]) == compatibility.COPROCESSING_FEEDSTOCKS
    assert set(c["kraft_methanol"]["allowed_biofuels"]) == compatibility.KRAFT_METHANOL_BIOFUELS
    assert set(c["deprecated_feedstocks"]) == compatibility.DEPRECATED_FEEDSTOCKS
    assert set(c["eec_zero_exempt_non_conv"]) == check_rules.EEC_EXEMPT_FEEDSTOCKS
    provenance = {
        f: (set(rule.usual_countries), rule.europe_ok)
        for rule in compatibility.PROVENANCE_RULES
        for f in rule.feedstocks
    }
    assert provenance == {f: (set(p["allowed"]), p["europe_ok"]) for f, p in c["provenance"].items()}


def test_every_active_check_of_the_original_is_in_the_table_at_its_level(checks):
    table = {(check.code, check.blocking) for check in CHECKS}
    sanity = [c for c in checks if c["stage"] == "sanity_check"]
    for check in sanity:
        if check["active"]:
            assert (check["code"], check["blocking"]) in table, check["code"]
        else:
            assert check["code"] in INACTIVE_CODES and check["code"] not in {c for c, _ in table}
    # Construction checks of the original that are re-run on every change here.
    assert ("MISSING_COUNTRY_OF_ORIGIN", True) in table
    assert {c for c, _ in table} - {c["code"] for c in sanity} == {"MISSING_COUNTRY_OF_ORIGIN"}
