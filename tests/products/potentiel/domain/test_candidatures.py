"""Rows of the CRE's file, table-driven: each rule gives its column and its French message."""

import datetime as dt
from decimal import Decimal

import pytest

from tests.products.potentiel.factories import cre_row
from transition.products.potentiel.domain import candidatures as c
from transition.products.potentiel.domain.referential import load_referential

REF = load_referential()


def cells(**overrides) -> dict:
    return {c.BY_KEY[k].name: v for k, v in cre_row(**overrides).items()}


def problems(**overrides) -> list[tuple[str, str]]:
    candidature, found = c.validate_row(cells(**overrides), REF)
    assert (candidature is None) == bool(found)
    return found


def col(key: str) -> str:
    return c.BY_KEY[key].name


def test_a_valid_row_gives_its_candidature():
    candidature, found = c.validate_row(cells(), REF)
    assert found == []
    assert candidature.identifiant == "PPE2 - Bâtiment#1##12"
    v = candidature.values
    assert v["puissance_candidature"] == Decimal("1.5")
    assert v["prix_reference"] == Decimal("85.3")
    assert v["statut_candidature"] == "classé"
    assert v["type_garanties"] == "avec-date-échéance"
    assert v["date_echeance_garanties"] == dt.date(2030, 12, 1)
    assert v["actionnariat"] == "gouvernance-partagée"
    assert v["historique_abandon"] == "première-candidature"
    assert (v["code_postal"], v["departement"], v["region"]) == ("13008", "13", "93")
    assert v["numero_identification"] == "54205118000096"
    assert v["volume_reserve"] is False
    assert candidature.details["coefficientKChoisi"] is False


def test_forty_five_columns_and_multi_line_headers():
    assert len(c.COLUMNS) == 45
    assert len({col.name for col in c.COLUMNS}) == 45
    assert c.normalise_header("Technologie\n(dispositif de production)") == "Technologie (dispositif de production)"
    assert c.normalise_header("Eléments sous l’ombrière") == "Eléments sous l'ombrière"


def test_columns_match_the_original_format(shared_data):
    import json

    fmt = json.loads((shared_data / "potentiel" / "potentiel_candidatures_format.json").read_text(encoding="utf-8"))
    assert [(col.key, col.name) for col in c.COLUMNS] == [
        (column["key"], c.normalise_header(column["header"])) for column in fmt["columns"]
    ]


@pytest.mark.parametrize(
    ("overrides", "column", "message"),
    [
        ({"appelOffre": "inexistant"}, "appelOffre", "L'appel d'offres spécifié n'existe pas"),
        ({"période": "812"}, "période", "La période spécifiée de l'appel d'offres n'existe pas"),
        (
            {"appelOffre": "CRE4 - Autoconsommation ZNI", "période": "1", "typeGarantiesFinancières": ""},
            "période",
            "Cette période est obsolète et ne peut être importée",
        ),
        ({"famille": "9"}, "famille", "La famille spécifiée de la période n'existe pas"),
        ({"numéroCRE": ""}, "numéroCRE", "Le champ est requis"),
        ({"nomProjet": ""}, "nomProjet", "Le champ est requis"),
        ({"puissance": "-1"}, "puissance", "Le champ doit être un nombre positif"),
        ({"puissance": "douze"}, "puissance", "Le champ doit être un nombre positif"),
        ({"puissance": ""}, "puissance", "Le champ doit être un nombre positif"),
        ({"prixReference": "0"}, "prixReference", "Le champ doit être un nombre positif"),
        ({"noteTotale": "beaucoup"}, "noteTotale", "Le champ doit être un nombre"),
        ({"emailContact": "porteur-at-example"}, "emailContact", "L'adresse électronique n'est pas valide"),
        ({"adresse1": "", "adresse2": ""}, "adresse1", "Au moins une des deux lignes d'adresse est requise"),
        ({"codePostal": "00400"}, "codePostal", "Le code postal 00400 ne correspond à aucun département"),
        ({"statut": "Peut-être"}, "statut", "Le statut doit être « Classé », « Retenu » ou « Éliminé »"),
        (
            {"statut": "Éliminé", "motifÉlimination": "", "volumeRéservé": ""},
            "motifÉlimination",
            "Le motif d'élimination est requis pour une candidature éliminée",
        ),
        (
            {"technologie": "Eolien"},
            "technologie",
            "Cette technologie n'est pas disponible pour cet appel d'offres",
        ),
        (
            {"typeGarantiesFinancières": "", "dateÉchéanceGf": ""},
            "typeGarantiesFinancières",
            "Le type de garanties financières est requis pour cet appel d'offres",
        ),
        (
            {"dateÉchéanceGf": ""},
            "dateÉchéanceGf",
            "La date d'échéance des garanties financières est requise",
        ),
        (
            {"typeGarantiesFinancières": "1"},
            "dateÉchéanceGf",
            "La date d'échéance ne peut être renseignée pour ce type de garanties financières",
        ),
        ({"dateÉchéanceGf": "31/02/2030"}, "dateÉchéanceGf", "La date a une valeur invalide"),
        ({"dateÉchéanceGf": "2030-12-01"}, "dateÉchéanceGf", "La date doit être au format JJ/MM/AAAA"),
        (
            {"typeGarantiesFinancières": "7"},
            "typeGarantiesFinancières",
            "Le type de garanties financières doit valoir 1, 2 ou 3",
        ),
        ({"historiqueAbandon": "5"}, "historiqueAbandon", "L'historique d'abandon doit valoir 1, 2, 3 ou 4"),
        ({"financementCollectif": "peut-être"}, "financementCollectif", "Le champ doit valoir « Oui » ou « Non »"),
        (
            {"numéroIdentification": "1234"},
            "numéroIdentification",
            "Le champ doit contenir un nombre de caractères valide (14 pour un SIRET, 9 pour un SIREN)",
        ),
        (
            {"volumeRéservé": ""},
            "volumeRéservé",
            "Vous devez préciser si le projet appartient ou non au volume réservé de la période",
        ),
        (
            {"statut": "Eliminé", "motifÉlimination": "Prix", "volumeRéservé": "oui"},
            "volumeRéservé",
            "Un projet éliminé ne peut pas se trouver dans un volume réservé",
        ),
        (
            {"période": "10", "coefficientKChoisi": ""},
            "coefficientKChoisi",
            "Le champ choix du coefficient K est requis pour cet appel d'offres",
        ),
        (
            {"puissanceDeSite": "200"},
            "puissanceDeSite",
            "Le champ puissance de site ne peut être renseigné pour cet appel d'offres",
        ),
        (
            {"installationAvecDispositifDeStockage": "non"},
            "installationAvecDispositifDeStockage",
            "Le champ dispositif de stockage ne peut être renseigné pour cet appel d'offres",
        ),
        (
            {"installateur": "M. Bricolage"},
            "installateur",
            "Le champ installateur ne peut être renseigné pour cet appel d'offres",
        ),
        (
            {
                "appelOffre": "CRE4 - ZNI",
                "période": "1",
                "famille": "1",
                "territoireProjet": "",
                "typeGarantiesFinancières": "",
            },
            "territoireProjet",
            "Le champ territoire est requis pour cet appel d'offres",
        ),
    ],
)
def test_refused_rows(overrides, column, message):
    assert (col(column), message) in problems(**overrides)


