"""Correcting a candidature, table-driven: a stored candidature is written back as its CRE row,
corrected, and read by the import's rules plus the correction's own."""

import datetime as dt

import pytest

from tests.products.potentiel.factories import cre_row
from transition.products.potentiel.domain import candidatures as c
from transition.products.potentiel.domain import corrections as k
from transition.products.potentiel.domain.cre_extras import parse_coordinates
from transition.products.potentiel.domain.referential import load_referential

REF = load_referential()
TODAY = dt.date(2026, 1, 15)
PETIT_PV = {
    "appelOffre": "PPE2 - Petit PV Bâtiment",
    "typeGarantiesFinancières": "3",
    "dateÉchéanceGf": "",
    "volumeRéservé": "",
    "puissanceDeSite": "100",
    "installationAvecDispositifDeStockage": "Oui",
    "puissanceDuDispositifDeStockageEnKW": "6",
    "capacitéDuDispositifDeStockageEnKWh": "3",
    "natureDeLExploitation": "Vente avec injection en totalité",
    "typologieDeBâtiment": "Bâtiment neuf",
    "dateDAutorisation": "10/08/2024",
    "numéroDAutorisation": "PC-1",
    "installateur": "Installateur Junior",
}


def stored(**overrides):
    """A candidature as the import stores it: (identification, values, details)."""
    cells = {c.BY_KEY[key].name: value for key, value in cre_row(**overrides).items()}
    candidature, problems = c.validate_row(cells, REF, today=TODAY)
    assert problems == []
    identification = (candidature.appel_offre, candidature.periode, candidature.famille, candidature.numero_cre)
    return identification, candidature


def correct(changes: dict, *, notified=False, regenerate=False, **overrides):
    identification, candidature = stored(**overrides)
    cells = k.candidature_cells(identification, candidature.values, candidature.details)
    return k.correct(
        (candidature.values, candidature.details),
        cells,
        {c.BY_KEY[key].name: value for key, value in changes.items()},
        REF,
        identifiant=candidature.identifiant,
        notified=notified,
        regenerate=regenerate,
        today=TODAY,
    )


@pytest.mark.parametrize(
    "overrides", [{}, PETIT_PV, {"statut": "Éliminé", "motifÉlimination": "Prix", "volumeRéservé": ""}]
)
def test_a_stored_candidature_reads_back_as_itself(overrides):
    identification, candidature = stored(**overrides)
    cells = k.candidature_cells(identification, candidature.values, candidature.details)
    again, problems = c.validate_row(cells, REF, today=TODAY)
    assert problems == []
    assert (again.values, again.details) == (candidature.values, candidature.details)


def test_coordinates_go_back_to_degrees_minutes_seconds():
    cells = k.degrees_cells("latitude", 43.2965) | k.degrees_cells("longitude", -5.3698)
    assert parse_coordinates(cells) == {"latitude": 43.2965, "longitude": -5.3698}


