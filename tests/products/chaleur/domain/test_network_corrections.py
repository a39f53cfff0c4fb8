import pytest

from transition.products.chaleur.domain.network_corrections import (
    BY_NAME,
    CorrectionError,
    changes_between,
    stale_fields,
    value_read,
)


@pytest.mark.parametrize(
    "name, raw, expected",
    [
        ("network.renewable_rate_pct", "72,5", 72.5),
        ("network.renewable_rate_pct", "", None),
        ("network.delivery_points", "1 200", 1200),
        ("network.creation_year", "1960", 1960),
        ("network.classified", "oui", True),
        ("network.classified", "non", False),
        ("network.classified", "inconnu", None),
        ("network.name", "  Réseau de la Roseraie ", "Réseau de la Roseraie"),
        ("contact.email", "raccordement@reseau.fr", "raccordement@reseau.fr"),
        ("contact.phone", "+33 2 41 00 00 00", "+33 2 41 00 00 00"),
        ("contact.website", "https://reseau.fr", "https://reseau.fr"),
        ("contact.website", "", ""),
    ],
)
def test_value_read(name, raw, expected):
    assert value_read(BY_NAME[name], raw) == expected


@pytest.mark.parametrize(
    "name, raw, reason",
    [
        ("network.renewable_rate_pct", "101", "entre 0 et 100 %"),
        ("network.renewable_rate_pct", "beaucoup", "un nombre est attendu"),
        ("network.delivery_points", "12,5", "nombre entier"),
        ("network.creation_year", "1700", "entre 1850 et 2100"),
        ("network.classified", "peut-être", "oui, non ou inconnu"),
        ("contact.email", "pas une adresse", "adresse électronique invalide"),
        ("contact.phone", "appelez-nous", "téléphone invalide"),
        ("contact.website", "javascript:alert(1)", "https://"),
        ("network.name", "x" * 300, "255 caractères"),
    ],
)
def test_value_refused_in_french(name, raw, reason):
    with pytest.raises(CorrectionError) as error:
        value_read(BY_NAME[name], raw)
    assert reason in str(error.value)


def test_changes_and_staleness():
    current = {"network.name": "A", "network.renewable_rate_pct": 60.0, "contact.email": ""}
    proposed = {"network.name": "A", "network.renewable_rate_pct": 65.0, "contact.email": "x@y.fr", "unknown": 1}
    changes = changes_between(current, proposed)
    assert changes == {
        "network.renewable_rate_pct": {"from": 60.0, "to": 65.0},
        "contact.email": {"from": "", "to": "x@y.fr"},
    }
    assert stale_fields(changes, current) == []
    assert stale_fields(changes, {**current, "network.renewable_rate_pct": 61.0}) == ["network.renewable_rate_pct"]