PETIT_PV = {
    "appelOffre": "PPE2 - Petit PV Bâtiment",
    "volumeRéservé": "",
    "puissanceDeSite": "100",
    "installationAvecDispositifDeStockage": "oui",
    "puissanceDuDispositifDeStockageEnKW": "3",
    "capacitéDuDispositifDeStockageEnKWh": "4",
    "natureDeLExploitation": "Vente avec injection en totalité",
    "dateDAutorisation": "01/02/2025",
    "numéroDAutorisation": "PC-13-2025",
    "typologieDeBâtiment": "Bâtiment neuf",
}


def test_petit_pv_with_its_required_fields():
    candidature, found = c.validate_row(cells(**PETIT_PV), REF)
    assert found == []
    assert candidature.details["puissanceDeSite"] == 100
    assert candidature.details["dispositifDeStockage"]["capacitéEnKWh"] == 4
    assert candidature.details["natureDeLExploitation"]["type"] == "vente-avec-injection-en-totalité"
    assert candidature.details["autorisation"] == {"date": "2025-02-01", "numéro": "PC-13-2025"}
    assert candidature.details["typologieInstallation"] == [{"typologie": "bâtiment.neuf"}]


@pytest.mark.parametrize(
    ("overrides", "column", "message"),
    [
        ({"puissanceDeSite": ""}, "puissanceDeSite", "Le champ puissance de site est requis pour cet appel d'offres"),
        (
            {"capacitéDuDispositifDeStockageEnKWh": ""},
            "installationAvecDispositifDeStockage",
            "La capacité et la puissance du dispositif de stockage sont requises",
        ),
        ({"tauxPrévisionnelACI": "120"}, "tauxPrévisionnelACI", "Le taux doit être compris entre 0 et 100"),
        # the main column says whether the champ is given, whatever its detail columns hold
        (
            {"installationAvecDispositifDeStockage": ""},
            "installationAvecDispositifDeStockage",
            "Le champ dispositif de stockage est requis pour cet appel d'offres",
        ),
        (
            {"natureDeLExploitation": "", "tauxPrévisionnelACI": "50"},
            "natureDeLExploitation",
            "Le champ nature de l'exploitation est requis pour cet appel d'offres",
        ),
        (
            {"typeGarantiesFinancières": "1", "dateÉchéanceGf": ""},
            "typeGarantiesFinancières",
            "Ce type de garanties financières n'est pas disponible pour cet appel d'offres",
        ),
    ],
)
def test_petit_pv_refusals(overrides, column, message):
    assert (col(column), message) in problems(**{**PETIT_PV, **overrides})


