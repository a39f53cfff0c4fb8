"""The import of the national open data of heat and cold networks (archive or folder of GeoJSON
files): every file validated first, then everything written in one transaction, or nothing."""

import hashlib
import json
import math
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.gis.gdal import GDALException, SpatialReference
from django.contrib.gis.geos import GEOSException, GEOSGeometry, MultiLineString, MultiPolygon, Point
from django.db import transaction
from django.utils import timezone

from transition.platform.core.imports import FileRefused, ImportRefused, ImportReport, check_zip, read_zip_member
from transition.platform.core.models import data_version_batch, data_version_bump
from transition.platform.geo.domain.referential import departement_code
from transition.platform.geo.selectors import CommuneAmbiguous, commune_find

from ..domain.network_data import (
    PropertyError,
    mapped_construction_properties,
    mapped_network_properties,
    split_communes,
)
from ..enums import NETWORKS_DATA, NetworkKind
from ..models import Network, NetworkUnderConstruction, Pdp

__all__ = ["FILES", "NetworkImportReport", "networks_import"]

SRID = 2154
FILES = {
    "reseaux_de_chaleur.geojson": ("network", NetworkKind.HEAT, True),
    "reseaux_de_chaleur_sans_traces.geojson": ("network", NetworkKind.HEAT, False),
    "reseaux_de_froid.geojson": ("network", NetworkKind.COLD, True),
    "reseaux_de_froid_sans_traces.geojson": ("network", NetworkKind.COLD, False),
    "pdp.geojson": ("pdp", None, None),
    "zones_et_reseaux_en_construction.geojson": ("construction", None, None),
}
# Lambert-93's extent over mainland France and Corsica, with a margin: a file whose coordinates fall
# outside was not written in the projection its crs member declares.
L93_BOUNDS = (-400_000, 5_900_000, 1_600_000, 7_300_000)
MAX_ERRORS = 100
# Caps on what is read, whatever the archive's headers say: the national files weigh tens of MB;
# a member may expand at most ZIP_MAX_RATIO times (a 1 MB zip holding 1 GB is refused at once).
MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
ZIP_MAX_RATIO = 100
MAX_REMOVALS_LISTED = 50
ALLOW_REMOVALS = "--allow-removals"


@dataclass
class LayerCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0  # networks: withdrawn (kept with their demands and operators); PDP: deleted


@dataclass
class NetworkImportReport(ImportReport):
    """The platform's import report, with the count of each file."""

    files_read: list[str] = field(default_factory=list)
    files_missing: list[str] = field(default_factory=list)
    counts: dict[str, LayerCounts] = field(default_factory=dict)

    def problem(self, file: str, feature: int | None, reason: str) -> None:
        """A problem of a file, or of one of its features (numbered from 0, as the file lists them)."""
        self.error(reason, source=file if feature is None else f"{file}, objet n° {feature}")

    def lines(self) -> list[str]:
        if not self.ok:
            return super().lines()
        lines = [f"Fichier absent, ignoré : {name}" for name in self.files_missing]
        for name, c in self.counts.items():
            lines.append(
                f"{name} : {c.created} créé(s), {c.updated} mis à jour, {c.unchanged} inchangé(s), {c.removed} retiré(s)"
            )
        lines += [f"Attention : {warning}" for warning in self.warnings]
        return lines


def _refused(where: str, reason: str) -> ImportRefused:
    report = NetworkImportReport()
    report.problem(where, None, reason)
    return ImportRefused(report)


@dataclass
class _Row:
    key: str
    values: dict
    geometry_field: str
    geometry: GEOSGeometry
    communes: list[str] = field(default_factory=list)


# Reading -------------------------------------------------------------------------------------


def _read_sources(path: Path) -> tuple[dict[str, bytes], list[str]]:
    """The contents of the files found (by name, anywhere in a zip), and the names missing. Every
    file is read with a size cap, every zip member with a compression-ratio cap too."""
    found: dict[str, bytes] = {}
    cap = f"{MAX_FILE_BYTES // (1024 * 1024)} Mo"
    if path.is_dir():
        for name in FILES:
            file = path / name
            if file.is_file():
                if file.stat().st_size > MAX_FILE_BYTES:
                    raise _refused(name, f"le fichier dépasse {cap}")
                found[name] = file.read_bytes()
    elif zipfile.is_zipfile(path):
        try:
            with zipfile.ZipFile(path) as archive:
                check_zip(archive, max_ratio=ZIP_MAX_RATIO, max_total=MAX_TOTAL_BYTES)
                for info in archive.infolist():
                    base = info.filename.rsplit("/", 1)[-1]
                    if base in FILES and base not in found:
                        found[base] = read_zip_member(archive, info, max_bytes=MAX_FILE_BYTES)
        except FileRefused as exc:
            raise _refused(path.name, exc.message) from None
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as exc:
            raise _refused(path.name, f"archive zip illisible ({type(exc).__name__})") from None
    else:
        raise _refused(str(path), "ni un dossier, ni une archive zip lisible")
    return found, [name for name in FILES if name not in found]