@pytest.mark.parametrize(
    "changes, notified, regenerate, overrides, message",
    [
        ({"période": "x"}, False, False, {}, "La période spécifiée de l'appel d'offres n'existe pas"),
        ({"appelOffre": "x"}, False, False, {}, "L'appel d'offres spécifié n'existe pas"),
        ({"numéroCRE": "999"}, False, False, {}, k.NOT_FOUND),
        ({}, False, False, {}, k.NO_CHANGE),
        ({"nomCandidat": "Soleil du Midi SAS"}, False, False, {}, k.NO_CHANGE),
        (
            {"nomCandidat": "abcd"},
            False,
            True,
            {},
            "L'attestation d'une candidature non notifiée ne peut pas être régénérée",
        ),
        (
            {"statut": "Éliminé", "motifÉlimination": "Prix"},
            True,
            False,
            {},
            "Le statut d'une candidature ne peut être modifié après la notification",
        ),
        (
            {"statut": "Classé"},
            True,
            False,
            {"statut": "Éliminé", "motifÉlimination": "Prix", "volumeRéservé": ""},
            "Le statut d'une candidature ne peut être modifié après la notification",
        ),
        (
            {"typeGarantiesFinancières": "1", "dateÉchéanceGf": ""},
            True,
            False,
            {},
            "Le type de garanties financières d'une candidature ne peut être modifié après la notification",
        ),
        (
            {"typeGarantiesFinancières": "exemption", "dateÉchéanceGf": ""},
            False,
            False,
            {},
            "Ce type de garanties financières n'est pas disponible pour cet appel d'offres",
        ),
        (
            {"typeGarantiesFinancières": "1"},
            False,
            False,
            {},
            "La date d'échéance ne peut être renseignée pour ce type de garanties financières",
        ),
        (
            {"puissanceDeSite": ""},
            False,
            False,
            PETIT_PV,
            "Le champ puissance de site est requis pour cet appel d'offres",
        ),
        (
            {"installationAvecDispositifDeStockage": ""},
            False,
            False,
            PETIT_PV,
            "Le champ dispositif de stockage est requis pour cet appel d'offres",
        ),
        (
            {"dateDAutorisation": "10/08/2070"},
            False,
            False,
            PETIT_PV,
            "La date d'obtention de l'autorisation doit être antérieure à la date du jour",
        ),
        (
            {"coefficientKChoisi": ""},
            False,
            False,
            PETIT_PV,
            "Le champ choix du coefficient K est requis pour cet appel d'offres",
        ),
    ],
)
def test_refused_corrections(changes, notified, regenerate, overrides, message):
    corrected, messages = correct(changes, notified=notified, regenerate=regenerate, **overrides)
    assert corrected is None
    assert messages == [message]


@pytest.mark.parametrize(
    "changes, notified, regenerate, overrides, field, value",
    [
        ({"nomCandidat": "abcd"}, False, False, {}, "nom_candidat", "abcd"),
        ({"adresse1": "ma nouvelle adresse"}, True, False, {}, "adresse1", "ma nouvelle adresse"),
        ({"nomCandidat": "abcd"}, True, True, {}, "nom_candidat", "abcd"),
        ({"installateur": "Installateur Senior"}, False, False, PETIT_PV, "installateur", "Installateur Senior"),
        (
            {"dateDAutorisation": "01/07/2025"},
            False,
            False,
            PETIT_PV,
            "autorisation",
            {"date": "2025-07-01", "numéro": "PC-1"},
        ),
    ],
)
def test_accepted_corrections(changes, notified, regenerate, overrides, field, value):
    corrected, messages = correct(changes, notified=notified, regenerate=regenerate, **overrides)
    assert messages == []
    assert {**corrected.values, **corrected.details}[field] == value


@pytest.mark.parametrize(
    "before, after, columns",
    [
        ({"statut_candidature": "classé"}, {"statut_candidature": "éliminé"}, ["Classé ?"]),
        (
            {"type_garanties": "consignation"},
            {"type_garanties": "exemption"},
            [c.BY_KEY["typeGarantiesFinancières"].name],
        ),
        ({"type_garanties": ""}, {"type_garanties": None}, []),
        ({"statut_candidature": "classé", "nom_projet": "a"}, {"statut_candidature": "classé", "nom_projet": "b"}, []),
    ],
)
def test_what_the_notification_decided(before, after, columns):
    assert [column for column, _ in k.notified_problems(before, after)] == columns


@pytest.mark.parametrize(
    "latitude, longitude, problems",
    [
        ("", "", []),
        ("43,2965", "5.3698", []),
        ("43.2", "", ["La latitude et la longitude se corrigent ensemble"]),
        ("nord", "5", ["La latitude et la longitude doivent être des nombres (degrés décimaux)"]),
        ("91", "5", ["La latitude doit être comprise entre -90 et 90, la longitude entre -180 et 180"]),
    ],
)
def test_coordinates_typed_by_the_administration(latitude, longitude, problems):
    assert k.coordinates_problems(latitude, longitude)[1] == problems
