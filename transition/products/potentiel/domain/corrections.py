"""Correcting a candidature (the DGEC, before or after notification).

A correction goes through the very rules of the CRE's file: `candidature_cells` writes a stored
candidature back as the cells of its row, the corrected cells replace some of them, and
`candidatures.validate_row` reads the result. `correction_problems` then adds what only a
correction can break (table `CORRECTION_RULES`): the candidature is named by its identifiant (a
new période or numéro CRE names another one), nothing may change once notified that the
notification decided (the ranking, the type of financial guarantees), and the attestation is
regenerated only for a notified candidature that changed. Pure: no Django.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from . import candidatures as c
from .cre_extras import SUPPLIER_TYPES

# The fields the administration corrects, by the CRE's column key, in the page's order (the
# identification columns are not there: a correction names its candidature).
CORRECTABLE = (
    "nomProjet",
    "nomCandidat",
    "sociétéMère",
    "nomReprésentantLégal",
    "emailContact",
    "adresse1",
    "adresse2",
    "codePostal",
    "commune",
    "puissance",
    "prixReference",
    "noteTotale",
    "statut",
    "motifÉlimination",
    "technologie",
    "typeGarantiesFinancières",
    "dateÉchéanceGf",
    "financementCollectif",
    "gouvernancePartagée",
    "historiqueAbandon",
    "coefficientKChoisi",
    "puissanceDeSite",
    "installateur",
    "installationAvecDispositifDeStockage",
    "puissanceDuDispositifDeStockageEnKW",
    "capacitéDuDispositifDeStockageEnKWh",
    "natureDeLExploitation",
    "dateDAutorisation",
    "numéroDAutorisation",
    "numéroIdentification",
    "volumeRéservé",
)
IDENTIFICATION = ("appelOffre", "période", "famille", "numéroCRE")
COORDINATES = ("latitude", "longitude")
CARDINAL = {"latitude": ("N", "S"), "longitude": ("E", "O")}

NOT_FOUND = "La candidature n'existe pas"
NO_CHANGE = "La candidature ne contient aucune modification"


def _inverse(mapping: dict[str, str]) -> dict[str, str]:
    """value -> the first text of the file that gives it."""
    inverse: dict[str, str] = {}
    for text, value in mapping.items():
        inverse.setdefault(value, text)
    return inverse


GF_CODES = _inverse(c.TYPES_GF)
HISTORIQUE_CODES = _inverse(c.HISTORIQUE_ABANDON)
NATURE_TEXTS = _inverse(c.NATURES_EXPLOITATION)
TYPOLOGIE_TEXTS = _inverse({**c.AGRIVOLTAISME, **c.BATIMENTS})
SUPPLIER_LABELS = _inverse(SUPPLIER_TYPES)


def _number(value) -> str:
    if value is None or value == "":
        return ""
    text = f"{Decimal(str(value)).normalize():f}"
    return text.replace(".", ",")


def _yes_no(value) -> str:
    return "" if value is None else ("Oui" if value else "Non")


def _date(value) -> str:
    if not value:
        return ""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return day.strftime("%d/%m/%Y")


def degrees_cells(axis: str, value: float) -> dict[str, str]:
    """A coordinate in decimal degrees as the file's four columns (degrés, minutes, secondes,
    cardinal), read back by `cre_extras.parse_coordinates`."""
    positive, negative = CARDINAL[axis]
    magnitude = abs(Decimal(str(value)))
    degrees = int(magnitude)
    minutes = int((magnitude - degrees) * 60)
    seconds = (magnitude - degrees) * 3600 - minutes * 60
    label = axis.capitalize()
    return {
        f"{label} (degrés)": str(degrees),
        f"{label} (minutes)": str(minutes),
        f"{label} (secondes)": _number(round(seconds, 6)),
        f"{label} (cardinal)": positive if value >= 0 else negative,
    }


def _details_cells(details: dict) -> dict[str, str]:
    cells = {
        "coefficientKChoisi": _yes_no(details.get("coefficientKChoisi")),
        "puissanceALaPointe": _yes_no(details.get("puissanceALaPointe")),
        "territoireProjet": details.get("territoireProjet") or "",
        "puissanceDeSite": _number(details.get("puissanceDeSite")),
        "installateur": details.get("installateur") or "",
        "puissanceDuProjetInitial": _number(details.get("puissanceDuProjetInitial")),
        "obligationDeSolarisation": _yes_no(details.get("obligationDeSolarisation")),
    }
    carbone = details.get("evaluationCarboneSimplifiée")
    cells["evaluationCarboneSimplifiée"] = "N/A" if not carbone else _number(carbone)
    stockage = details.get("dispositifDeStockage") or {}
    cells["installationAvecDispositifDeStockage"] = _yes_no(stockage.get("installationAvecDispositifDeStockage"))
    cells["puissanceDuDispositifDeStockageEnKW"] = _number(stockage.get("puissanceEnKW"))
    cells["capacitéDuDispositifDeStockageEnKWh"] = _number(stockage.get("capacitéEnKWh"))
    nature = details.get("natureDeLExploitation") or {}
    cells["natureDeLExploitation"] = NATURE_TEXTS.get(nature.get("type"), "")
    cells["tauxPrévisionnelACI"] = _number(nature.get("tauxPrévisionnelACI"))
    cells["tauxPrévisionnelACC"] = _number(nature.get("tauxPrévisionnelACC"))
    autorisation = details.get("autorisation") or {}
    cells["dateDAutorisation"] = _date(autorisation.get("date"))
    cells["numéroDAutorisation"] = autorisation.get("numéro") or ""
    for typologie in details.get("typologieInstallation") or []:
        kind = typologie.get("typologie", "")
        if kind.startswith("agrivoltaïque."):
            cells["typeInstallationsAgrivoltaïques"] = TYPOLOGIE_TEXTS.get(kind, "")
        elif kind.startswith("bâtiment."):
            cells["typologieDeBâtiment"] = TYPOLOGIE_TEXTS.get(kind, "")
        elif kind.startswith("ombrière."):
            cells["élémentsSousOmbrière"] = typologie.get("détails", "")
    return cells


def candidature_cells(identification: tuple[str, str, str, str], values: dict, details: dict) -> dict[str, str]:
    """A stored candidature as its row of the CRE's file (normalised header -> text):
    `identification` is (appel d'offres, période, famille, numéro CRE), `values` the model's
    fields, `details` the rest of the row as the import kept it."""
    actionnariat = values.get("actionnariat") or ""
    by_key = dict(zip(IDENTIFICATION, identification, strict=True))
    by_key |= {
        "nomProjet": values.get("nom_projet") or "",
        "sociétéMère": values.get("societe_mere") or "",
        "nomCandidat": values.get("nom_candidat") or "",
        "puissance": _number(values.get("puissance_candidature")),
        "prixReference": _number(values.get("prix_reference")),
        "noteTotale": _number(values.get("note_totale")),
        "nomReprésentantLégal": values.get("nom_representant_legal") or "",
        "emailContact": values.get("email_contact") or "",
        "adresse1": values.get("adresse1") or "",
        "adresse2": values.get("adresse2") or "",
        "codePostal": values.get("code_postal") or "",
        "commune": values.get("commune") or "",
        "statut": {"classé": "Classé", "éliminé": "Éliminé"}.get(values.get("statut_candidature"), ""),
        "motifÉlimination": values.get("motif_elimination") or "",
        "technologie": values.get("technologie") or "N/A",
        "typeGarantiesFinancières": GF_CODES.get(values.get("type_garanties"), values.get("type_garanties") or ""),
        "dateÉchéanceGf": _date(values.get("date_echeance_garanties")),
        "financementCollectif": _yes_no("financement-collectif" in actionnariat),
        "gouvernancePartagée": _yes_no("gouvernance-partagée" in actionnariat),
        "historiqueAbandon": HISTORIQUE_CODES.get(values.get("historique_abandon"), ""),
        "numéroIdentification": values.get("numero_identification") or "",
        "volumeRéservé": _yes_no(values.get("volume_reserve")),
    }
    by_key |= _details_cells(details)
    cells = {column.name: by_key.get(column.key, "") for column in c.COLUMNS}
    coordinates = details.get("coordonnées") or {}
    if all(axis in coordinates for axis in COORDINATES):
        for axis in COORDINATES:
            cells |= degrees_cells(axis, coordinates[axis])
    for number, supplier in enumerate(details.get("fournisseurs") or [], start=1):
        label = SUPPLIER_LABELS.get(supplier.get("type"))
        if label:
            cells[f"Nom du fabricant ({label}) {number}"] = supplier.get("nomDuFabricant", "")
            cells[f"Lieu(x) de fabrication ({label}) {number}"] = supplier.get("lieuDeFabrication", "")
    return cells


def coordinates_problems(latitude: str, longitude: str) -> tuple[dict | None, list[str]]:
    """Decimal degrees typed by the administration: both or neither, within the globe."""
    if not latitude and not longitude:
        return None, []
    if not latitude or not longitude:
        return None, ["La latitude et la longitude se corrigent ensemble"]
    try:
        values = {"latitude": float(latitude.replace(",", ".")), "longitude": float(longitude.replace(",", "."))}
    except ValueError:
        return None, ["La latitude et la longitude doivent être des nombres (degrés décimaux)"]
    if not -90 <= values["latitude"] <= 90 or not -180 <= values["longitude"] <= 180:
        return None, ["La latitude doit être comprise entre -90 et 90, la longitude entre -180 et 180"]
    return values, []


# The keys of `details` the CRE's row gives (the rest of `details` is kept by a correction).
ROW_DETAILS = frozenset(
    {*c.CHAMP_LABELS, "evaluationCarboneSimplifiée", "puissanceDuProjetInitial", "obligationDeSolarisation"}
    | {"fournisseurs", "coordonnées"}
)


@dataclass(frozen=True)
class Correction:
    """What a correction rule looks at: the stored candidature and the corrected row."""

    identifiant: str
    values: dict  # stored: model field -> value
    details: dict  # stored
    after: c.Candidature
    notified: bool
    regenerate: bool

    @property
    def unchanged(self) -> bool:
        keys = set(self.after.details) | (set(self.details) & ROW_DETAILS)
        return all(self.values.get(f) == v for f, v in self.after.values.items()) and all(
            self.details.get(k) == self.after.details.get(k) for k in keys
        )


# Rules that only a correction can break, in the order they are reported: (broken?, message).
CORRECTION_RULES = (
    (lambda k: k.after.identifiant != k.identifiant, NOT_FOUND),
    (lambda k: k.unchanged, NO_CHANGE),
    (
        lambda k: k.regenerate and not k.notified,
        "L'attestation d'une candidature non notifiée ne peut pas être régénérée",
    ),
)
# What the notification decided, which no correction (nor new import) changes afterwards.
NOTIFIED_RULES = (
    ("statut_candidature", "statut", "Le statut d'une candidature ne peut être modifié après la notification"),
    (
        "type_garanties",
        "typeGarantiesFinancières",
        "Le type de garanties financières d'une candidature ne peut être modifié après la notification",
    ),
)


def notified_problems(before: dict, after: dict) -> list[tuple[str, str]]:
    """(column, message) for each value the notification fixed that `after` changes."""
    return [
        (c.BY_KEY[key].name, message)
        for field, key, message in NOTIFIED_RULES
        if (before.get(field) or "") != (after.get(field) or "")
    ]


def correction_problems(correction: Correction) -> list[str]:
    for broken, message in CORRECTION_RULES:
        if broken(correction):
            return [message]  # the candidature named, or the correction itself, is wrong: nothing else
    return []


def correct(
    stored: tuple[dict, dict],
    cells: dict[str, str],
    changes: dict[str, str],
    referential: dict,
    *,
    identifiant: str,
    notified: bool,
    regenerate: bool = False,
    today: dt.date | None = None,
) -> tuple[c.Candidature | None, list[str]]:
    """The corrected candidature, or the French messages of what refuses it. `stored`: the
    candidature's (values, details); `cells`: the same as its row (`candidature_cells`);
    `changes`: normalised header -> new text."""
    values, details = stored
    row = {**cells, **changes}
    if notified:  # what the notification decided is refused first, whatever else the row says
        decided = {
            "statut_candidature": c.STATUTS.get(row.get(c.BY_KEY["statut"].name, "").strip().lower()),
            "type_garanties": c.TYPES_GF.get(row.get(c.BY_KEY["typeGarantiesFinancières"].name, "").strip()),
        }
        refused = notified_problems(values, decided)
        if refused:
            return None, [message for _, message in refused]
    after, problems = c.validate_row(row, referential, today=today)
    if after is None:
        return None, list(dict.fromkeys(message for _, message in problems))
    messages = correction_problems(Correction(identifiant, values, details, after, notified, regenerate))
    return (None, messages) if messages else (after, [])
