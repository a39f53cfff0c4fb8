"""Importing a CNIG file into the registry: read it whole, check every row against the standard
(errors by line and field), find the sites already registered (same `site_id`: updated; an outline
covering more than 10 % of a registered one: reported as a duplicate, never created twice), then
write in one transaction or not at all.

A file with an invalid row is refused whole unless `skip_invalid`: then the valid rows are imported
and every refused row is reported with its reason. Every row of the file is accounted for: created,
updated, duplicate or refused.
"""

import datetime as dt
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import GEOSGeometry, Point
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from shapely import STRtree, wkb

from transition.platform.accounts import permissions
from transition.platform.audit.services import event_record
from transition.platform.core.imports import FileRefused, ImportReport, read_table
from transition.platform.geo.domain.territory import departement_of_insee, region_of_departement

from ..domain.cnig_schema import FIELDS_BY_NAME
from ..domain.cnig_validation import duplicate_keys, is_missing, plan_columns, row_errors, shown
from ..domain.duplicates import is_duplicate, overlap_share
from ..domain.geometry import GeometryError, area_m2, outlines_from_geojson, read_outline, read_point
from ..domain.owners import owner_kind_of_categories
from ..enums import SiteStatus
from ..models import Site, SiteImport
from .sites import geos_outline

PRODUCT = "friches"
BATCH = 1000
User = get_user_model()

# Standard fields kept as columns of Site (the others stay in Site.cnig as received).
COLUMN_FIELDS = (
    "site_id",
    "site_nom",
    "site_type",
    "site_adresse",
    "site_identif_date",
    "site_actu_date",
    "site_statut",
    "comm_nom",
    "comm_insee",
    "proprio_nom",
    "sol_pollution_existe",
    "bati_pollution",
    "unite_fonciere_surface",
    "urba_zone_type",
    "urba_zone_lib",
    "urba_zaer",
    "urba_doc_type",
    "source_nom",
    "geompoint",
    "geomsurf",
)


@dataclass
class Duplicate:
    line: int
    site_id: str
    existing_site_id: str
    share: float  # of the existing site's outline covered by the new one

    def message(self) -> str:
        return (
            f"doublon de {self.existing_site_id} : son contour en recouvre {self.share:.0%} "
            "(plus de 10 %) ; site non créé"
        ).replace("%", " %")


@dataclass
class CnigImportOutcome:
    report: ImportReport
    accepted: bool
    refused_lines: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    duplicates: list[Duplicate] = field(default_factory=list)
    site_import: SiteImport | None = None

    @property
    def refused(self) -> int:
        return len(self.refused_lines)

    def lines(self) -> list[str]:
        report = self.report
        out = [self.summary()]
        out += [str(p) for p in report.errors]
        out += [f"Ligne {d.line} : {d.message()}" for d in self.duplicates]
        out += [f"Attention — {p}" for p in report.warnings]
        return out

    def summary(self) -> str:
        r = self.report
        if not self.accepted:
            if not self.refused_lines:
                return r.summary()
            n = self.refused
            return (
                f"Fichier refusé : {n} ligne{'s' if n > 1 else ''} invalide{'s' if n > 1 else ''} sur {r.rows_read}. "
                "Rien n’a été enregistré. Corrigez le fichier, ou importez les lignes valides seulement."
            )
        return (
            f"Import terminé : {r.rows_read} ligne{'s' if r.rows_read > 1 else ''} lue{'s' if r.rows_read > 1 else ''} — "
            f"{r.created} site{'s' if r.created > 1 else ''} créé{'s' if r.created > 1 else ''}, "
            f"{r.updated} mis à jour, {len(self.duplicates)} doublon{'s' if len(self.duplicates) > 1 else ''} "
            f"signalé{'s' if len(self.duplicates) > 1 else ''}, {self.refused} ligne{'s' if self.refused > 1 else ''} "
            f"refusée{'s' if self.refused > 1 else ''}."
        )


@dataclass
class _Row:
    line: int
    values: dict[str, str]
    lon: float
    lat: float
    outline: object | None  # shapely MultiPolygon
    departement: str


def _status(value: str) -> str:
    return value if value in SiteStatus.values else SiteStatus.INCONNU


