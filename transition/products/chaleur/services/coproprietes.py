"""Import of the condominium registry (CSV, XLSX or ODS, read by the platform's reader): every line
validated first, errors by line and column in French (the platform's import report), then
everything written in one transaction, keyed by the registry id: importing the same file twice
changes nothing."""

from pathlib import Path

from django.db import transaction
from django.utils import timezone

from transition.platform.audit.services import event_record
from transition.platform.core.imports import FileRefused, ImportRefused, ImportReport, Row, read_table
from transition.platform.geo.projection import to_lambert93_many

from ..domain import bulk_columns
from ..enums import PRODUCT, ConstructionPeriod, HeatingEnergy, HeatingType
from ..models import Copropriete

__all__ = ["COPRO_COLUMNS", "coproprietes_import"]

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
# The national registry counts about 600,000 condominiums: one file of it fits.
MAX_BYTES = 400 * 1024 * 1024
MAX_ROWS = 1_000_000


class _Line:
    """One line of the file, its cells read by the columns' names (any case), its problems
    reported with its number and the column at fault."""

    def __init__(self, row: Row, columns: dict[str, str], report: ImportReport):
        self.row, self.columns, self.report = row, columns, report

    def text(self, column: str) -> str:
        return self.row.text(self.columns[column])

    def error(self, column: str, message: str) -> None:
        self.report.error(message, line=self.row.line, field=self.columns[column])

    def count(self, column: str, label: str) -> int | None:
        value = self.text(column)
        if not value:
            return None
        try:
            number = int(value)
        except ValueError:
            self.error(column, f"{label} « {value} » n’est pas un nombre entier.")
            return None
        if number < 0:
            self.error(column, f"{label} ne peut pas être négatif.")
            return None
        return number

    def choice(self, column: str, choices, label: str, default: str) -> str:
        value = self.text(column).lower()
        if not value:
            return default
        valid = {c.value for c in choices}
        if value in valid:
            return value
        self.error(column, f"{label} « {value} » inconnu (valeurs possibles : {', '.join(sorted(valid))}).")
        return default


def _values(line: _Line) -> dict:
    lon = bulk_columns.parse_coordinate(line.text("longitude"))
    lat = bulk_columns.parse_coordinate(line.text("latitude"))
    if lon is None or not -180 <= lon <= 180:
        line.error("longitude", "longitude manquante ou hors limites.")
    if lat is None or not -90 <= lat <= 90:
        line.error("latitude", "latitude manquante ou hors limites.")
    if not line.text("adresse"):
        line.error("adresse", "l’adresse est obligatoire.")
    citycode = line.text("code_insee").upper()
    if citycode and len(citycode) != 5:
        line.error("code_insee", f"le code INSEE « {citycode} » doit compter 5 caractères.")
    return {
        "registry_id": line.text("identifiant"),
        "name": line.text("nom")[:255],
        "address": line.text("adresse")[:255],
        "citycode": citycode,
        "lon": lon,
        "lat": lat,
        "lots_count": line.count("nb_lots", "le nombre de lots"),
        "dwellings_count": line.count("nb_logements", "le nombre de logements"),
        "construction_period": line.choice(
            "periode_construction", ConstructionPeriod, "la période de construction", ConstructionPeriod.INCONNUE
        ),
        "heating_type": line.choice("chauffage", HeatingType, "le chauffage", HeatingType.INCONNU),
        "heating_energy": line.choice("energie_chauffage", HeatingEnergy, "l’énergie", HeatingEnergy.INCONNU),
        "syndic": line.text("syndic")[:255],
    }


def _read(path: Path, report: ImportReport) -> dict[str, dict]:
    """Every line validated; the rows by registry id (nothing when the report holds errors)."""
    try:
        table = read_table(path, filename=path.name, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)
    except FileRefused as exc:
        raise ImportRefused(ImportReport.from_refusal(exc)) from exc
    columns = {header.strip().lower(): header for header in table.headers}
    missing = [c for c in COPRO_COLUMNS if c not in columns]
    if missing:
        report.error(
            f"colonnes manquantes : {', '.join(missing)}. Colonnes attendues : {', '.join(COPRO_COLUMNS)}.", line=1
        )
        report.refuse_if_errors()
    rows: dict[str, dict] = {}
    for row in table.rows:
        if row.is_empty():
            continue
        report.rows_read += 1
        line = _Line(row, columns, report)
        registry_id = line.text("identifiant")
        if not registry_id:
            line.error("identifiant", "l’identifiant est obligatoire.")
        elif registry_id in rows:
            line.error("identifiant", f"l’identifiant {registry_id} figure déjà plus haut dans le fichier.")
        else:
            rows[registry_id] = _values(line)
    if not rows and report.ok:
        report.error("le fichier ne contient aucune copropriété.")
    report.refuse_if_errors()
    return rows


def coproprietes_import(*, path: Path) -> ImportReport:
    """Raises ImportRefused (its report lists every problem) when anything is wrong; nothing is
    written then."""
    path = Path(path)
    report = ImportReport()
    rows = _read(path, report)
    values = list(rows.values())
    xs, ys = to_lambert93_many([v["lon"] for v in values], [v["lat"] for v in values])
    for v, x, y in zip(values, xs, ys, strict=True):
        v["x_l93"], v["y_l93"] = float(x), float(y)
    fields = [f for f in values[0] if f != "registry_id"]
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
                report.unchanged += 1
        Copropriete.objects.bulk_create(to_create, batch_size=1000)
        Copropriete.objects.bulk_update(to_update, [*fields, "imported_at"], batch_size=1000)
        report.created, report.updated = len(to_create), len(to_update)
        event_record(
            actor=None,
            action="chaleur.coproprietes_import",
            payload={
                "file": path.name,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
            },
            product=PRODUCT,
        )
    return report
