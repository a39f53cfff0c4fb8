"""What an operator may correct on its network's page, how each proposed value reads, and whether
a proposal still applies when staff decides. Pure Python: a table of fields and one reader."""

from dataclasses import dataclass

__all__ = [
    "CORRECTABLE",
    "CorrectionError",
    "Correctable",
    "changes_between",
    "stale_fields",
    "value_read",
]


class CorrectionError(ValueError):
    pass


@dataclass(frozen=True)
class Correctable:
    name: str  # "network.<field>" or "contact.<field>"
    label: str
    kind: str  # text, email, phone, url, float, int, bool
    minimum: float | None = None
    maximum: float | None = None
    unit: str = ""


CORRECTABLE: tuple[Correctable, ...] = (
    Correctable("network.name", "Nom du réseau", "text"),
    Correctable("network.gestionnaire", "Gestionnaire", "text"),
    Correctable("network.maitre_ouvrage", "Maître d’ouvrage", "text"),
    Correctable("network.classified", "Réseau classé", "bool"),
    Correctable("network.renewable_rate_pct", "Énergies renouvelables et de récupération", "float", 0, 100, "%"),
    Correctable("network.co2_kg_per_kwh", "Contenu CO₂", "float", 0, 2, "kg/kWh"),
    Correctable("network.average_price_eur_per_mwh", "Prix moyen de la chaleur", "float", 0, 1000, "€ TTC/MWh"),
    Correctable(
        "network.average_price_housing_eur_per_mwh", "Prix moyen pour les logements", "float", 0, 1000, "€ TTC/MWh"
    ),
    Correctable(
        "network.average_price_tertiary_eur_per_mwh", "Prix moyen pour le tertiaire", "float", 0, 1000, "€ TTC/MWh"
    ),
    Correctable("network.length_km", "Longueur", "float", 0, 5000, "km"),
    Correctable("network.delivery_points", "Points de livraison", "int", 0, 1_000_000),
    Correctable("network.creation_year", "Année de création", "int", 1850, 2100),
    Correctable("contact.service", "Service à contacter", "text"),
    Correctable("contact.email", "Adresse électronique de contact", "email"),
    Correctable("contact.phone", "Téléphone de contact", "phone"),
    Correctable("contact.website", "Site internet", "url"),
)
BY_NAME = {field.name: field for field in CORRECTABLE}


def value_read(field: Correctable, raw: str):
    """The value of a form's text for this field: None for an empty text (nothing known), else the
    typed value; raises CorrectionError with the reason in French."""
    text = (raw or "").strip()
    if field.kind == "bool":
        if text in {"", "inconnu"}:
            return None
        if text in {"oui", "non"}:
            return text == "oui"
        raise CorrectionError(f"{field.label} : oui, non ou inconnu.")
    if not text:
        return "" if field.kind in {"text", "email", "phone", "url"} else None
    if len(text) > 255:
        raise CorrectionError(f"{field.label} : 255 caractères au plus.")
    if field.kind in {"float", "int"}:
        try:
            number = float(text.replace("\u202f", "").replace(" ", "").replace(",", "."))
        except ValueError:
            raise CorrectionError(f"{field.label} : un nombre est attendu, pas « {text} ».") from None
        if field.kind == "int":
            if number != int(number):
                raise CorrectionError(f"{field.label} : un nombre entier est attendu.")
            number = int(number)
        if (field.minimum is not None and number < field.minimum) or (
            field.maximum is not None and number > field.maximum
        ):
            unit = f" {field.unit}" if field.unit else ""
            raise CorrectionError(f"{field.label} : entre {field.minimum:g} et {field.maximum:g}{unit}.")
        return number
    if field.kind == "email" and ("@" not in text or " " in text or text.startswith("@") or text.endswith("@")):
        raise CorrectionError(f"{field.label} : adresse électronique invalide.")
    if field.kind == "phone" and not all(c.isdigit() or c in "+ .()-" for c in text):
        raise CorrectionError(f"{field.label} : numéro de téléphone invalide.")
    if field.kind == "url" and not text.startswith(("https://", "http://")):
        raise CorrectionError(f"{field.label} : l’adresse commence par https://.")
    return text


def changes_between(current: dict, proposed: dict) -> dict:
    """{name: {"from", "to"}} for the fields whose proposed value differs from the current one."""
    return {
        name: {"from": current.get(name), "to": value}
        for name, value in proposed.items()
        if name in BY_NAME and value != current.get(name)
    }


def stale_fields(changes: dict, current: dict) -> list[str]:
    """The fields changed by someone else since the proposal: accepting would overwrite them."""
    return [name for name, change in changes.items() if current.get(name) != change["from"]]