def _int(value: str) -> int | None:
    return int(value) if value and value.lstrip("+-").isdigit() else None


def _site_values(row: _Row) -> dict:
    v = row.values
    surface = _int(v.get("unite_fonciere_surface", ""))
    if surface is None and row.outline is not None:
        surface = round(area_m2(row.outline))
    return {
        "name": v["site_nom"][:255],
        "site_type": v["site_type"],
        "address": v.get("site_adresse", "")[:255],
        "commune_insee": v["comm_insee"].upper(),
        "commune_name": v["comm_nom"][:100],
        "departement": row.departement,
        "region": region_of_departement(row.departement) or "",
        "point": Point(row.lon, row.lat, srid=4326),
        "outline": geos_outline(row.outline) if row.outline is not None else None,
        "surface_m2": surface,
        "status": _status(v.get("site_statut", "")),
        "owner_kind": owner_kind_of_categories(v.get("proprio_type", "")),
        "owner_name": v.get("proprio_nom", "")[:255],
        "soil_pollution": v.get("sol_pollution_existe", ""),
        "building_pollution": v.get("bati_pollution", ""),
        "zone_type": v.get("urba_zone_type", ""),
        "zone_label": v.get("urba_zone_lib", "")[:50],
        "planning_document": v.get("urba_doc_type", ""),
        "zaer": v.get("urba_zaer") or "inconnu",
        "identified_on": dt.date.fromisoformat(v["site_identif_date"]),
        "updated_on": dt.date.fromisoformat(v["site_actu_date"]),
        "source_name": v["source_nom"][:255],
        "cnig": {k: val for k, val in v.items() if k not in COLUMN_FIELDS and val},
    }


def _read(outcome: CnigImportOutcome, table, plan) -> list[_Row]:
    report = outcome.report
    rows = []
    raw_rows = []
    for row in table.rows:
        values = {plan.columns[h]: row.text(h) for h in plan.columns}
        values = {k: ("" if is_missing(v) else v.strip()) for k, v in values.items()}
        for name, value in plan.completed.items():
            if not values.get(name):
                values[name] = value
        raw_rows.append((row.line, values))
    repeated = duplicate_keys(raw_rows)
    for line, values in raw_rows:
        problems = list(row_errors(values))
        if line in repeated:
            problems.append(
                ("site_id", f"identifiant « {shown(values['site_id'])} » déjà présent ligne {repeated[line]}")
            )
        departement = departement_of_insee(values.get("comm_insee", ""))
        if values.get("comm_insee") and departement is None:
            problems.append(("comm_insee", f"code INSEE de commune inconnu (« {shown(values['comm_insee'])} »)"))
        point = outline = None
        if values.get("geompoint"):
            try:
                point = read_point(values["geompoint"])
            except GeometryError as exc:
                problems.append(("geompoint", str(exc)))
        if problems:
            outcome.refused_lines[line] = problems
            for name, message in problems:
                report.error(message, line=line, field=name)
            continue
        if point.swapped:
            report.warn(
                "latitude et longitude inversées dans le WKT : remises dans l’ordre", line=line, field="geompoint"
            )
        if values.get("geomsurf"):
            try:
                read = read_outline(values["geomsurf"])
            except GeometryError as exc:
                report.warn(f"{exc} : site importé sans contour", line=line, field="geomsurf")
            else:
                outline = read.geometry
                if read.swapped:
                    report.warn("contour aux coordonnées inversées : remis dans l’ordre", line=line, field="geomsurf")
                if read.repaired:
                    report.warn("contour qui se recoupe : réparé", line=line, field="geomsurf")
        rows.append(_Row(line, values, point.lon, point.lat, outline, departement))
    return rows


def _attach_outlines(report: ImportReport, rows: list[_Row], outlines: dict) -> None:
    """Outlines given beside the file, by site_id, for the rows without geomsurf (geomsurf wins)."""
    used = set()
    for r in rows:
        outline = outlines.get(r.values["site_id"])
        if outline is not None and r.outline is None:
            r.outline = outline
            used.add(r.values["site_id"])
    report.warn(f"{len(used)} contour{'s' if len(used) > 1 else ''} pris dans le fichier de contours")
    unused = sorted(set(outlines) - {r.values["site_id"] for r in rows})
    if unused:
        report.warn(f"contours sans ligne dans le fichier : {', '.join(unused[:20])}{'…' if len(unused) > 20 else ''}")