@pytest.mark.parametrize(
    ("overrides", "found"),
    [
        ({**PETIT_PV, "typeGarantiesFinancières": "exemption", "dateÉchéanceGf": ""}, []),
        ({**PETIT_PV, "typeGarantiesFinancières": "avec-date-échéance"}, []),
        (
            {"typeGarantiesFinancières": "exemption", "dateÉchéanceGf": ""},
            [
                (
                    "typeGarantiesFinancières",
                    "Ce type de garanties financières n'est pas disponible pour cet appel d'offres",
                )
            ],
        ),
        (
            {"typeGarantiesFinancières": "garantie-bancaire", "dateÉchéanceGf": ""},
            [("typeGarantiesFinancières", "Le type de garanties financières doit valoir 1, 2 ou 3")],
        ),
    ],
)
def test_a_guarantee_type_by_its_name(overrides, found):
    """A correction names the type (no code of the file gives the exemption)."""
    assert problems(**overrides) == [(col(column), message) for column, message in found]


def test_authorisation_date_not_in_the_future():
    future = cells(**{**PETIT_PV, "dateDAutorisation": "10/08/2070"})
    _, found = c.validate_row(future, REF, today=dt.date(2025, 6, 1))
    assert (
        col("dateDAutorisation"),
        "La date d'obtention de l'autorisation doit être antérieure à la date du jour",
    ) in found


@pytest.mark.parametrize(
    ("overrides", "field", "expected"),
    [
        ({"statut": "retenu"}, "statut_candidature", "classé"),
        ({"statut": "ELIMINÉ", "motifÉlimination": "Prix", "volumeRéservé": ""}, "statut_candidature", "éliminé"),
        ({"codePostal": "1000"}, "code_postal", "01000"),
        ({"codePostal": "13001/ 13002"}, "code_postal", "13001 / 13002"),
        ({"codePostal": "20000"}, "departement", "2A"),
        ({"codePostal": "97411"}, "region", "04"),
        (
            {"financementCollectif": "oui", "gouvernancePartagée": "oui"},
            "actionnariat",
            "financement-collectif-et-gouvernance-partagée",
        ),
        ({"financementCollectif": "TRUE", "gouvernancePartagée": ""}, "actionnariat", "financement-collectif"),
        ({"typeGarantiesFinancières": "3", "dateÉchéanceGf": "00/01/1900"}, "type_garanties", "consignation"),
        ({"emailContact": "Porteur@Example.org"}, "email_contact", "porteur@example.org"),
        ({"numéroIdentification": "542 051 180"}, "numero_identification", "542051180"),
    ],
)
def test_value_codes(overrides, field, expected):
    candidature, found = c.validate_row(cells(**overrides), REF)
    assert found == []
    assert candidature.values[field] == expected


def test_headers_check():
    headers = [col.header for col in c.COLUMNS if col.key != "nomProjet"] + ["notifiedOn"]
    found = c.check_headers(headers)
    assert ("Nom projet", "Colonne obligatoire absente du fichier") in found
    assert ("notifiedOn", "Le champ notifiedOn ne peut pas être présent") in found
    # A column tied to a champ supplémentaire may be absent from the header.
    assert c.check_headers([col.header for col in c.COLUMNS if col.key != "puissanceDeSite"]) == []


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (("43", "17", "47,4", "N", "5", "22", "11,28", "E"), {"latitude": 43.2965, "longitude": 5.369800}),
        (("21", "0", "0", "S", "55", "30", "0", "E"), {"latitude": -21.0, "longitude": 55.5}),
        (("48", "0", "0", "N", "1", "30", "0", "O"), {"latitude": 48.0, "longitude": -1.5}),
        (("48", "61", "0", "N", "1", "30", "0", "O"), None),  # minutes out of range
        (("48", "0", "0", "X", "1", "30", "0", "O"), None),  # unknown cardinal
        (("", "0", "0", "N", "1", "30", "0", "O"), None),
    ],
)
def test_coordinates_in_degrees_minutes_seconds(values, expected):
    headers = [
        f"{axis} ({unit})"
        for axis in ("Latitude", "Longitude")
        for unit in ("degrés", "minutes", "secondes", "cardinal")
    ]
    extra = dict(zip(headers, values, strict=True))
    found = c.parse_coordinates(extra)
    if expected is None:
        assert found is None
    else:
        assert found == pytest.approx(expected, abs=1e-4)
        candidature, problems_found = c.validate_row({**cells(), **extra}, REF)
        assert problems_found == []
        assert candidature.details["coordonnées"] == found


def test_suppliers_columns():
    extra = {
        c.normalise_header("Nom du fabricant\n(Cellules) 1"): "AAA",
        c.normalise_header("Lieu(x) de fabrication (Cellules) 1"): "Chine",
        c.normalise_header("Nom du fabricant (Plaquettes de silicium (wafers)) 2"): "BBB",
        c.normalise_header("Nom du fabricant (Structure) 1"): "",
        c.normalise_header("Lieu(x) de fabrication (Structure) 1"): "France",  # no name: not a supplier
    }
    candidature, found = c.validate_row({**cells(), **extra}, REF)
    assert found == []
    assert candidature.details["fournisseurs"] == [
        {"type": "cellules", "nomDuFabricant": "AAA", "lieuDeFabrication": "Chine"},
        {"type": "plaquettes-silicium", "nomDuFabricant": "BBB", "lieuDeFabrication": ""},
    ]
