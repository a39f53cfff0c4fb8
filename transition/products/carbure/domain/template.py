"""The lot template (the original's Excel columns) and how one row of it is read.

Reading checks formats only: numbers, dates, units, delivery types, lengths. Codes (biofuel,
feedstock, countries) and names (sites, clients, depots) are resolved afterwards, against the
referentials and the importing entity's directory (`lot_construction.py`). Every problem is a
`Finding` with the original's code where it has one, the template column and a French message.
"""

import math
from dataclasses import dataclass, field
from datetime import date

from .dates import DateFormatError, parse_date
from .ghg import TERMS, normalised_term
from .quantities import Unit, parse_unit
from .vocabulary import DELIVERY_TYPE_LABELS, TEMPLATE_DELIVERY_TYPES, DeliveryType

MAX_TEXT = 255


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    help: str
    example: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("champ_libre", "Champ libre", "Texte libre, pour vos références internes.", "Commande 2025-117"),
    Column("producer", "Producteur", "Nom du producteur ; vide si vous êtes le producteur.", ""),
    Column("production_site", "Site de production", "Nom du site de production.", "Usine de Bazancourt"),
    Column("production_site_reference", "Certificat du site", "Certificat de durabilité du site.", "ISCC-FR-2025-001"),
    Column("production_site_country", "Pays de production", "Code ISO à deux lettres du pays du site.", "FR"),
    Column(
        "production_site_commissioning_date",
        "Mise en service du site",
        "Date de mise en service du site (obligatoire si le site n’est pas enregistré).",
        "2012-09-01",
    ),
    Column(
        "double_counting_registration",
        "Agrément double comptage",
        "Numéro d’agrément double comptage (matières premières éligibles).",
        "",
    ),
    Column("supplier", "Fournisseur", "Nom du fournisseur ; vide si vous êtes le fournisseur.", ""),
    Column("supplier_certificate", "Certificat du fournisseur", "Certificat de durabilité du fournisseur.", ""),
    Column("vendor_certificate", "Certificat du négociant", "Votre certificat, quand vous êtes intermédiaire.", ""),
    Column("volume", "Volume (litres)", "Volume en litres, ou bien quantité et unité.", "34500"),
    Column("quantity", "Quantité", "Quantité dans l’unité de la colonne « unit ».", ""),
    Column("unit", "Unité", "l (litres), kg ou mj (mégajoules PCI).", ""),
    Column("biocarburant_code", "Biocarburant", "Code du biocarburant (onglet Biocarburants).", "ETH"),
    Column(
        "matiere_premiere_code",
        "Matière première",
        "Code de la matière première (onglet MatieresPremieres).",
        "BETTERAVE",
    ),
    Column(
        "pays_origine_code", "Pays d’origine", "Code ISO à deux lettres du pays d’origine de la matière première.", "FR"
    ),
    Column("eec", "eec", "Émissions de l’extraction ou de la culture (gCO2eq/MJ).", "9.6"),
    Column("el", "el", "Émissions des changements d’affectation des sols (gCO2eq/MJ, peut être négatif).", "0"),
    Column("ep", "ep", "Émissions de la transformation (gCO2eq/MJ).", "18.8"),
    Column("etd", "etd", "Émissions du transport et de la distribution (gCO2eq/MJ).", "2.3"),
    Column("eu", "eu", "Émissions du carburant à l’usage (gCO2eq/MJ).", "0"),
    Column("esca", "esca", "Réductions : accumulation du carbone dans les sols (gCO2eq/MJ).", "0"),
    Column("eccs", "eccs", "Réductions : captage et stockage géologique du carbone (gCO2eq/MJ).", "0"),
    Column("eccr", "eccr", "Réductions : captage et remplacement du carbone (gCO2eq/MJ).", "0"),
    Column("eee", "eee", "Réductions : excédent d’électricité de cogénération (gCO2eq/MJ).", "0"),
    Column("dae", "Document douanier", "Numéro du DAE ou du document d’accompagnement.", "25FRA000123456789012"),
    Column("client", "Client", "Nom du client tel qu’inscrit sur CarbuRe.", "Raffinerie de Provence"),
    Column("delivery_date", "Date de livraison", "AAAA-MM-JJ, JJ/MM/AAAA, JJ/MM/AA ou date Excel.", "2025-06-16"),
    Column("delivery_site", "Site de livraison", "Identifiant douanier ou nom du dépôt.", "FR0000000001"),
    Column("delivery_site_country", "Pays de livraison", "Code ISO du pays, si le dépôt n’est pas enregistré.", "FR"),
    Column(
        "delivery_type", "Type de livraison", "RFC, STOCK, BLENDING, EXPORT, TRADING, PROCESSING, DIRECT…", "BLENDING"
    ),
    Column("carbure_stock_id", "Stock d’origine", "Identifiant CarbuRe du stock dont le lot est extrait.", ""),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
