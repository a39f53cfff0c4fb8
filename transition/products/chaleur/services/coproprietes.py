"""Import of the condominium registry (CSV): every line validated first (French errors with line
numbers), then everything written in one transaction, keyed by the registry id: importing the same
file twice changes nothing."""

import csv
import io
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from transition.platform.audit.services import event_record
from transition.platform.geo.projection import to_lambert93_many

from ..domain import bulk_columns
from ..enums import PRODUCT, ConstructionPeriod, HeatingEnergy, HeatingType
from ..models import Copropriete

__all__ = ["COPRO_COLUMNS", "CoproprietesImportError", "coproprietes_import"]

COPRO_COLUMNS = (
    "identifiant",
    "nom",
    "adresse",
    "code_insee",
    "longitude",
    "latitude",
    "nb_lots",
    "nb_logements",
    "periode_construction",
    "chauffage",
    "energie_chauffage",
    "syndic",
)


class CoproprietesImportError(ValidationError):
    """Errors of an import, one French line each."""


def _int_or_none(value: str, line: int, label: str, errors: list[str]) -> int | None:
    value = value.strip()
    if not value:
        return None
    try:
        number = int(value)
    except ValueError:
        errors.append(f"Ligne {line} : {label} « {value} » n’est pas un nombre entier.")
        return None
    if number < 0:
        errors.append(f"Ligne {line} : {label} ne peut pas être négatif.")
        return None
    return number


def _choice(value: str, choices, line: int, label: str, errors: list[str], default: str) -> str:
    value = value.strip().lower()
    if not value:
        return default
    valid = {c.value for c in choices}
    if value in valid:
        return value
    errors.append(f"Ligne {line} : {label} « {value} » inconnu (valeurs possibles : {', '.join(sorted(valid))}).")
    return default


def coproprietes_import(*, path: Path) -> dict[str, int]:
    """Validate every line first (French errors with line numbers), then write everything in one
    transaction, keyed by the registry id: importing the same file twice changes nothing."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CoproprietesImportError(f"Fichier illisible : {exc.strerror}.") from exc
    try:
        text = bulk_columns.decode(data)
    except bulk_columns.BulkFileError as exc:
        raise CoproprietesImportError(str(exc)) from exc
    delimiter = bulk_columns.sniff_delimiter(text) or ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in COPRO_COLUMNS if c not in header]
    if missing:
        raise CoproprietesImportError(
            f"Ligne 1 : colonnes manquantes : {', '.join(missing)}. Colonnes attendues : {', '.join(COPRO_COLUMNS)}."
        )
    reader.fieldnames = header
    errors: list[str] = []
    rows: dict[str, dict] = {}
    for line, raw in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in raw.items() if k}
        registry_id = row["identifiant"]
        if not registry_id:
            errors.append(f"Ligne {line} : l’identifiant est obligatoire.")
            continue
        if registry_id in rows:
            errors.append(f"Ligne {line} : l’identifiant {registry_id} figure déjà plus haut dans le fichier.")
            continue
        if not row["adresse"]:
            errors.append(f"Ligne {line} : l’adresse est obligatoire.")
        lon = bulk_columns.parse_coordinate(row["longitude"])
        lat = bulk_columns.parse_coordinate(row["latitude"])
        if lon is None or lat is None or not (-180 <= lon <= 180 and -90 <= lat <= 90):
            errors.append(f"Ligne {line} : longitude ou latitude manquante ou hors limites.")
        citycode = row["code_insee"].upper()
        if citycode and len(citycode) != 5:
            errors.append(f"Ligne {line} : le code INSEE « {citycode} » doit compter 5 caractères.")
        rows[registry_id] = {
            "registry_id": registry_id,
            "name": row["nom"][:255],
            "address": row["adresse"][:255],
            "citycode": citycode,
            "lon": lon,
            "lat": lat,
            "lots_count": _int_or_none(row["nb_lots"], line, "le nombre de lots", errors),
            "dwellings_count": _int_or_none(row["nb_logements"], line, "le nombre de logements", errors),
            "construction_period": _choice(
                row["periode_construction"],
                ConstructionPeriod,
                line,
                "la période de construction",
                errors,
                ConstructionPeriod.INCONNUE,
            ),
            "heating_type": _choice(row["chauffage"], HeatingType, line, "le chauffage", errors, HeatingType.INCONNU),
            "heating_energy": _choice(
                row["energie_chauffage"], HeatingEnergy, line, "l’énergie", errors, HeatingEnergy.INCONNU
            ),
            "syndic": row["syndic"][:255],
        }
    if errors:
        raise CoproprietesImportError(errors)
    if not rows:
        raise CoproprietesImportError("Le fichier ne contient aucune copropriété.")
    values = list(rows.values())
    xs, ys = to_lambert93_many([v["lon"] for v in values], [v["lat"] for v in values])
    for v, x, y in zip(values, xs, ys, strict=True):
        v["x_l93"], v["y_l93"] = float(x), float(y)
    fields = [f for f in values[0] if f != "registry_id"]
    created = updated = unchanged = 0
    now = timezone.now()
    with transaction.atomic():
        existing = {c.registry_id: c for c in Copropriete.objects.filter(registry_id__in=list(rows))}
        to_create, to_update = [], []
        for v in values:
            current = existing.get(v["registry_id"])
            if current is None:
                to_create.append(Copropriete(**v, imported_at=now))
            elif any(getattr(current, f) != v[f] for f in fields):
                for f in fields:
                    setattr(current, f, v[f])
                current.imported_at = now
                to_update.append(current)
            else:
                unchanged += 1
        Copropriete.objects.bulk_create(to_create, batch_size=1000)
        Copropriete.objects.bulk_update(to_update, [*fields, "imported_at"], batch_size=1000)
        created, updated = len(to_create), len(to_update)
        event_record(
            actor=None,
            action="chaleur.coproprietes_import",
            payload={"file": path.name, "created": created, "updated": updated, "unchanged": unchanged},
            product=PRODUCT,
        )
    return {"created": created, "updated": updated, "unchanged": unchanged}