def _find_duplicates(rows: list[_Row], existing_ids: set[str]) -> list[Duplicate]:
    """New sites (not an update of the same site_id) whose outline covers more than 10 % of a
    registered site's outline, or of an earlier row's in the same file."""
    duplicates: list[Duplicate] = []
    with_outline = [r for r in rows if r.outline is not None and r.values["site_id"] not in existing_ids]
    for r in with_outline:
        geometry = GEOSGeometry(memoryview(r.outline.wkb), srid=4326)
        for site in (
            Site.objects.filter(outline__intersects=geometry)
            .exclude(site_id=r.values["site_id"])
            .only("site_id", "outline")
        ):
            share = overlap_share(_shape(site.outline), r.outline)
            if share > 0.10:
                duplicates.append(Duplicate(r.line, r.values["site_id"], site.site_id, share))
                break
    flagged = {d.line for d in duplicates}
    kept = [r for r in with_outline if r.line not in flagged]
    tree = STRtree([r.outline for r in kept])
    for i, r in enumerate(kept):
        for j in sorted(tree.query(r.outline)):
            if j >= i or kept[j].line in flagged:
                continue
            if is_duplicate(kept[j].outline, r.outline):
                duplicates.append(
                    Duplicate(
                        r.line,
                        r.values["site_id"],
                        kept[j].values["site_id"],
                        overlap_share(kept[j].outline, r.outline),
                    )
                )
                flagged.add(r.line)
                break
    return sorted(duplicates, key=lambda d: d.line)


def _shape(geos):
    return wkb.loads(bytes(geos.wkb))


def cnig_import(
    *,
    actor,
    source,
    filename: str,
    source_name: str,
    skip_invalid: bool = False,
    today: dt.date | None = None,
    created_by=None,
    outlines: dict | None = None,
) -> CnigImportOutcome:
    """`actor` None: the command line, or a job whose starter the page checked (`created_by`)."""
    if actor is not None:
        permissions.require(actor, "friches.site_import")
        created_by = actor
    today = today or timezone.localdate()
    outcome = CnigImportOutcome(report=ImportReport(), accepted=False)
    report = outcome.report
    try:
        table = read_table(
            source,
            filename=filename,
            max_rows=settings.FRICHES_IMPORT_MAX_ROWS,
            max_bytes=settings.FRICHES_IMPORT_MAX_MB * 1024 * 1024,
        )
    except FileRefused as exc:
        outcome.report = ImportReport.from_refusal(exc)
        return outcome
    report.rows_read = len(table.rows)
    plan = plan_columns(table.headers, today=today, source_name=source_name or "")
    if "source_nom" in plan.completed and not plan.completed["source_nom"]:
        del plan.completed["source_nom"]
        plan.errors.append("colonne source_nom absente : indiquez le nom de la source (le producteur des données)")
    for problem in plan.errors:
        report.error(problem)
    if plan.errors:
        return outcome
    if plan.ignored:
        report.warn(f"colonnes hors du standard, ignorées : {', '.join(shown(h) for h in plan.ignored)}")
    for name, value in plan.completed.items():
        report.warn(
            f"colonne {name} absente du fichier : « {shown(value)} » pour chaque ligne ({FIELDS_BY_NAME[name].title})"
        )
    rows = _read(outcome, table, plan)
    if outlines:
        _attach_outlines(report, rows, outlines)
    if outcome.refused_lines and not skip_invalid:
        return outcome
    existing = dict(Site.objects.filter(site_id__in=[r.values["site_id"] for r in rows]).values_list("site_id", "pk"))
    outcome.duplicates = _find_duplicates(rows, set(existing))
    flagged = {d.line for d in outcome.duplicates}
    with transaction.atomic():
        new_sites = []
        for r in rows:
            if r.line in flagged:
                continue
            values = _site_values(r)
            if r.values["site_id"] in existing:
                Site.objects.filter(pk=existing[r.values["site_id"]]).update(**values, modified_at=timezone.now())
                report.updated += 1
            else:
                new_sites.append(Site(site_id=r.values["site_id"], **values))
        Site.objects.bulk_create(new_sites, batch_size=BATCH)
        report.created = len(new_sites)
        report.skipped = outcome.refused + len(outcome.duplicates)
        outcome.accepted = True
        outcome.site_import = SiteImport.objects.create(
            created_by=created_by,
            filename=filename[:255],
            source_name=(source_name or "")[:255],
            skip_invalid=skip_invalid,
            accepted=True,
            rows=report.rows_read,
            created=report.created,
            updated=report.updated,
            refused=outcome.refused,
            duplicates=len(outcome.duplicates),
            report={
                "summary": outcome.summary(),
                "errors": [p.as_dict() for p in report.errors],
                "warnings": [p.as_dict() for p in report.warnings],
                "duplicates": [d.__dict__ for d in outcome.duplicates],
            },
        )
        event_record(
            actor=created_by,
            action="friches.sites_import",
            target=outcome.site_import,
            product=PRODUCT,
            payload={
                "filename": filename[:255],
                "created": report.created,
                "updated": report.updated,
                "refused": outcome.refused,
                "duplicates": len(outcome.duplicates),
            },
        )
    return outcome


