"""Building CRE files and projects for the tests."""

import csv
import io

from transition.products.potentiel.domain.candidatures import COLUMNS

HEADERS = [c.header for c in COLUMNS]


def cre_row(**overrides) -> dict:
    """A valid classé row of PPE2 - Bâtiment, période 1, by header key (Column.key)."""
    row = {
        "appelOffre": "PPE2 - Bâtiment",
        "période": "1",
        "famille": "",
        "numéroCRE": "12",
        "nomProjet": "Du boulodrome de Marseille",
        "sociétéMère": "",
        "nomCandidat": "Soleil du Midi SAS",
        "puissance": "1,5",
        "prixReference": "85,3",
        "noteTotale": "42",
        "nomReprésentantLégal": "Valentin Cognito",
        "emailContact": "porteur@example.org",
        "adresse1": "12 avenue du Prado",
        "adresse2": "",
        "codePostal": "13008",
        "commune": "Marseille",
        "statut": "Classé",
        "motifÉlimination": "",
        "puissanceALaPointe": "",
        "evaluationCarboneSimplifiée": "N/A",
        "technologie": "PV",
        "typeGarantiesFinancières": "2",
        "financementCollectif": "Non",
        "gouvernancePartagée": "Oui",
        "dateÉchéanceGf": "01/12/2030",
        "historiqueAbandon": "1",
        "coefficientKChoisi": "Non",
        "territoireProjet": "",
        "puissanceDuProjetInitial": "",
        "typeInstallationsAgrivoltaïques": "",
        "élémentsSousOmbrière": "",
        "typologieDeBâtiment": "",
        "obligationDeSolarisation": "",
        "installateur": "",
        "installationAvecDispositifDeStockage": "",
        "puissanceDuDispositifDeStockageEnKW": "",
        "capacitéDuDispositifDeStockageEnKWh": "",
        "natureDeLExploitation": "",
        "tauxPrévisionnelACI": "",
        "tauxPrévisionnelACC": "",
        "dateDAutorisation": "",
        "numéroDAutorisation": "",
        "puissanceDeSite": "",
        "numéroIdentification": "542 051 180 00096",
        "volumeRéservé": "Non",
    }
    row.update(overrides)
    return row


def cre_csv(rows, *, encoding: str = "cp1252", headers=None, drop=()) -> bytes:
    """The CRE's file: `;`, every header (multi-line ones quoted), in `encoding`."""
    columns = [c for c in COLUMNS if c.key not in drop]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers or [c.header for c in columns])
    for row in rows:
        writer.writerow([row.get(c.key, "") for c in columns])
    return buffer.getvalue().encode(encoding)
