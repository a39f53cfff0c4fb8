"""The registry as files: CNIG CSV (valid against the standard) and GeoJSON, through the
platform's writer for the CSV."""

import json
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

from transition.platform.core.spreadsheets import csv_response

from .domain.cnig_export import ExportBuilding, cnig_row
from .domain.cnig_schema import FIELD_NAMES
from .models import Site

CHUNK = 2000


def _columns(site: Site) -> dict[str, object]:
    return {
        "site_id": site.site_id,
        "site_nom": site.name,
        "site_type": site.site_type,
        "site_adresse": site.address,
        "site_identif_date": site.identified_on.isoformat(),
        "site_actu_date": site.updated_on.isoformat(),
        "site_statut": site.status,
        "comm_nom": site.commune_name,
        "comm_insee": site.commune_insee,
        "proprio_nom": site.owner_name,
        "sol_pollution_existe": site.soil_pollution,
        "bati_pollution": site.building_pollution,
        "unite_fonciere_surface": site.surface_m2,
        "urba_zone_type": site.zone_type,
        "urba_zone_lib": site.zone_label,
        "urba_zaer": site.zaer,
        "urba_doc_type": site.planning_document,
        "source_nom": site.source_name,
    }


def site_cnig_row(site: Site) -> dict[str, str]:
    buildings = [
        ExportBuilding(b.use, b.floor_area_m2, b.state, b.heritage, b.vacancy, b.built_year)
        for b in site.buildings.all()
    ]
    return cnig_row(
        columns=_columns(site),
        received=site.cnig or {},
        lon=site.point.x,
        lat=site.point.y,
        outline_wkt=site.outline.wkt if site.outline else None,
        buildings=buildings,
    )


def _sites(queryset) -> Iterator[Site]:
    return queryset.order_by("pk").prefetch_related("buildings").iterator(chunk_size=CHUNK)


def cnig_csv_response(queryset, filename: str = "friches-cnig.csv"):
    rows = ([row[name] for name in FIELD_NAMES] for row in map(site_cnig_row, _sites(queryset)))
    return csv_response(filename, FIELD_NAMES, rows, delimiter=",", bom=False)


def site_feature(site: Site) -> dict:
    properties = {k: v for k, v in site_cnig_row(site).items() if k not in ("geompoint", "geomsurf") and v != ""}
    properties["longitude"] = round(site.point.x, 6)
    properties["latitude"] = round(site.point.y, 6)
    geometry = site.outline or site.point
    return {"type": "Feature", "id": site.site_id, "geometry": json.loads(geometry.geojson), "properties": properties}


def _geojson_chunks(sites: Iterable[Site]) -> Iterator[str]:
    yield '{"type": "FeatureCollection", "features": ['
    for i, site in enumerate(sites):
        yield ("," if i else "") + json.dumps(site_feature(site), ensure_ascii=False)
    yield "]}"


def geojson_response(queryset, filename: str = "friches.geojson") -> StreamingHttpResponse:
    response = StreamingHttpResponse(_geojson_chunks(_sites(queryset)), content_type="application/geo+json")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
