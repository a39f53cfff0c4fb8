"""The CRE's candidate file: its columns, value codes and the rules each row must follow.

`normalise_header` makes a header comparable (multi-line headers, typographic apostrophes,
spaces); `check_headers` lists what the header row lacks or must not have; `validate_row` turns
one row (normalised header -> text) into a `Candidature` or a list of `(column, message)`
problems in French. Pure: the referential is passed in.
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from transition.platform.geo.domain.territory import (
    departement_of_postal_code,
    normalise_postal_code,
    region_of_departement,
)

from . import referential as ref
from .cre_extras import parse_coordinates, parse_suppliers
from .identifiers import InvalidIdentifier, build


def normalise_header(header: str) -> str:
    text = unicodedata.normalize("NFC", header or "").replace("’", "'").replace("\ufeff", "")
    return " ".join(text.split())


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    champ: str | None = None  # the champ supplémentaire that makes the column required

    @property
    def name(self) -> str:
        return normalise_header(self.header)


# The 45 columns, in the CRE's order, with their headers as written in its file.
COLUMNS: tuple[Column, ...] = (
    Column("appelOffre", "Appel d'offres"),
    Column("période", "Période"),
    Column("famille", "Famille"),
    Column("numéroCRE", "N°CRE"),
    Column("nomProjet", "Nom projet"),
    Column("sociétéMère", "Société mère"),
    Column("nomCandidat", "Candidat"),
    Column("puissance", "puissance"),
    Column("prixReference", "prix_reference"),
    Column("noteTotale", "Note totale"),
    Column("nomReprésentantLégal", "Nom et prénom du représentant légal"),
    Column("emailContact", "Adresse électronique du contact"),
    Column("adresse1", "N°, voie, lieu-dit 1"),
    Column("adresse2", "N°, voie, lieu-dit 2"),
    Column("codePostal", "CP"),
    Column("commune", "Commune"),
    Column("statut", "Classé ?"),
    Column("motifÉlimination", "Motif d'élimination"),
    Column("puissanceALaPointe", "Engagement de fourniture de puissance à la pointe\n(AO ZNI)", "puissanceALaPointe"),
    Column(
        "evaluationCarboneSimplifiée",
        "Evaluation carbone simplifiée indiquée au C. du formulaire de candidature et arrondie (kg eq CO2/kWc)",
    ),
    Column("technologie", "Technologie\n(dispositif de production)"),
    Column(
        "typeGarantiesFinancières",
        "1. Garantie financière jusqu'à 6 mois après la date d'achèvement\n"
        "2. Garantie financière avec date d'échéance et à renouveler\n3. Consignation",
    ),
    Column("financementCollectif", "Financement collectif (Oui/Non)"),
    Column("gouvernancePartagée", "Gouvernance partagée (Oui/Non)"),
    Column("dateÉchéanceGf", "Date d'échéance au format JJ/MM/AAAA"),
    Column(
        "historiqueAbandon",
        "1. Lauréat d'aucun AO\n2. Abandon classique\n3. Abandon avec recandidature\n4. Lauréat d'un AO",
    ),
    Column("coefficientKChoisi", "indexation_k", "coefficientKChoisi"),
    Column("territoireProjet", "Territoire\n(AO ZNI)", "territoireProjet"),
    Column("puissanceDuProjetInitial", "puissance_projet_initial"),
    Column("typeInstallationsAgrivoltaïques", "Installations agrivoltaïques", "typologieInstallation"),
    Column("élémentsSousOmbrière", "Eléments sous l’ombrière", "typologieInstallation"),
    Column("typologieDeBâtiment", "Typologie de bâtiment", "typologieInstallation"),
    Column("obligationDeSolarisation", "Obligation de solarisation", "typologieInstallation"),
    Column("installateur", "Identité de l'installateur", "installateur"),
    Column(
        "installationAvecDispositifDeStockage",
        "Installation couplée à un dispositif de stockage",
        "dispositifDeStockage",
    ),
    Column("puissanceDuDispositifDeStockageEnKW", "Puissance du dispositif de stockage", "dispositifDeStockage"),
    Column("capacitéDuDispositifDeStockageEnKWh", "Capacité du dispositif de stockage", "dispositifDeStockage"),
    Column("natureDeLExploitation", "Nature de l'exploitation", "natureDeLExploitation"),
    Column("tauxPrévisionnelACI", "Taux d'autoconsommation individuelle (ACI) prévisionnel", "natureDeLExploitation"),
    Column("tauxPrévisionnelACC", "Taux d'autoconsommation collective (ACC) prévisionnel", "natureDeLExploitation"),
    Column("dateDAutorisation", "Date d'obtention de l'autorisation", "autorisation"),
    Column("numéroDAutorisation", "Numéro de l'autorisation", "autorisation"),
    Column("puissanceDeSite", "Puissance de site", "puissanceDeSite"),
    Column("numéroIdentification", "Numéro SIREN ou SIRET*"),
    Column("volumeRéservé", "Volume réservé"),
)
BY_KEY = {c.key: c for c in COLUMNS}
ALWAYS_REQUIRED = tuple(c.name for c in COLUMNS if c.champ is None)
FORBIDDEN_COLUMNS = {"notifiedOn": "Le champ notifiedOn ne peut pas être présent"}

# How a champ supplémentaire is named in messages.
CHAMP_LABELS = {
    "coefficientKChoisi": "choix du coefficient K",
    "puissanceDeSite": "puissance de site",
    "installateur": "installateur",
    "dispositifDeStockage": "dispositif de stockage",
    "natureDeLExploitation": "nature de l'exploitation",
    "typologieInstallation": "typologie de l'installation",
    "autorisation": "autorisation",
    "puissanceALaPointe": "puissance à la pointe",
    "territoireProjet": "territoire",
}
# Champs the CRE's template fills for every appel d'offres: tolerated (ignored) when the appel
# d'offres does not use them; the others are refused.
CHAMPS_TOLERATED = {"coefficientKChoisi", "puissanceALaPointe", "territoireProjet"}
ZNI_AO = {"CRE4 - ZNI", "CRE4 - ZNI 2017"}
# The column that says whether a champ is given (the others only detail it); else any column.
CHAMP_PRESENCE = {
    "dispositifDeStockage": "installationAvecDispositifDeStockage",
    "natureDeLExploitation": "natureDeLExploitation",
}

STATUTS = {"classé": "classé", "classe": "classé", "retenu": "classé", "éliminé": "éliminé", "eliminé": "éliminé"}
STATUTS.update({"elimine": "éliminé", "éliminée": "éliminé"})
TECHNOLOGIES = {
    "pv": "pv",
    "eolien": "eolien",
    "éolien": "eolien",
    "hydraulique": "hydraulique",
    "n/a": "N/A",
    "": "N/A",
}
TYPES_GF = {"1": "six-mois-après-achèvement", "2": "avec-date-échéance", "3": "consignation"}
# A correction names the type (the file's codes have none for the exemption or an unknown type).
TYPES_GF |= {name: name for name in (*TYPES_GF.values(), "exemption", "type-inconnu")}
HISTORIQUE_ABANDON = {
    "1": "première-candidature",
    "2": "abandon-classique",
    "3": "abandon-avec-recandidature",
    "4": "lauréat-autre-période",
}
AGRIVOLTAISME = {
    "culture": "agrivoltaïque.culture",
    "jachère de plus de 5 ans": "agrivoltaïque.jachère-plus-de-5-ans",
    "élevage": "agrivoltaïque.élevage",
    "serre": "agrivoltaïque.serre",
}
BATIMENTS = {
    "bâtiment neuf": "bâtiment.neuf",
    "bâtiment existant avec rénovation de toiture": "bâtiment.existant-avec-rénovation-de-toiture",
    "bâtiment existant sans rénovation de toiture": "bâtiment.existant-sans-rénovation-de-toiture",
    "mixte": "bâtiment.mixte",
}
NATURES_EXPLOITATION = {
    "vente avec injection du surplus": "autoconsommation-individuelle",
    "vente avec injection en totalité": "vente-avec-injection-en-totalité",
    "autoconsommation individuelle": "autoconsommation-individuelle",
}
EMPTY_DATES = {"", "00/01/1900"}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")


class CellError(ValueError):
    pass


@dataclass
class Candidature:
    appel_offre: str
    periode: str
    famille: str
    numero_cre: str
    identifiant: str
    values: dict = field(default_factory=dict)  # model field -> value
    details: dict = field(default_factory=dict)  # the rest, kept as the file gave it


# Cell parsers: text -> value, or CellError with a French message ---------------------------------


def parse_number(text: str, *, positive: bool = False) -> Decimal | None:
    if text == "":
        return None
    try:
        value = Decimal(text.replace(" ", "").replace("\u202f", "").replace(",", "."))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise CellError("Le champ doit être un nombre positif" if positive else "Le champ doit être un nombre")
    if positive and value <= 0:
        raise CellError("Le champ doit être un nombre positif")
    return value


def parse_bool(text: str) -> bool | None:
    value = text.strip().lower()
    if value == "":
        return None
    if value in ("oui", "true"):
        return True
    if value in ("non", "false"):
        return False
    raise CellError("Le champ doit valoir « Oui » ou « Non »")


def parse_date(text: str) -> dt.date | None:
    if text in EMPTY_DATES:
        return None
    if not _DATE.match(text):
        raise CellError("La date doit être au format JJ/MM/AAAA")
    day, month, year = (int(p) for p in text.split("/"))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError("La date a une valeur invalide") from None


def parse_percentage(text: str) -> Decimal | None:
    value = parse_number(text.rstrip("%").strip())
    if value is not None and not 0 <= value <= 100:
        raise CellError("Le taux doit être compris entre 0 et 100")
    return value


def parse_choice(text: str, choices: dict[str, str], message: str) -> str | None:
    if text == "":
        return None
    value = choices.get(normalise_header(text).lower())
    if value is None:
        raise CellError(message)
    return value


def parse_postal_codes(text: str) -> tuple[str, str, str]:
    """'13000' or '13000 / 13001' -> (codes joined ' / ', département of the first, its région)."""
    codes = [normalise_postal_code(part) for part in text.split("/") if part.strip()]
    if not codes:
        raise CellError("Le code postal est requis")
    departements = []
    for code in codes:
        departement = departement_of_postal_code(code)
        if departement is None:
            raise CellError(f"Le code postal {code} ne correspond à aucun département")
        departements.append(departement)
    return " / ".join(codes), departements[0], region_of_departement(departements[0]) or ""


def parse_identification(text: str) -> str:
    digits = re.sub(r"\D", "", text)
    if digits and len(digits) not in (9, 14):
        raise CellError("Le champ doit contenir un nombre de caractères valide (14 pour un SIRET, 9 pour un SIREN)")
    return digits


# Headers ------------------------------------------------------------------------------------------


def check_headers(headers) -> list[tuple[str, str]]:
    """Problems of the header row: [(column, message)]."""
    present = {normalise_header(h) for h in headers}
    problems = [(name, "Colonne obligatoire absente du fichier") for name in ALWAYS_REQUIRED if name not in present]
    for name, message in FORBIDDEN_COLUMNS.items():
        if name in present:
            problems.append((name, message))
    return problems


# Rows ---------------------------------------------------------------------------------------------


class _Row:
    """Reads cells by key and collects problems by column."""

    def __init__(self, cells: dict[str, str]):
        self.cells = cells
        self.problems: list[tuple[str, str]] = []
        self.today: dt.date | None = None

    def text(self, key: str) -> str:
        return (self.cells.get(BY_KEY[key].name) or "").strip()

    def has_column(self, key: str) -> bool:
        return BY_KEY[key].name in self.cells

    def error(self, key: str, message: str) -> None:
        self.problems.append((BY_KEY[key].name, message))

    def parse(self, key: str, parser, *args, **kwargs):
        try:
            return parser(self.text(key), *args, **kwargs)
        except CellError as exc:
            self.error(key, str(exc))
            return None

    def problems_for(self, keys) -> bool:
        names = {BY_KEY[k].name for k in keys}
        return any(column in names for column, _ in self.problems)

    def required(self, key: str, message: str = "Le champ est requis") -> str:
        value = self.text(key)
        if not value:
            self.error(key, message)
        return value


def _champ_columns(champ: str) -> list[str]:
    return [c.key for c in COLUMNS if c.champ == champ]


def validate_row(
    cells: dict[str, str], referential: dict, *, today: dt.date | None = None
) -> tuple[Candidature | None, list[tuple[str, str]]]:
    """One row of the CRE's file (normalised header -> text): the candidature, or its problems.
    `today` (the caller's date) bounds the dates that cannot be in the future."""
    row = _Row(cells)
    row.today = today
    ao_id = row.required("appelOffre")
    periode_id = row.required("période")
    famille_id = row.text("famille")
    numero = row.required("numéroCRE")
    ao = periode = famille = None
    if ao_id:
        try:
            ao = ref.find_appel_offres(referential, ao_id)
        except ref.ReferentialError as exc:
            row.error("appelOffre", str(exc))
    if ao and periode_id:
        try:
            periode = ref.find_periode(ao, periode_id)
        except ref.ReferentialError as exc:
            row.error("période", str(exc))
    if periode:
        if periode["type"] == "legacy":
            row.error("période", "Cette période est obsolète et ne peut être importée")
        try:
            famille = ref.find_famille(periode, famille_id)
        except ref.ReferentialError as exc:
            row.error("famille", str(exc))

    values: dict = {}
    details: dict = {}
    values["nom_projet"] = row.required("nomProjet")
    values["nom_candidat"] = row.required("nomCandidat")
    values["societe_mere"] = row.text("sociétéMère")
    values["nom_representant_legal"] = row.required("nomReprésentantLégal")
    email = row.required("emailContact").lower()
    if email and not _EMAIL.match(email):
        row.error("emailContact", "L'adresse électronique n'est pas valide")
    values["email_contact"] = email
    values["puissance_candidature"] = row.parse("puissance", parse_number, positive=True)
    if values["puissance_candidature"] is None and not any(p[0] == BY_KEY["puissance"].name for p in row.problems):
        row.error("puissance", "Le champ doit être un nombre positif")
    values["prix_reference"] = row.parse("prixReference", parse_number, positive=True)
    if values["prix_reference"] is None and not any(p[0] == BY_KEY["prixReference"].name for p in row.problems):
        row.error("prixReference", "Le champ doit être un nombre positif")
    values["note_totale"] = row.parse("noteTotale", parse_number)
    if values["note_totale"] is None and not any(p[0] == BY_KEY["noteTotale"].name for p in row.problems):
        row.error("noteTotale", "Le champ doit être un nombre")

    values["adresse1"], values["adresse2"] = row.text("adresse1"), row.text("adresse2")
    if not values["adresse1"] and not values["adresse2"]:
        row.error("adresse1", "Au moins une des deux lignes d'adresse est requise")
    if row.text("codePostal"):
        postal = row.parse("codePostal", parse_postal_codes)
        if postal:
            values["code_postal"], values["departement"], values["region"] = postal
    else:
        row.error("codePostal", "Le code postal est requis")
    values["commune"] = row.required("commune")

    statut_text = row.required("statut")
    statut = STATUTS.get(statut_text.lower()) if statut_text else None
    if statut_text and statut is None:
        row.error("statut", "Le statut doit être « Classé », « Retenu » ou « Éliminé »")
    values["statut_candidature"] = statut
    motif = row.text("motifÉlimination")
    if statut == "éliminé" and not motif:
        row.error("motifÉlimination", "Le motif d'élimination est requis pour une candidature éliminée")
    values["motif_elimination"] = motif if statut == "éliminé" else ""

    carbone = row.text("evaluationCarboneSimplifiée")
    if carbone.upper() in ("", "N/A"):
        details["evaluationCarboneSimplifiée"] = 0
    else:
        value = row.parse("evaluationCarboneSimplifiée", parse_number, positive=True)
        details["evaluationCarboneSimplifiée"] = float(value) if value is not None else None

    technologie = row.parse(
        "technologie",
        parse_choice,
        TECHNOLOGIES,
        "La technologie doit être « PV », « Eolien », « Hydraulique » ou « N/A »",
    ) or ("N/A" if not row.text("technologie") else None)
    if ao and technologie:
        available = ref.technologies(ao)
        if technologie != "N/A" and technologie not in available:
            row.error("technologie", "Cette technologie n'est pas disponible pour cet appel d'offres")
        elif technologie == "N/A" and ao["technologie"] == "multiples":
            row.error("technologie", "La technologie est requise pour cet appel d'offres")
    values["technologie"] = technologie or "N/A"

    rules = None
    if ao and periode and not row.problems_for(("appelOffre", "période", "famille", "technologie")):
        rules = ref.effective_rules(
            ao, periode, famille, None, technologie=technologie if technologie not in (None, "N/A") else None
        )

    # Financial guarantees.
    gf_text = row.text("typeGarantiesFinancières")
    type_gf = None
    if gf_text and gf_text.lower() != "n/a":
        type_gf = TYPES_GF.get(gf_text)
        if type_gf is None:
            row.error("typeGarantiesFinancières", "Le type de garanties financières doit valoir 1, 2 ou 3")
    echeance = row.parse("dateÉchéanceGf", parse_date)
    if statut == "classé" and ao_id.startswith("PPE2") and not type_gf and not gf_text:
        row.error("typeGarantiesFinancières", "Le type de garanties financières est requis pour cet appel d'offres")
    if rules and type_gf and type_gf not in rules.types_garanties:
        row.error(
            "typeGarantiesFinancières", "Ce type de garanties financières n'est pas disponible pour cet appel d'offres"
        )
    if (
        ao
        and statut == "classé"
        and not type_gf
        and not row.problems_for(("typeGarantiesFinancières",))
        and ref.soumis_aux_garanties(ao, famille) == "à la candidature"
    ):
        row.error("typeGarantiesFinancières", "Les garanties financières sont requises pour cet appel d'offres")
    needs_date = type_gf == "avec-date-échéance" and statut != "éliminé"
    if needs_date and echeance is None and not row.problems_for(("dateÉchéanceGf",)):
        row.error("dateÉchéanceGf", "La date d'échéance des garanties financières est requise")
    if echeance is not None and type_gf and type_gf != "avec-date-échéance":
        row.error("dateÉchéanceGf", "La date d'échéance ne peut être renseignée pour ce type de garanties financières")
    values["type_garanties"] = type_gf or ""
    values["date_echeance_garanties"] = echeance if type_gf == "avec-date-échéance" else None

    financement = row.parse("financementCollectif", parse_bool)
    gouvernance = row.parse("gouvernancePartagée", parse_bool)
    if financement and gouvernance:
        values["actionnariat"] = "financement-collectif-et-gouvernance-partagée"
    elif financement:
        values["actionnariat"] = "financement-collectif"
    elif gouvernance:
        values["actionnariat"] = "gouvernance-partagée"
    else:
        values["actionnariat"] = ""
    historique = row.required("historiqueAbandon")
    values["historique_abandon"] = HISTORIQUE_ABANDON.get(historique, "")
    if historique and historique not in HISTORIQUE_ABANDON:
        row.error("historiqueAbandon", "L'historique d'abandon doit valoir 1, 2, 3 ou 4")

    initial = row.parse("puissanceDuProjetInitial", parse_number, positive=True)
    if initial is not None:
        details["puissanceDuProjetInitial"] = float(initial)
    values["numero_identification"] = row.parse("numéroIdentification", parse_identification) or ""

    # Volume réservé.
    volume = row.parse("volumeRéservé", parse_bool)
    has_reserved_volume = bool(periode and periode.get("volume_reserve"))
    if has_reserved_volume and statut == "classé" and volume is None and not row.problems_for(("volumeRéservé",)):
        row.error("volumeRéservé", "Vous devez préciser si le projet appartient ou non au volume réservé de la période")
    if statut == "éliminé" and volume:
        row.error("volumeRéservé", "Un projet éliminé ne peut pas se trouver dans un volume réservé")
    if volume and periode and not has_reserved_volume:
        row.error("volumeRéservé", "Cette période n'a pas de volume réservé")
    values["volume_reserve"] = volume if has_reserved_volume else None

    if rules:
        _champs_supplementaires(row, rules, details, ao_id)
    suppliers = parse_suppliers(cells)
    if suppliers:
        details["fournisseurs"] = suppliers
    coordinates = parse_coordinates(cells)
    if coordinates:
        details["coordonnées"] = coordinates

    if row.problems:
        return None, row.problems
    try:
        ident = build(ao_id, periode_id, famille_id, numero)
    except InvalidIdentifier as exc:
        return None, [(BY_KEY["numéroCRE"].name, str(exc))]
    return Candidature(ao_id, periode_id, famille_id, numero, str(ident), values, details), []


def _champs_supplementaires(row: _Row, rules: ref.EffectiveRules, details: dict, ao_id: str) -> None:
    for champ, label in CHAMP_LABELS.items():
        status = ref.champ_status(rules, champ)
        keys = _champ_columns(champ)
        filled = [k for k in keys if row.text(k)]
        if champ == "territoireProjet":
            status = "requis" if ao_id in ZNI_AO else status
        if status == "requis" and not (row.text(CHAMP_PRESENCE[champ]) if champ in CHAMP_PRESENCE else filled):
            row.error(keys[0], f"Le champ {label} est requis pour cet appel d'offres")
        elif status == "absent" and filled and champ not in CHAMPS_TOLERATED:
            row.error(filled[0], f"Le champ {label} ne peut être renseigné pour cet appel d'offres")
        if status == "absent":
            continue
        if champ == "coefficientKChoisi":
            value = row.parse("coefficientKChoisi", parse_bool)
            if value is None and status == "défaut":
                value = rules.champs_supplementaires[champ].get("valeur")
            details["coefficientKChoisi"] = value
        elif champ == "puissanceALaPointe":
            details["puissanceALaPointe"] = bool(row.parse("puissanceALaPointe", parse_bool))
        elif champ == "territoireProjet":
            details["territoireProjet"] = row.text("territoireProjet")
        elif champ == "puissanceDeSite":
            value = row.parse("puissanceDeSite", parse_number, positive=True)
            details["puissanceDeSite"] = float(value) if value is not None else None
        elif champ == "installateur":
            details["installateur"] = row.text("installateur")
        elif champ == "dispositifDeStockage":
            avec = row.parse("installationAvecDispositifDeStockage", parse_bool)
            puissance = row.parse("puissanceDuDispositifDeStockageEnKW", parse_number, positive=True)
            capacite = row.parse("capacitéDuDispositifDeStockageEnKWh", parse_number, positive=True)
            if avec and (puissance is None or capacite is None):
                row.error(
                    "installationAvecDispositifDeStockage",
                    "La capacité et la puissance du dispositif de stockage sont requises",
                )
            details["dispositifDeStockage"] = {
                "installationAvecDispositifDeStockage": avec,
                "puissanceEnKW": float(puissance) if puissance is not None else None,
                "capacitéEnKWh": float(capacite) if capacite is not None else None,
            }
        elif champ == "natureDeLExploitation":
            nature = row.parse(
                "natureDeLExploitation",
                parse_choice,
                NATURES_EXPLOITATION,
                "La nature de l'exploitation doit être « Vente avec injection du surplus », "
                "« Vente avec injection en totalité » ou « Autoconsommation individuelle »",
            )
            aci = row.parse("tauxPrévisionnelACI", parse_percentage)
            acc = row.parse("tauxPrévisionnelACC", parse_percentage)
            details["natureDeLExploitation"] = {
                "type": nature,
                "tauxPrévisionnelACI": float(aci) if aci is not None else None,
                "tauxPrévisionnelACC": float(acc) if acc is not None else None,
            }
        elif champ == "autorisation":
            date = row.parse("dateDAutorisation", parse_date)
            if date and row.today and date > row.today:
                row.error(
                    "dateDAutorisation", "La date d'obtention de l'autorisation doit être antérieure à la date du jour"
                )
            numero = row.text("numéroDAutorisation")
            if date and numero:
                details["autorisation"] = {"date": date.isoformat(), "numéro": numero}
        elif champ == "typologieInstallation":
            typologies = []
            agri = row.parse(
                "typeInstallationsAgrivoltaïques",
                parse_choice,
                AGRIVOLTAISME,
                "Le type d'installation agrivoltaïque doit être culture, jachère de plus de 5 ans, élevage ou serre",
            )
            if agri:
                typologies.append({"typologie": agri})
            batiment = row.parse(
                "typologieDeBâtiment",
                parse_choice,
                BATIMENTS,
                "La typologie de bâtiment doit être « Bâtiment neuf », « Bâtiment existant avec rénovation de "
                "toiture », « Bâtiment existant sans rénovation de toiture » ou « Mixte »",
            )
            if batiment:
                typologies.append({"typologie": batiment})
            ombriere = row.text("élémentsSousOmbrière")
            if ombriere:
                typologies.append({"typologie": "ombrière.autre", "détails": ombriere})
            solarisation = row.parse("obligationDeSolarisation", parse_bool)
            details["typologieInstallation"] = typologies
            if solarisation is not None:
                details["obligationDeSolarisation"] = solarisation