# Large files: stored, then imported by a job (still one transaction); the page follows its progress.
JOB_KIND = "friches.cnig_import"


def cnig_upload_store(*, upload) -> str:
    """Keep an uploaded file under a random name until its job has read it."""
    return default_storage.save(f"friches/imports/{uuid.uuid4().hex}.upload", upload)


def cnig_import_stored(
    *,
    name: str,
    filename: str,
    source_name: str,
    skip_invalid: bool,
    created_by_id: int | None,
    outlines_name: str = "",
) -> dict:
    """Import a stored upload (the job's one service call); the files are deleted afterwards."""
    created_by = User.objects.filter(pk=created_by_id).first() if created_by_id else None
    try:
        outlines, problems = None, []
        if outlines_name:
            with default_storage.open(outlines_name, "rb") as handle:
                outlines, problems = read_outlines_file(handle)
        with default_storage.open(name, "rb") as handle:
            outcome = cnig_import(
                actor=None,
                source=handle,
                filename=filename,
                source_name=source_name,
                skip_invalid=skip_invalid,
                created_by=created_by,
                outlines=outlines,
            )
        for problem in problems:
            outcome.report.warn(problem)
    finally:
        for stored in (name, outlines_name):
            if stored:
                default_storage.delete(stored)
    return {
        "accepted": outcome.accepted,
        "summary": outcome.summary(),
        "lines": outcome.lines()[1:2001],
        "rows": outcome.report.rows_read,
        "site_import_id": outcome.site_import.pk if outcome.site_import else None,
    }


MAX_OUTLINES_BYTES = 100 * 1024 * 1024


class _NotFinite(ValueError):
    """NaN, Infinity or a number beyond a float: JSON admits none of them."""


def _refuse_constant(text: str):
    raise _NotFinite(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _NotFinite(text)
    return value


def read_outlines_file(source) -> tuple[dict, list[str]]:
    """A GeoJSON of outlines (a path or an uploaded file), capped in size; (outlines, problems)."""
    try:
        if isinstance(source, str | Path):
            if Path(source).stat().st_size > MAX_OUTLINES_BYTES:
                return {}, ["contours : fichier de plus de 100 Mo"]
            raw = Path(source).read_bytes()
        else:
            raw = source.read(MAX_OUTLINES_BYTES + 1)
            if len(raw) > MAX_OUTLINES_BYTES:
                return {}, ["contours : fichier de plus de 100 Mo"]
        data = json.loads(raw, parse_constant=_refuse_constant, parse_float=_finite_float)
    except FileNotFoundError:
        return {}, ["contours : fichier introuvable"]
    except _NotFinite as exc:
        return {}, [f"contours : valeur « {exc} » refusée (le JSON n’admet ni NaN ni l’infini)"]
    except RecursionError:
        return {}, ["contours : JSON trop imbriqué pour être lu"]
    except (OSError, ValueError, UnicodeDecodeError):
        return {}, ["contours : fichier illisible (GeoJSON attendu)"]
    return outlines_from_geojson(data)