class _NonFinite(str):
    """NaN, Infinity or a number too large for a float, as written in the file: JSON admits none
    of them; the feature holding one is refused with its number (not the whole file blindly)."""


def _float(text: str):
    value = float(text)
    return _NonFinite(text) if math.isinf(value) else value


def _json_load(content: bytes):
    return json.loads(content, parse_constant=_NonFinite, parse_float=_float)


def _non_finite_in(value, depth: int = 0) -> str | None:
    if isinstance(value, _NonFinite):
        return str(value)
    if depth > 64:
        raise ValueError("objet trop imbriqué")
    if isinstance(value, dict):
        value = value.values()
    if isinstance(value, list | type({}.values())):
        for item in value:
            found = _non_finite_in(item, depth + 1)
            if found is not None:
                return found
    return None


def _srid_of(collection: dict) -> int:
    crs = collection.get("crs")
    if crs is None:
        return 4326  # RFC 7946: a GeoJSON without crs member is in WGS84
    properties = crs.get("properties") if isinstance(crs, dict) else None
    name = properties.get("name", "") if isinstance(properties, dict) else ""
    if not isinstance(name, str):
        name = ""
    code = name.rsplit(":", 1)[-1]
    if not code.isdigit():
        raise ValueError(f"système de coordonnées illisible : « {name} »")
    if name.endswith("CRS84"):
        return 4326
    SpatialReference(int(code))  # raises on an unknown code
    return int(code)


def geometry_hash(geometry: GEOSGeometry) -> str:
    """Stable across re-imports of the same geometry: normalised, coordinates rounded to the cm."""
    normalised = geometry.clone()
    normalised.normalize()
    rounded = json.dumps(json.loads(normalised.json)["coordinates"], separators=(",", ":"))
    rounded = json.dumps(
        json.loads(rounded, parse_float=lambda v: round(float(v), 2)), separators=(",", ":"), sort_keys=True
    )
    return hashlib.sha256(f"{normalised.geom_type}:{rounded}".encode()).hexdigest()[:40]


def _geometry(feature: dict, srid: int) -> GEOSGeometry:
    raw = feature.get("geometry")
    if not raw:
        raise ValueError("objet sans géométrie")
    if not isinstance(raw, dict):
        raise ValueError("géométrie illisible : « geometry » devrait être un objet")
    try:
        geometry = GEOSGeometry(json.dumps(raw))  # GDAL reads GeoJSON as WGS84: the crs member says otherwise
        geometry.srid = srid
    except (GEOSException, GDALException, ValueError, TypeError, RecursionError) as exc:
        reason = str(exc).strip() or type(exc).__name__
        raise ValueError(f"géométrie illisible ({reason[:200]})") from None
    if geometry.empty:
        raise ValueError("géométrie vide")
    if srid != SRID:
        geometry.transform(SRID)
    xmin, ymin, xmax, ymax = geometry.extent
    bx0, by0, bx1, by1 = L93_BOUNDS
    if xmin < bx0 or ymin < by0 or xmax > bx1 or ymax > by1:
        raise ValueError("coordonnées hors de France métropolitaine en Lambert-93 : le crs du fichier est-il le bon ?")
    if not geometry.valid:
        raise ValueError(f"géométrie invalide ({geometry.valid_reason})")
    return geometry


