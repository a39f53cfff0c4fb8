"""How the national open data's properties ("Tracés des réseaux de chaleur et de froid") read into
our fields. Pure Python: a property that cannot be read raises `PropertyError` with a French reason.
"""

import re
from dataclasses import dataclass

__all__ = [
    "NETWORK_FIELDS",
    "PropertyError",
    "mapped_network_properties",
    "mapped_construction_properties",
    "parse_bool",
    "parse_float",
    "parse_int",
    "split_communes",
]


class PropertyError(ValueError):
    pass


_TRUE = {"true", "oui", "o", "yes", "y", "1", "vrai", "x"}
_FALSE = {"false", "non", "n", "no", "0", "faux", ""}


def parse_bool(value, name: str) -> bool | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return None if text == "" else False
    raise PropertyError(f"« {name} » devrait valoir oui ou non, pas « {value} »")


def parse_float(value, name: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise PropertyError(f"« {name} » devrait être un nombre, pas « {value} »")
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
    text = text.removesuffix("%")
    try:
        return float(text)
    except ValueError:
        raise PropertyError(f"« {name} » devrait être un nombre, pas « {value} »") from None


def parse_int(value, name: str) -> int | None:
    number = parse_float(value, name)
    if number is None:
        return None
    if number != int(number) or number < 0:
        raise PropertyError(f"« {name} » devrait être un entier positif, pas « {value} »")
    return int(number)


def parse_text(value, name: str, max_length: int = 255) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    if len(text) > max_length:
        raise PropertyError(f"« {name} » dépasse {max_length} caractères")
    return text


def split_communes(value) -> list[str]:
    """ "Grenoble, Échirolles,Saint-Martin-d'Hères" -> the names, trimmed, without empties."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [part.strip() for part in re.split(r"[,;]", str(value)) if part.strip()]


@dataclass(frozen=True)
class _Field:
    source: str
    target: str
    kind: str  # text, float, int, bool


NETWORK_FIELDS: tuple[_Field, ...] = (
    _Field("nom_reseau", "name", "text"),
    _Field("communes", "communes", "longtext"),
    _Field("departement", "departement", "text100"),
    _Field("region", "region", "text100"),
    _Field("MO", "maitre_ouvrage", "text"),
    _Field("Gestionnaire", "gestionnaire", "text"),
    _Field("reseaux classes", "classified", "bool"),
    _Field("annee_creation", "creation_year", "int"),
    _Field("longueur_reseau", "length_km", "float"),
    _Field("nb_pdl", "delivery_points", "int"),
    _Field("Taux EnR&R", "renewable_rate_pct", "float"),
    _Field("contenu CO2", "co2_kg_per_kwh", "float"),
    _Field("contenu CO2 ACV", "co2_lca_kg_per_kwh", "float"),
    _Field("PM", "average_price_eur_per_mwh", "float"),
    _Field("PV%", "variable_part_pct", "float"),
    _Field("PF%", "fixed_part_pct", "float"),
    _Field("PM_L", "average_price_housing_eur_per_mwh", "float"),
    _Field("PM_T", "average_price_tertiary_eur_per_mwh", "float"),
    _Field("Rend%", "efficiency_pct", "float"),
    _Field("Dev_reseau%", "development_pct", "float"),
    _Field("production_totale_MWh", "production_total_mwh", "float"),
    _Field("puissance_totale_MW", "power_total_mw", "float"),
    _Field("eau_chaude", "hot_water", "bool"),
    _Field("eau_surchauffee", "superheated_water", "bool"),
    _Field("vapeur", "steam", "bool"),
)

_PRODUCTION = re.compile(r"^prod_MWh_(?P<energy>.+)$")
_DELIVERIES = re.compile(r"^livraisons_(?P<sector>.+)_MWh$")


def _read(field: _Field, value):
    if field.kind == "text":
        return parse_text(value, field.source)
    if field.kind == "text100":
        return parse_text(value, field.source, 100)
    if field.kind == "longtext":
        return ", ".join(split_communes(value))
    if field.kind == "float":
        return parse_float(value, field.source)
    if field.kind == "int":
        return parse_int(value, field.source)
    return parse_bool(value, field.source)


def national_id_of(properties: dict) -> str:
    value = properties.get("Identifiant reseau")
    text = parse_text(value, "Identifiant reseau", 20)
    if text and not re.fullmatch(r"[0-9A-Za-z]{1,19}[CFcf]?", text):
        raise PropertyError(f"« Identifiant reseau » illisible : « {value} »")
    return text.upper()


def mapped_network_properties(properties: dict) -> dict:
    """Our model's field values for one network's published properties."""
    values = {field.target: _read(field, properties.get(field.source)) for field in NETWORK_FIELDS}
    production, deliveries = {}, {}
    for name, value in properties.items():
        if match := _PRODUCTION.match(name):
            number = parse_float(value, name)
            if number is not None:
                production[match["energy"]] = number
        elif match := _DELIVERIES.match(name):
            number = parse_float(value, name)
            if number is not None:
                deliveries[match["sector"]] = number
    values["production_mwh_by_energy"] = production
    values["deliveries_mwh_by_sector"] = deliveries
    values["national_id"] = national_id_of(properties)
    return values


def mapped_construction_properties(properties: dict) -> dict:
    return {
        "national_id": national_id_of(properties),
        "name": parse_text(properties.get("nom_reseau") or properties.get("nom"), "nom_reseau"),
        "gestionnaire": parse_text(properties.get("gestionnaire") or properties.get("Gestionnaire"), "gestionnaire"),
        "mise_en_service": parse_text(properties.get("mise_en_service"), "mise_en_service", 50),
        "communes": ", ".join(split_communes(properties.get("communes"))),
    }
