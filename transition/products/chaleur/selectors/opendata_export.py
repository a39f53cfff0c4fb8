"""The national open-data archive of heat and cold networks, written from our data: the same six
GeoJSON files, in Lambert-93 with their `crs` member, that `chaleur_import` reads. Importing the
archive we wrote changes nothing (a test proves it)."""

import io
import json
import zipfile
from pathlib import Path

from ..domain.network_data import NETWORK_FIELDS
from ..domain.opendata_export import exported_construction_properties, exported_network_properties
from ..enums import NetworkKind
from ..models import Network, NetworkUnderConstruction, Pdp
from ..services.networks_import import FILES

__all__ = ["opendata_archive_write", "opendata_collections"]

CRS_L93 = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}}


def _feature(geometry, properties: dict) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": json.loads(geometry.json)}


def _network_current(network: Network) -> dict:
    current = {field.target: getattr(network, field.target) for field in NETWORK_FIELDS}
    current["national_id"] = network.national_id
    current["production_mwh_by_energy"] = network.production_mwh_by_energy or {}
    current["deliveries_mwh_by_sector"] = network.deliveries_mwh_by_sector or {}
    return current


def opendata_collections() -> dict[str, dict]:
    """File name -> GeoJSON FeatureCollection, for every file of the archive (empty ones included)."""
    collections = {name: [] for name in FILES}
    network_files = {(kind, traced): name for name, (role, kind, traced) in FILES.items() if role == "network"}
    for network in Network.objects.order_by("kind", "has_trace", "national_id", "pk"):
        geometry = network.trace if network.has_trace else network.location
        if geometry is None:
            continue
        name = network_files[(NetworkKind(network.kind), network.has_trace)]
        properties = exported_network_properties(network.source_properties, _network_current(network))
        collections[name].append(_feature(geometry, properties))
    for future in NetworkUnderConstruction.objects.order_by("national_id", "pk"):
        geometry = future.zone if future.is_zone else future.trace
        if geometry is None:
            continue
        current = {
            "national_id": future.national_id,
            "name": future.name,
            "gestionnaire": future.gestionnaire,
            "mise_en_service": future.mise_en_service,
            "communes": future.communes,
        }
        properties = exported_construction_properties(future.source_properties, current)
        collections["zones_et_reseaux_en_construction.geojson"].append(_feature(geometry, properties))
    for pdp in Pdp.objects.order_by("national_id", "pk"):
        properties = dict(pdp.source_properties or {})
        if (properties.get("Identifiant reseau") or "") != pdp.national_id:
            properties["Identifiant reseau"] = pdp.national_id or None
        collections["pdp.geojson"].append(_feature(pdp.geometry, properties))
    return {
        name: {"type": "FeatureCollection", "crs": CRS_L93, "features": features}
        for name, features in collections.items()
    }


def opendata_archive_write(*, path: Path) -> dict[str, int]:
    """Writes the archive (written beside, then moved into place: never half a file); returns the
    number of objects per file."""
    path = Path(path)
    collections = opendata_collections()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, collection in collections.items():
            archive.writestr(name, json.dumps(collection, ensure_ascii=False, separators=(",", ":")))
    partial = path.with_name(path.name + ".partiel")
    partial.write_bytes(buffer.getvalue())
    partial.replace(path)
    return {name: len(collection["features"]) for name, collection in collections.items()}