IGNORED_COLUMNS = frozenset({"mac"})  # written by the original for some entities, never read
TEXT_COLUMNS = (
    "champ_libre",
    "producer",
    "production_site",
    "production_site_reference",
    "production_site_country",
    "double_counting_registration",
    "supplier",
    "supplier_certificate",
    "vendor_certificate",
    "biocarburant_code",
    "matiere_premiere_code",
    "pays_origine_code",
    "dae",
    "client",
    "delivery_site",
    "delivery_site_country",
    "carbure_stock_id",
)


@dataclass(frozen=True)
class Finding:
    code: str
    blocking: bool
    column: str | None
    message: str


@dataclass
class ParsedRow:
    text: dict[str, str] = field(default_factory=dict)
    amount: float | None = None
    unit: Unit | None = None
    terms: dict[str, float] = field(default_factory=dict)
    delivery_date: date | None = None
    commissioning_date: date | None = None
    delivery_type: DeliveryType = DeliveryType.UNKNOWN

    def get(self, column: str) -> str:
        return self.text.get(column, "")


def normalise_header(name) -> str:
    return str(name or "").strip().lower()


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # an identifier typed as a number reads back as 1234.0
    return str(value).strip()


def is_blank(raw: dict) -> bool:
    return all(cell_text(raw.get(name)) == "" for name in COLUMN_NAMES)


def parse_number(value) -> float | None:
    """None for an empty cell; a finite float (French decimal comma and spaces accepted), or ValueError."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("booléen")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
        if not text:
            return None
        if "," in text and "." in text:
            raise ValueError("séparateurs ambigus")
        number = float(text.replace(",", "."))
    if not math.isfinite(number):
        raise ValueError("non fini")
    return number


def _delivery_type(text: str) -> DeliveryType | None:
    if not text:
        return DeliveryType.UNKNOWN
    upper = text.strip().upper()
    for delivery_type in TEMPLATE_DELIVERY_TYPES:
        if upper == delivery_type.value or upper == DELIVERY_TYPE_LABELS[delivery_type].upper():
            return delivery_type
    return None


def parse_row(raw: dict) -> tuple[ParsedRow, list[Finding]]:
    """`raw` maps (normalised) template column names to cell values."""
    row = ParsedRow()
    findings: list[Finding] = []

    def error(code: str, column: str, message: str) -> None:
        findings.append(Finding(code, True, column, message))

    for name in TEXT_COLUMNS:
        text = cell_text(raw.get(name))
        if len(text) > MAX_TEXT:
            error("TEXT_TOO_LONG", name, f"Ce texte dépasse {MAX_TEXT} caractères.")
            text = text[:MAX_TEXT]
        row.text[name] = text

    try:
        volume = parse_number(raw.get("volume"))
        quantity = parse_number(raw.get("quantity"))
    except ValueError:
        error("VOLUME_FORMAT_INCORRECT", "volume", "Le volume ou la quantité n’est pas un nombre.")
        volume = quantity = None
    unit_text = cell_text(raw.get("unit"))
    unit = parse_unit(unit_text) if unit_text else None
    if unit_text and unit is None:
        error("UNKNOWN_UNIT", "unit", f"Unité « {unit_text} » inconnue : écrivez l, kg ou mj.")
    if quantity is not None and unit is not None:
        row.amount, row.unit = quantity, unit
    elif quantity is not None and not unit_text:
        error("VOLUME_FORMAT_INCORRECT", "unit", "Une quantité sans unité : précisez l, kg ou mj.")
    elif volume is not None:
        row.amount, row.unit = volume, Unit.LITRE
    if row.amount is not None and row.amount < 0:
        error("VOLUME_FORMAT_INCORRECT", "volume", "Le volume ne peut pas être négatif.")
        row.amount = None

    for term in TERMS:
        try:
            value = parse_number(raw.get(term))
        except ValueError:
            error("WRONG_FLOAT_FORMAT", term, f"La valeur de {term} n’est pas un nombre.")
            continue
        row.terms[term] = normalised_term(term, value or 0.0)

    try:
        row.delivery_date = parse_date(raw.get("delivery_date"))
    except DateFormatError as problem:
        error("INCORRECT_FORMAT_DELIVERY_DATE", "delivery_date", str(problem))
    try:
        row.commissioning_date = parse_date(raw.get("production_site_commissioning_date"))
    except DateFormatError as problem:
        error("INCORRECT_FORMAT_COMMISSIONING_DATE", "production_site_commissioning_date", str(problem))

    delivery_type_text = cell_text(raw.get("delivery_type"))
    delivery_type = _delivery_type(delivery_type_text)
    if delivery_type is None:
        accepted = ", ".join(sorted(t.value for t in TEMPLATE_DELIVERY_TYPES))
        error(
            "UNKNOWN_DELIVERY_TYPE",
            "delivery_type",
            f"Type de livraison « {delivery_type_text} » inconnu ({accepted}).",
        )
    else:
        row.delivery_type = delivery_type
    return row, findings