def _as(kind: str, geometry: GEOSGeometry) -> GEOSGeometry:
    if kind == "lines":
        if geometry.geom_type == "LineString":
            return MultiLineString(geometry, srid=SRID)
        if geometry.geom_type == "MultiLineString":
            return geometry
    elif kind == "polygons":
        if geometry.geom_type == "Polygon":
            return MultiPolygon(geometry, srid=SRID)
        if geometry.geom_type == "MultiPolygon":
            return geometry
    elif kind == "point":
        if geometry.geom_type == "Point":
            return geometry
        if geometry.geom_type == "MultiPoint" and len(geometry) == 1:
            return Point(geometry[0].coords, srid=SRID)
    wanted = {"lines": "ligne ou multiligne", "polygons": "polygone ou multipolygone", "point": "point"}[kind]
    raise ValueError(f"géométrie de type {geometry.geom_type}, attendu : {wanted}")


def _parse_file(name: str, content: bytes, report: NetworkImportReport) -> list[_Row]:
    role, kind, traced = FILES[name]
    try:
        collection = _json_load(content)
    except RecursionError:
        report.problem(name, None, "JSON trop imbriqué pour être lu")
        return []
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        report.problem(name, None, f"JSON illisible ({exc})")
        return []
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        report.problem(name, None, "ce n’est pas une FeatureCollection GeoJSON")
        return []
    try:
        srid = _srid_of(collection)
    except Exception as exc:  # GDAL raises several kinds for an unknown code
        report.problem(name, None, str(exc))
        return []
    rows: list[_Row] = []
    seen: dict[str, int] = {}
    features = collection.get("features")
    if not isinstance(features, list):
        problem = "le membre « features » manque" if features is None else "« features » devrait être une liste"
        report.problem(name, None, problem)
        return []
    for position, feature in enumerate(features):
        try:
            if not isinstance(feature, dict) or feature.get("type") != "Feature":
                raise ValueError("ce n’est pas un objet GeoJSON « Feature »")
            properties = feature.get("properties")
            if properties is None:
                properties = {}
            if not isinstance(properties, dict):
                raise ValueError(f"« properties » devrait être un objet, pas {_json_kind(properties)}")
            for part, value in (("properties", properties), ("geometry", feature.get("geometry"))):
                if (bad := _non_finite_in(value)) is not None:
                    raise ValueError(f"valeur « {bad} » refusée dans « {part} » : le JSON n’admet ni NaN ni l’infini")
            geometry = _geometry(feature, srid)
            row = _row(role, kind, traced, properties, geometry)
        except (ValueError, PropertyError) as exc:
            report.problem(name, position, str(exc))
        except (TypeError, AttributeError, KeyError, OverflowError, RecursionError) as exc:
            # A shape no rule expected: said for this feature, never a traceback.
            report.problem(name, position, f"objet illisible ({type(exc).__name__})")
        else:
            if row.key in seen:
                report.problem(
                    name, position, f"en double avec l’objet n° {seen[row.key]} ({row.key.split(':', 1)[1]})"
                )
                continue
            seen[row.key] = position
            rows.append(row)
        if report.error_count >= MAX_ERRORS:
            break
    return rows


def _json_kind(value) -> str:
    return {list: "une liste", str: "un texte", bool: "un booléen", int: "un nombre", float: "un nombre"}.get(
        type(value), "une valeur"
    )


def _row(role: str, kind, traced, properties: dict, geometry: GEOSGeometry) -> _Row:
    source = json.loads(json.dumps(properties, default=str))
    if role == "network":
        values = mapped_network_properties(properties)
        national_id = values["national_id"]
        if national_id and national_id[-1] in "CF" and national_id[-1] != ("C" if kind == NetworkKind.HEAT else "F"):
            raise ValueError(f"l’identifiant {national_id} n’est pas celui d’un réseau de {kind.label.split()[-1]}")
        geometry = _as("lines" if traced else "point", geometry)
        values.update(kind=kind, has_trace=traced, source_properties=source)
        geometry_field = "trace" if traced else "location"
        key = f"id:{national_id}" if national_id else f"geom:{geometry_hash(geometry)}"
        communes = split_communes(properties.get("communes")) if not traced else []
        return _Row(key, values, geometry_field, geometry, communes)
    if role == "pdp":
        geometry = _as("polygons", geometry)
        national_id = mapped_network_properties({"Identifiant reseau": properties.get("Identifiant reseau")})[
            "national_id"
        ]
        key = f"id:{national_id}" if national_id else f"geom:{geometry_hash(geometry)}"
        return _Row(key, {"national_id": national_id, "source_properties": source}, "geometry", geometry)
    values = mapped_construction_properties(properties)
    if geometry.geom_type in {"Polygon", "MultiPolygon"}:
        geometry, geometry_field, values["is_zone"] = _as("polygons", geometry), "zone", True
    else:
        geometry, geometry_field, values["is_zone"] = _as("lines", geometry), "trace", False
    values["source_properties"] = source
    # An identifier may be shared by a network's trace and its zone: the geometry keeps them apart.
    prefix = f"id:{values['national_id']}:{geometry_field}" if values["national_id"] else "geom"
    key = f"{prefix}:{geometry_hash(geometry)}" if prefix == "geom" else prefix
    return _Row(key, values, geometry_field, geometry)


