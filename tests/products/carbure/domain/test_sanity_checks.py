"""One table of cases per check: each raises or not its code at the edges of its rule, at the
level the original gives it. The good lot of `worlds.py` raises nothing; each case changes it."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from transition.products.carbure.domain.lot_facts import (
    DoubleCountingInfo,
    EecStat,
    EntityRef,
    EpStat,
)
from transition.products.carbure.domain.sanity_checks import (
    ANONYMOUS_CODES,
    CHECKS,
    Audience,
    has_blocking,
    run_checks,
)
from transition.products.carbure.domain.vocabulary import (
    CorrectionStatus,
    DeliveryType,
    EntityType,
    LotStatus,
)

from .worlds import EFS, OPERATOR, PRODUCER, REFS, TODAY, TRADER, anonymous, context, facts

B, W = True, False
F = REFS.feedstocks
BF = REFS.biofuels
C = REFS.countries
DELIVERY = date(2025, 6, 16)
DC = DoubleCountingInfo("FR_00999_2025", 10, date(2025, 1, 1), date(2026, 12, 31))
POWER = EntityRef(4, "Centrale de Gardanne", EntityType.POWER_HEAT)

# (code, blocking level expected when raised, raised?, lot changes, context changes)
CASES = [
    ("MISSING_VOLUME", B, True, {"volume_l": 0.0}, {}),
    ("MISSING_VOLUME", B, True, {"volume_l": None}, {}),
    ("MISSING_VOLUME", B, False, {"volume_l": 0.01}, {}),
    ("MISSING_BIOFUEL", B, True, {"biofuel": None}, {}),
    ("MISSING_BIOFUEL", B, False, {}, {}),
    ("MISSING_FEEDSTOCK", B, True, {"feedstock": None}, {}),
    ("MISSING_FEEDSTOCK", B, False, {}, {}),
    ("MISSING_COUNTRY_OF_ORIGIN", B, True, {"country_of_origin": None}, {}),
    ("MISSING_COUNTRY_OF_ORIGIN", B, False, {"country_of_origin": None, "has_parent": True}, {}),
    ("UNKNOWN_PRODUCTION_SITE", B, True, {"production_site_id": None}, {}),
    ("UNKNOWN_PRODUCTION_SITE", B, False, {"production_site_id": None, "producer": None}, {}),
    (
        "MISSING_PRODUCTION_SITE_COMDATE",
        B,
        True,
        {"production_site_id": None, "production_site_commissioning_date": None},
        {},
    ),
    ("MISSING_PRODUCTION_SITE_COMDATE", B, False, {"production_site_id": None}, {}),
    ("MISSING_PRODUCTION_SITE_COMDATE", B, False, {"production_site_commissioning_date": None}, {}),
    ("MISSING_TRANSPORT_DOCUMENT_REFERENCE", B, True, {"transport_document_reference": " "}, {}),
    (
        "MISSING_TRANSPORT_DOCUMENT_REFERENCE",
        B,
        False,
        {"transport_document_reference": "", "delivery_type": DeliveryType.RFC},
        {},
    ),
    (
        "MISSING_TRANSPORT_DOCUMENT_REFERENCE",
        B,
        False,
        {"transport_document_reference": "", "delivery_type": DeliveryType.FLUSHED},
        {},
    ),
    (
        "MISSING_TRANSPORT_DOCUMENT_REFERENCE",
        B,
        True,
        {"transport_document_reference": "", "delivery_type": DeliveryType.EXPORT},
        {},
    ),
    ("MISSING_CARBURE_DELIVERY_SITE", B, True, {"delivery_site": None}, {}),
    ("MISSING_CARBURE_DELIVERY_SITE", B, True, {"delivery_site": None, "delivery_type": DeliveryType.UNKNOWN}, {}),
    ("MISSING_CARBURE_DELIVERY_SITE", B, False, {"delivery_site": None, "delivery_type": DeliveryType.RFC}, {}),
    ("MISSING_CARBURE_DELIVERY_SITE", B, False, {"delivery_site": None, "delivery_site_country": C["DE"]}, {}),
    ("MISSING_CARBURE_CLIENT", B, True, {"client": None}, {}),
    ("MISSING_CARBURE_CLIENT", B, False, {"client": None, "delivery_type": DeliveryType.EXPORT}, {}),
    ("MISSING_CARBURE_CLIENT", B, False, {"client": None, "delivery_site_country": C["BE"]}, {}),
    ("MISSING_DELIVERY_DATE", B, True, {"delivery_date": None}, {}),
    ("MISSING_DELIVERY_DATE", B, False, {}, {}),
    ("WRONG_DELIVERY_DATE", B, True, {"delivery_date": TODAY - timedelta(days=3651)}, {}),
    ("WRONG_DELIVERY_DATE", B, False, {"delivery_date": TODAY - timedelta(days=3650)}, {"locked_years": frozenset()}),
    ("WRONG_DELIVERY_DATE", B, True, {"delivery_date": TODAY + timedelta(days=3651)}, {}),
    ("WRONG_DELIVERY_DATE", B, False, {"delivery_date": TODAY}, {}),
    ("MISSING_DELIVERY_SITE_COUNTRY", B, True, {"delivery_site_country": None}, {}),
    ("MISSING_DELIVERY_SITE_COUNTRY", B, False, {}, {}),
    ("MISSING_FEEDSTOCK_COUNTRY_OF_ORIGIN", B, True, {"country_of_origin": None}, {}),
    (
        "MISSING_FEEDSTOCK_COUNTRY_OF_ORIGIN",
        B,
        False,
        {"country_of_origin": None, "delivery_site_country": C["US"]},
        {},
    ),
    ("MISSING_SUPPLIER_CERTIFICATE", B, True, {"supplier_certificate": ""}, {}),
    ("MISSING_SUPPLIER_CERTIFICATE", B, True, {"supplier_certificate": "", "client": POWER}, {}),
    ("MISSING_SUPPLIER_CERTIFICATE", B, False, {"supplier_certificate": "", "vendor_certificate": "2BS-1"}, {}),
    ("MISSING_SUPPLIER_CERTIFICATE", B, False, {"supplier_certificate": "", "client": TRADER}, {}),
    ("MISSING_VENDOR_CERTIFICATE", B, True, {"added_by": TRADER}, {}),
    ("MISSING_VENDOR_CERTIFICATE", B, False, {"added_by": TRADER, "vendor_certificate": "ISCC-TR-1"}, {}),
    ("MISSING_VENDOR_CERTIFICATE", B, False, {"added_by": OPERATOR}, {}),
    ("MISSING_PRODUCTION_INFO", B, True, {"production_site_id": None}, {}),
    ("MISSING_PRODUCTION_INFO", B, True, {"producer": None}, {}),
    ("MISSING_PRODUCTION_INFO", B, False, {"producer": None, "added_by": replace(PRODUCER, has_trading=True)}, {}),
    ("MISSING_REF_DBL_COUNTING", B, True, {"feedstock": F["ALGUES"], "eec": 0}, {}),
    ("MISSING_REF_DBL_COUNTING", B, False, {"feedstock": F["ALGUES"], "eec": 0, "biofuel": BF["HVOC"]}, {}),
    (
        "MISSING_REF_DBL_COUNTING",
        B,
        False,
        {"feedstock": F["ALGUES"], "eec": 0, "double_counting_reference": "FR_1"},
        {},
    ),
    (
        "UNKNOWN_DOUBLE_COUNTING_CERTIFICATE",
        B,
        True,
        {"feedstock": F["ALGUES"], "eec": 0, "double_counting_reference": "FR_X"},
        {"double_counting": (DC,)},
    ),
    (
        "UNKNOWN_DOUBLE_COUNTING_CERTIFICATE",
        B,
        True,
        {"feedstock": F["ALGUES"], "eec": 0, "double_counting_reference": DC.certificate_id, "production_site_id": 11},
        {"double_counting": (DC,)},
    ),
    (
        "UNKNOWN_DOUBLE_COUNTING_CERTIFICATE",
        B,
        False,
        {"feedstock": F["ALGUES"], "eec": 0, "double_counting_reference": DC.certificate_id.lower()},
        {"double_counting": (DC,)},
    ),
    (
        "UNKNOWN_DOUBLE_COUNTING_CERTIFICATE",
        B,
        False,
        {"feedstock": F["ALGUES"], "eec": 0, "double_counting_reference": "FR_X", "has_parent": True},
        {},
    ),
    ("UNKNOWN_DOUBLE_COUNTING_CERTIFICATE", B, False, {"double_counting_reference": "FR_X"}, {}),
    (
        "EXPIRED_DOUBLE_COUNTING_CERTIFICATE",
        B,
        True,
        {
            "feedstock": F["ALGUES"],
            "eec": 0,
            "double_counting_reference": DC.certificate_id,
            "delivery_date": date(2027, 1, 1),
        },
        {"today": date(2027, 1, 10), "double_counting": (DC,)},
    ),
    (
        "EXPIRED_DOUBLE_COUNTING_CERTIFICATE",
        B,
        False,
        {
            "feedstock": F["ALGUES"],
            "eec": 0,
            "double_counting_reference": DC.certificate_id,
            "delivery_date": date(2026, 12, 31),
        },
        {"today": date(2027, 1, 10), "double_counting": (DC,)},
    ),
    (
        "EXPIRED_DOUBLE_COUNTING_CERTIFICATE",
        W,
        True,
        {
            "feedstock": F["ALGUES"],
            "eec": 0,
            "double_counting_reference": DC.certificate_id,
            "delivery_date": date(2026, 12, 31),
        },
        {"today": date(2027, 1, 10), "double_counting": (replace(DC, valid_until=date(2026, 12, 30)),)},
    ),
    (
        "EXPIRED_DOUBLE_COUNTING_CERTIFICATE",
        W,
        False,
        {
            "feedstock": F["ALGUES"],
            "eec": 0,
            "double_counting_reference": DC.certificate_id,
            "delivery_date": date(2026, 12, 30),
        },
        {"today": date(2027, 1, 10), "double_counting": (replace(DC, valid_until=date(2026, 12, 30)),)},
    ),
    (
        "INVALID_DOUBLE_COUNTING_CERTIFICATE",
        B,
        True,
        {
            "feedstock": F["ALGUES"],
            "eec": 0,
            "double_counting_reference": DC.certificate_id,
            "delivery_date": date(2024, 12, 31),
        },
        {"double_counting": (DC,)},
    ),
    (
        "INVALID_DOUBLE_COUNTING_CERTIFICATE",
        B,
        False,
        {
            "feedstock": F["ALGUES"],
            "eec": 0,
            "double_counting_reference": DC.certificate_id,
            "delivery_date": date(2025, 1, 1),
        },
        {"double_counting": (DC,)},
    ),
    ("MP_BC_INCOHERENT", B, True, {"biofuel": BF["EMHV"], "feedstock": F["HUILE_ALIMENTAIRE_USAGEE"], "eec": 0}, {}),
    (
        "MP_BC_INCOHERENT",
        B,
        False,
        {
            "biofuel": BF["EMHU"],
            "feedstock": F["HUILE_ALIMENTAIRE_USAGEE"],
            "eec": 0,
            "double_counting_reference": "FR_1",
        },
        {"has_account_data": False},
    ),
    ("MP_BC_INCOHERENT", B, True, {"biofuel": BF["EMAG"], "feedstock": F["BLE"]}, {}),
    (
        "MP_BC_INCOHERENT",
        B,
        True,
        {
            "biofuel": BF["ETH"],
            "feedstock": F["RAW_METHANOL_KRAFT_PULPING"],
            "eec": 0,
            "double_counting_reference": "FR_1",
        },
        {"has_account_data": False},
    ),
    (
        "MP_BC_INCOHERENT",
        B,
        False,
        {
            "biofuel": BF["MTBE"],
            "feedstock": F["RAW_METHANOL_KRAFT_PULPING"],
            "eec": 0,
            "double_counting_reference": "FR_1",
        },
        {"has_account_data": False},
    ),
    ("PROVENANCE_MP", W, True, {"country_of_origin": C["US"]}, {}),
    ("PROVENANCE_MP", W, False, {"country_of_origin": C["DE"]}, {}),
    (
        "PROVENANCE_MP",
        W,
        True,
        {
            "biofuel": BF["EMHV"],
            "feedstock": F["COLZA"],
            "country_of_origin": C["AO"],
            "eec": 33.4,
            "ep": 5,
            "etd": 1.8,
        },
        {},
    ),
    (
        "PROVENANCE_MP",
        W,
        False,
        {
            "biofuel": BF["EMHV"],
            "feedstock": F["COLZA"],
            "country_of_origin": C["CA"],
            "eec": 33.4,
            "ep": 5,
            "etd": 1.8,
        },
        {},
    ),
    (
        "PROVENANCE_MP",
        W,
        True,
        {"biofuel": BF["EMHV"], "feedstock": F["SOJA"], "country_of_origin": C["FR"], "eec": 22.1, "ep": 5, "etd": 8.9},
        {},
    ),
    (
        "DEPRECATED_MP",
        W,
        True,
        {"feedstock": F["RESIDUS_VINIQUES"], "eec": 0, "double_counting_reference": "FR_1"},
        {"has_account_data": False},
    ),
    ("DEPRECATED_MP", W, False, {}, {}),
    ("ETD_ANORMAL_HIGH", W, True, {"etd": 5.01}, {}),
    ("ETD_ANORMAL_HIGH", W, False, {"etd": 5.0}, {}),
    ("ETD_ANORMAL_HIGH", W, False, {"etd": 19.4, "feedstock": F["CANNE_A_SUCRE"], "country_of_origin": C["BR"]}, {}),
    ("ETD_ANORMAL_HIGH", W, True, {"etd": 19.41, "feedstock": F["CANNE_A_SUCRE"], "country_of_origin": C["BR"]}, {}),
    ("ETD_NO_EU_TOO_LOW", W, True, {"etd": 2.29, "country_of_origin": C["UA"]}, {}),
    ("ETD_NO_EU_TOO_LOW", W, True, {"etd": 2.29, "country_of_origin": None, "has_parent": True}, {}),
    ("ETD_NO_EU_TOO_LOW", W, False, {"etd": 2.3, "country_of_origin": C["UA"]}, {}),
    ("ETD_NO_EU_TOO_LOW", W, False, {"etd": 1.0, "country_of_origin": C["FR"]}, {}),
    ("EEC_ANORMAL_LOW", W, True, {"eec": 6.5}, {"eec_stats": {("BETTERAVE", "FR"): EecStat(9.6, 9.38)}}),
    ("EEC_ANORMAL_LOW", W, False, {"eec": 6.6}, {"eec_stats": {("BETTERAVE", "FR"): EecStat(9.6, 9.38)}}),
    ("EEC_ANORMAL_HIGH", W, True, {"eec": 12.49}, {"eec_stats": {("BETTERAVE", "FR"): EecStat(9.6, 9.38)}}),
    ("EEC_ANORMAL_HIGH", W, False, {"eec": 12.48}, {"eec_stats": {("BETTERAVE", "FR"): EecStat(9.6, 9.38)}}),
    ("EEC_ANORMAL_HIGH", W, False, {"eec": 30}, {"eec_stats": {("BETTERAVE", "DE"): EecStat(9.6, 10.59)}}),
    ("EP_ANORMAL_LOW", W, True, {"ep": 5.29}, {"ep_stats": {("BETTERAVE", "ETH"): EpStat(10.6, 38.3, 24.87)}}),
    ("EP_ANORMAL_LOW", W, False, {"ep": 5.3}, {"ep_stats": {("BETTERAVE", "ETH"): EpStat(10.6, 38.3, 24.87)}}),
    ("EP_ANORMAL_HIGH", W, True, {"ep": 57.46}, {"ep_stats": {("BETTERAVE", "ETH"): EpStat(10.6, 38.3, 24.87)}}),
    ("EP_ANORMAL_HIGH", W, False, {"ep": 57.44}, {"ep_stats": {("BETTERAVE", "ETH"): EpStat(10.6, 38.3, 24.87)}}),
    ("GHG_ETD_0", B, True, {"etd": 0}, {}),
    ("GHG_ETD_0", B, False, {"etd": 0.01}, {}),
    ("GHG_EP_0", B, True, {"ep": 0}, {}),
    ("GHG_EP_0", B, False, {"ep": 0.01}, {}),
    ("GHG_EL_NEG", W, True, {"el": -0.01}, {}),
    ("GHG_EL_NEG", W, False, {"el": 0}, {}),
    ("GHG_EEC_0", B, True, {"eec": 0}, {}),
    ("GHG_EEC_0", B, False, {"eec": 0, "feedstock": F["EP2"], "biofuel": BF["ETH"]}, {}),
    (
        "EEC_WITH_RESIDUE",
        W,
        True,
        {"feedstock": F["ALGUES"], "eec": 1, "double_counting_reference": "FR_1"},
        {"has_account_data": False},
    ),
    ("EEC_WITH_RESIDUE", W, False, {"feedstock": F["EP2"], "eec": 1}, {}),
    (
        "EEC_WITH_RESIDUE",
        W,
        False,
        {"feedstock": F["ALGUES"], "eec": 0, "double_counting_reference": "FR_1"},
        {"has_account_data": False},
    ),
    ("GHG_REDUC_SUP_100", W, True, {"ghg_reduction_red_ii": 100}, {}),
    ("GHG_REDUC_SUP_100", W, False, {"ghg_reduction_red_ii": 99.99}, {}),
    (
        "GHG_REDUC_SUP_100",
        W,
        True,
        {"delivery_date": date(2021, 6, 30), "ghg_reduction": 100, "ghg_reduction_red_ii": 70},
        {"has_account_data": False, "today": date(2021, 7, 1)},
    ),
    (
        "GHG_REDUC_SUP_100",
        W,
        False,
        {"delivery_date": date(2021, 7, 1), "ghg_reduction": 100, "ghg_reduction_red_ii": 70},
        {"has_account_data": False, "today": date(2021, 7, 1)},
    ),
    (
        "GHG_REDUC_SUP_100",
        W,
        True,
        {"delivery_date": None, "ghg_reduction": 50, "ghg_reduction_red_ii": 100},
        {"has_account_data": False},
    ),
    ("GHG_REDUC_SUP_99", W, True, {"ghg_reduction_red_ii": 99.01}, {}),
    ("GHG_REDUC_SUP_99", W, False, {"ghg_reduction_red_ii": 99}, {}),
    ("GHG_REDUC_SUP_99", W, False, {"ghg_reduction_red_ii": 100}, {}),
    ("GHG_REDUC_INF_50", B, True, {"ghg_reduction_red_ii": 49.99}, {}),
    ("GHG_REDUC_INF_50", B, False, {"ghg_reduction_red_ii": 50}, {}),
    (
        "GHG_REDUC_INF_50",
        B,
        True,
        {"delivery_date": date(2021, 6, 30), "ghg_reduction": 49.99, "ghg_reduction_red_ii": 60},
        {"has_account_data": False, "today": date(2021, 7, 1)},
    ),
    (
        "GHG_REDUC_INF_65",
        B,
        True,
        {"production_site_commissioning_date": date(2021, 1, 1), "ghg_reduction_red_ii": 64.99},
        {},
    ),
    (
        "GHG_REDUC_INF_65",
        B,
        False,
        {"production_site_commissioning_date": date(2020, 12, 31), "ghg_reduction_red_ii": 64.99},
        {},
    ),
    (
        "GHG_REDUC_INF_65",
        B,
        False,
        {"production_site_commissioning_date": date(2021, 1, 1), "ghg_reduction_red_ii": 65},
        {},
    ),
    (
        "GHG_REDUC_INF_60",
        B,
        True,
        {"production_site_commissioning_date": date(2015, 10, 6), "ghg_reduction_red_ii": 59.99},
        {},
    ),
    (
        "GHG_REDUC_INF_60",
        B,
        False,
        {"production_site_commissioning_date": date(2015, 10, 5), "ghg_reduction_red_ii": 59.99},
        {},
    ),
    (
        "GHG_REDUC_INF_60",
        B,
        False,
        {"production_site_commissioning_date": date(2021, 1, 1), "ghg_reduction_red_ii": 59.99},
        {},
    ),
    (
        "GHG_REDUC_INF_60",
        B,
        False,
        {"production_site_commissioning_date": None, "production_site_id": 10, "ghg_reduction_red_ii": 10},
        {},
    ),
    ("DECLARATION_ALREADY_VALIDATED", B, True, {}, {"declared_periods": frozenset({(PRODUCER.id, 202506)})}),
    (
        "DECLARATION_ALREADY_VALIDATED",
        B,
        True,
        {"lot_status": LotStatus.ACCEPTED, "correction_status": CorrectionStatus.IN_CORRECTION},
        {"declared_periods": frozenset({(PRODUCER.id, 202506)})},
    ),
    (
        "DECLARATION_ALREADY_VALIDATED",
        B,
        False,
        {"lot_status": LotStatus.PENDING},
        {"declared_periods": frozenset({(PRODUCER.id, 202506)})},
    ),
    ("DECLARATION_ALREADY_VALIDATED", B, False, {}, {"declared_periods": frozenset({(PRODUCER.id, 202505)})}),
    ("VOLUME_FAIBLE", W, True, {"volume_l": 1999.99}, {}),
    ("VOLUME_FAIBLE", W, False, {"volume_l": 2000}, {}),
    (
        "VOLUME_FAIBLE",
        W,
        False,
        {"volume_l": 10, "delivery_type": DeliveryType.RFC, "delivery_site": None, "client": None},
        {},
    ),
    ("YEAR_LOCKED", B, True, {}, {"locked_years": frozenset({2025})}),
    ("YEAR_LOCKED", B, False, {"lot_status": LotStatus.PENDING}, {"locked_years": frozenset({2025})}),
    ("YEAR_LOCKED", B, True, {"delivery_date": date(2015, 12, 31)}, {"today": date(2016, 1, 10)}),
    ("YEAR_LOCKED", B, False, {"delivery_date": date(2016, 1, 1)}, {"today": date(2016, 1, 10)}),
    ("MAC_BC_WRONG", B, True, {"delivery_type": DeliveryType.RFC, "biofuel": BF["ETBE"]}, {}),
    ("MAC_BC_WRONG", B, False, {"delivery_type": DeliveryType.RFC}, {}),
    ("MAC_NOT_EFPE", W, True, {"delivery_type": DeliveryType.RFC, "delivery_site": EFS}, {}),
    ("MAC_NOT_EFPE", W, False, {"delivery_type": DeliveryType.RFC}, {}),
    ("MAC_NOT_EFPE", W, False, {"delivery_site": EFS}, {}),
    ("DELIVERY_IN_THE_FUTURE", B, True, {"delivery_date": TODAY + timedelta(days=16)}, {}),
    ("DELIVERY_IN_THE_FUTURE", B, False, {"delivery_date": TODAY + timedelta(days=15)}, {}),
    ("DEPOT_NOT_CONFIGURED", W, True, {}, {"entity_depots": {OPERATOR.id: frozenset({EFS.depot_id})}}),
    ("DEPOT_NOT_CONFIGURED", W, False, {"delivery_type": DeliveryType.TRADING}, {"entity_depots": {}}),
    ("DEPOT_NOT_CONFIGURED", W, False, {}, {}),
    ("INVALID_CERTIFICATE", B, True, {"supplier_certificate": "UNKNOWN-1"}, {}),
    ("INVALID_CERTIFICATE", B, False, {"supplier_certificate": "iscc-eu-201-1"}, {}),
    ("INVALID_CERTIFICATE", B, True, {"delivery_date": date(2023, 12, 31)}, {}),
    ("INVALID_CERTIFICATE", B, False, {"delivery_date": date(2024, 1, 1)}, {}),
    ("INVALID_CERTIFICATE", B, True, {"delivery_date": date(2028, 1, 1)}, {"today": date(2028, 1, 5)}),
    ("INVALID_CERTIFICATE", B, True, {"delivery_date": date(2027, 12, 31)}, {"today": date(2028, 12, 31)}),
    ("INVALID_CERTIFICATE", B, False, {"delivery_date": date(2027, 12, 31)}, {"today": date(2028, 12, 30)}),
    ("INVALID_CERTIFICATE", B, False, {"supplier_certificate": ""}, {}),
    ("MISSING_DELIVERY_TYPE", B, True, {"delivery_type": DeliveryType.UNKNOWN, "client": None}, {}),
    ("MISSING_DELIVERY_TYPE", B, False, {"delivery_type": DeliveryType.UNKNOWN}, {}),
    ("MISSING_DELIVERY_TYPE", B, False, {"client": None}, {}),
]


def _id(case):
    code, blocking, raised, changes, world = case
    return (
        f"{code}-{'bloquant' if blocking else 'alerte'}-{'levé' if raised else 'non'}-{sorted(changes)}{sorted(world)}"
    )


@pytest.mark.parametrize(("code", "blocking", "raised", "changes", "world"), CASES, ids=[_id(c) for c in CASES])
def test_each_check_at_its_edges(code, blocking, raised, changes, world):
    results = run_checks(facts(**changes), context(**world))
    found = [r for r in results if r.code == code and r.blocking == blocking]
    assert bool(found) == raised, [(r.code, r.blocking) for r in results]


def test_every_check_of_the_table_has_a_raising_and_a_passing_case():
    covered = {(code, blocking, raised) for code, blocking, raised, _, _ in CASES}
    for check in CHECKS:
        assert (check.code, check.blocking, True) in covered, check.code
        assert (check.code, check.blocking, False) in covered, check.code


def test_the_good_lot_raises_nothing():
    assert run_checks(facts(), context()) == []


def test_anonymous_checks_skip_what_needs_account_data():
    lot = facts(client=None, delivery_site=None, supplier_certificate="UNKNOWN", etd=0)
    anonymous_codes = {r.code for r in run_checks(lot, anonymous())}
    signed_in_codes = {r.code for r in run_checks(lot, context())}
    assert anonymous_codes == {"GHG_ETD_0"}
    assert {"MISSING_CARBURE_CLIENT", "MISSING_CARBURE_DELIVERY_SITE", "INVALID_CERTIFICATE"} <= signed_in_codes
    assert anonymous_codes <= ANONYMOUS_CODES


def test_one_error_per_broken_compatibility_rule():
    # EMAG (a fat) from wheat: wheat is not compatible with fats, and wheat only makes alcohols.
    results = run_checks(facts(biofuel=BF["EMAG"], feedstock=F["BLE"]), anonymous())
    messages = [r.message for r in results if r.code == "MP_BC_INCOHERENT"]
    assert len(messages) == 2
    assert all(m.startswith("Biocarburant et matière première incompatibles : ") for m in messages)


def test_reduction_checks_are_exclusive_in_their_group():
    codes = [
        r.code
        for r in run_checks(
            facts(ghg_reduction_red_ii=40.0, production_site_commissioning_date=date(2022, 1, 1)), context()
        )
    ]
    assert codes.count("GHG_REDUC_INF_50") == 1
    assert "GHG_REDUC_INF_65" in codes and "GHG_REDUC_INF_60" not in codes
    assert "GHG_REDUC_SUP_99" not in codes


def test_audiences():
    results = {r.code: r for r in run_checks(facts(etd=6.0), context(entity_depots={}))}
    assert not results["ETD_ANORMAL_HIGH"].visible_to(Audience.CREATOR)
    assert results["ETD_ANORMAL_HIGH"].visible_to(Audience.ADMINISTRATION)
    assert results["DEPOT_NOT_CONFIGURED"].visible_to(Audience.RECIPIENT)
    assert not results["DEPOT_NOT_CONFIGURED"].visible_to(Audience.CREATOR)


def test_blocking_summary():
    assert has_blocking(run_checks(facts(etd=0), anonymous()))
    assert not has_blocking(run_checks(facts(el=-1), anonymous()))
