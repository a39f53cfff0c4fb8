import pytest

from transition.products.chaleur.domain.bulk_results import (
    LEGEND,
    RESULT_COLUMNS,
    TYPE_LABELS,
    BulkOutcome,
    changes,
    connectable_to_existing,
    reliability,
    result_row,
)


def outcome(**kw):
    base = {
        "type": "reseau_existant_proche",
        "eligible": True,
        "distance_m": 150,
        "in_pdp": False,
        "futur_network": False,
        "network_national_id": "1301C",
        "renewable_share_pct": 62.0,
        "co2_acv_g_per_kwh": 95,
        "untraced_network_in_commune": False,
    }
    base.update(kw)
    return BulkOutcome(**base)


def test_columns_are_the_published_ones():
    assert len(RESULT_COLUMNS) == 12
    assert RESULT_COLUMNS[0] == "Adresse"
    assert RESULT_COLUMNS[-1] == "Présence d'un réseau non localisé sur la commune"
    assert [name for name, _ in LEGEND] == list(RESULT_COLUMNS)


@pytest.mark.parametrize(
    ("type_", "untraced", "expected"),
    [
        ("dans_pdp_reseau_existant", False, "Oui"),
        ("reseau_existant_tres_proche", False, "Oui"),
        ("reseau_existant_proche", False, "Oui"),
        ("reseau_existant_loin", False, "À confirmer"),
        ("dans_ville_reseau_existant_sans_trace", True, "À confirmer"),
        ("trop_eloigne", True, "À confirmer"),
        ("reseau_futur_proche", False, "Non"),
        ("trop_eloigne", False, "Non"),
    ],
)
def test_connectable(type_, untraced, expected):
    assert connectable_to_existing(outcome(type=type_, untraced_network_in_commune=untraced)) == expected


def test_every_type_has_a_label():
    assert len(TYPE_LABELS) == 11


def test_result_row():
    row = result_row(address="1 rue A", tested_label="1 Rue A 13001 Marseille", score=0.873, outcome=outcome())
    assert row == [
        "1 rue A",
        "1 Rue A 13001 Marseille",
        87,
        "Réseau existant proche",
        "Oui",
        150,
        "Non",
        "Non",
        "1301C",
        62.0,
        95,
        "Non",
    ]
    far = result_row(address="x", tested_label="x", score=1, outcome=outcome(type="trop_eloigne", distance_m=1500))
    assert far[5] is None
    missing = result_row(address="zzz", tested_label="", score=None, outcome=None, error="Adresse non trouvée.")
    assert missing[:4] == ["zzz", "Adresse non trouvée.", None, ""]


@pytest.mark.parametrize(("score", "value"), [(None, None), (0, 0), (1, 100), (1.3, 100), (0.505, 50)])
def test_reliability(score, value):
    assert reliability(score) == value


def test_changes():
    before = outcome()
    after = outcome(type="reseau_existant_tres_proche", distance_m=80)
    assert changes(before, after) == [
        "type d’éligibilité : Réseau existant proche → Réseau existant très proche",
        "distance au réseau : 150 m → 80 m",
    ]
    assert changes(before, before) == []
    assert changes(None, before) == ["adresse désormais testée"]


def test_outcome_round_trips_through_json():
    o = outcome()
    assert BulkOutcome.from_dict(o.as_dict()) == o