# Writing -------------------------------------------------------------------------------------


def _same(instance, row: _Row) -> bool:
    current = getattr(instance, row.geometry_field)
    if current is None or not current.equals_exact(row.geometry, 0.005):
        return False
    return all(getattr(instance, name) == value for name, value in row.values.items())


@dataclass(frozen=True)
class Removal:
    file: str
    label: str


def _upsert(
    model,
    rows: list[tuple[str, _Row]],
    existing_rows,
    counts: dict[str, LayerCounts],
    file_of,
    extra=None,
    removals: list[Removal] | None = None,
):
    """Creates, updates in place (keyed by import_key) and removes the rows no file lists any more.

    `existing_rows`: the rows the files read may replace; `file_of(instance)` names the file a
    removed row came from. A row found under its key elsewhere (a network that gained a trace,
    one withdrawn by an earlier import) is updated in place, so that what staff set on it (open to
    connections) and what points to it (demands, operators) are kept.

    Models with `withdrawn_at` (networks) are withdrawn, never deleted; with `removals` given,
    they are only listed there (the caller refuses the import without --allow-removals).
    """
    existing = {obj.import_key: obj for obj in existing_rows}
    kept = set()
    geometry_fields = {"trace", "zone", "location", "geometry"} & {f.name for f in model._meta.get_fields()}
    withdrawable = "withdrawn_at" in {f.name for f in model._meta.get_fields()}
    for file, row in rows:
        layer = counts.setdefault(file, LayerCounts())
        instance = existing.get(row.key) or model._base_manager.filter(import_key=row.key).first()
        revived = withdrawable and instance is not None and instance.withdrawn_at is not None
        if instance is not None and row.key in existing and _same(instance, row):
            layer.unchanged += 1
        else:
            created = instance is None
            instance = instance or model(import_key=row.key)
            for name, value in row.values.items():
                setattr(instance, name, value)
            for name in geometry_fields:
                setattr(instance, name, row.geometry if name == row.geometry_field else None)
            if revived:
                instance.withdrawn_at = None
            instance.save()
            if created:
                layer.created += 1
            else:
                layer.updated += 1
        if extra:
            extra(instance, row)
        kept.add(row.key)
    stale = [obj for key, obj in existing.items() if key not in kept]
    if not stale:
        return
    if withdrawable and removals is not None:
        removals.extend(Removal(file_of(obj), str(obj) or obj.import_key) for obj in stale)
        return
    for obj in stale:
        counts.setdefault(file_of(obj), LayerCounts()).removed += 1
    stale_rows = model._base_manager.filter(pk__in=[obj.pk for obj in stale])
    if withdrawable:
        stale_rows.update(withdrawn_at=timezone.now())
    else:
        stale_rows.delete()


def _removals_refused(removals: list[Removal]) -> ImportRefused:
    report = NetworkImportReport()
    listed = ", ".join(f"{r.label} ({r.file})" for r in removals[:MAX_REMOVALS_LISTED])
    more = len(removals) - MAX_REMOVALS_LISTED
    if more > 0:
        listed += f" et {more} autre{'s' if more > 1 else ''}"
    report.error(
        f"{len(removals)} réseau{'x' if len(removals) > 1 else ''} ne figure{'nt' if len(removals) > 1 else ''} plus "
        f"dans les fichiers et serai{'en' if len(removals) > 1 else ''}t retiré{'s' if len(removals) > 1 else ''} : "
        f"{listed}. Si c’est voulu, relancez avec {ALLOW_REMOVALS} : un réseau retiré quitte la carte et les "
        "listes, mais garde ses demandes et ses gestionnaires (il revient tel quel s’il est publié de nouveau).",
        source="import",
    )
    return ImportRefused(report)


def _commune_resolver() -> Callable[[str, str], str | None]:
    """Names of communes to INSEE codes through the platform's communes referential. The open
    data's `departement` may be a code or a name: a code narrows the search, a name settles a
    homonym. An ambiguous name raises LookupError with the reason."""

    def resolve(name: str, departement: str) -> str | None:
        code = departement_code(departement) if departement else None
        try:
            found = commune_find(name, departement=code)
        except CommuneAmbiguous as exc:
            wanted = (departement or "").strip().lower()
            same = [c for c in exc.communes if wanted and getattr(c.departement, "name", "").lower() == wanted]
            if len(same) == 1:
                return same[0].code
            raise LookupError(exc.message) from None
        return found.code if found else None

    return resolve


def networks_import(
    *, path: Path, resolve_commune: Callable[[str, str], str | None] | None = None, allow_removals: bool = False
) -> NetworkImportReport:
    """Validates every file first, then writes everything in one transaction, or nothing: raises
    ImportRefused (its report lists each problem, by file and feature) when anything is wrong.

    Networks (and networks under construction) the files no longer list are withdrawn only with
    `allow_removals`; otherwise the import lists them and is refused, nothing written (a file
    with `"features": []` used to delete every network)."""
    path = Path(path)
    if not path.exists():
        raise _refused(str(path), "fichier ou dossier introuvable")
    contents, missing = _read_sources(path)
    report = NetworkImportReport(files_read=sorted(contents), files_missing=missing)
    if not contents:
        raise _refused(str(path), "aucun des fichiers attendus n’y figure")
    parsed = {name: _parse_file(name, content, report) for name, content in contents.items()}
    report.refuse_if_errors()

    resolve = resolve_commune or _commune_resolver()
    for name, rows in parsed.items():
        for row in rows:
            if not row.communes:
                continue
            codes = []
            for commune in row.communes:
                try:
                    code = resolve(commune, row.values.get("departement", ""))
                except LookupError as exc:
                    report.warn(f"{exc} ({row.key}) ; commune ignorée", source=name)
                    continue
                if code is None:
                    report.warn(f"commune « {commune} » introuvable dans le référentiel ({row.key})", source=name)
                elif code not in codes:
                    codes.append(code)
            row.values["commune_insee_codes"] = codes

    for name in FILES:
        if name in parsed:
            report.counts[name] = LayerCounts()
    network_files = {(kind, traced): name for name, (role, kind, traced) in FILES.items() if role == "network"}
    read_scopes = [scope for scope, name in network_files.items() if name in parsed]
    # Every row saved would bump the networks' version (signals.py): the batch makes it one bump.
    removals: list[Removal] | None = None if allow_removals else []
    with transaction.atomic(), data_version_batch(NETWORKS_DATA):
        if read_scopes:
            replaceable = [
                network for network in Network.objects.all() if (network.kind, network.has_trace) in read_scopes
            ]
            _upsert(
                Network,
                [(name, row) for name, rows in parsed.items() if FILES[name][0] == "network" for row in rows],
                replaceable,
                report.counts,
                lambda network: network_files[(network.kind, network.has_trace)],
                removals=removals,
            )
        networks_by_id = {}
        for network in Network.objects.exclude(national_id="").order_by("kind", "pk"):
            networks_by_id.setdefault(network.national_id, network)  # heat ("chaleur") before cold ("froid")
        construction = "zones_et_reseaux_en_construction.geojson"
        if construction in parsed:
            _upsert(
                NetworkUnderConstruction,
                [(construction, row) for row in parsed[construction]],
                NetworkUnderConstruction.objects.all(),
                report.counts,
                lambda _: construction,
                removals=removals,
            )
        if removals:
            raise _removals_refused(removals)  # rolls back everything written above
        if "pdp.geojson" in parsed:

            def link(pdp, row):
                network = networks_by_id.get(row.values["national_id"])
                if network is None and row.values["national_id"]:
                    report.warn(f"le réseau {row.values['national_id']} n’existe pas", source="pdp.geojson")
                if pdp.network_id != (network.pk if network else None):
                    pdp.network = network
                    pdp.save(update_fields=["network"])

            _upsert(
                Pdp,
                [("pdp.geojson", row) for row in parsed["pdp.geojson"]],
                Pdp.objects.all(),
                report.counts,
                lambda _: "pdp.geojson",
                link,
            )
        data_version_bump(NETWORKS_DATA)
    for counts in report.counts.values():
        report.created += counts.created
        report.updated += counts.updated
        report.unchanged += counts.unchanged
        report.removed += counts.removed
    return report
