"""The map's layers: GeoJSON of the networks, PDP and networks under construction, built once per
data version and process, simplified per zoom on demand, cut by the view's bounding box."""

import json
import threading
from dataclasses import dataclass

import numpy as np
import shapely
from django.urls import reverse
from shapely.geometry import mapping

from transition.platform.core.models import data_version_get
from transition.platform.geo.projection import to_wgs84_many
from transition.platform.geo.spatial_index import geos_to_shapely

from ..enums import NETWORKS_DATA, NetworkKind
from ..models import Network, NetworkUnderConstruction, Pdp

__all__ = [
    "LAYERS",
    "MAX_ZOOM",
    "MIN_ZOOM",
    "MapFilters",
    "layer_cache_clear",
    "map_layer_geojson",
    "networks_geojson",
    "tolerance_m",
]

LAYERS = {
    "chaleur": "Réseaux de chaleur",
    "froid": "Réseaux de froid",
    "construction": "Réseaux en construction",
    "pdp": "Périmètres de développement prioritaire",
}
MIN_ZOOM, MAX_ZOOM = 5, 18


def tolerance_m(zoom: int) -> float:
    """Half a screen pixel at that zoom (Web Mercator at mid-France latitude), in metres."""
    return 0.5 * 156_543.03 * 0.69 / (2**zoom)


@dataclass
class _Layer:
    properties: list[dict]
    geometries_l93: list  # shapely, Lambert-93
    envelopes: shapely.STRtree  # over WGS84 bounding boxes
    simplified: dict  # zoom -> list[dict | None] (GeoJSON geometries in WGS84)


def _network_properties(network: Network) -> dict:
    return {
        "id": network.national_id,
        "name": network.name,
        "kind": network.kind,
        "gestionnaire": network.gestionnaire,
        "rateENRR": network.renewable_rate_pct,
        "rateCO2": network.co2_kg_per_kwh,
        "isClasse": network.classified,
        "hasTrace": network.trace is not None,
        "open": network.open_to_connections,
        "url": reverse("chaleur:network_detail", args=[network.national_id]) if network.national_id else None,
    }


def _to_wgs84(geometry):
    return shapely.transform(geometry, lambda coords: np.column_stack(to_wgs84_many(coords[:, 0], coords[:, 1])))


def _build_layer(name: str) -> _Layer:
    properties, geometries = [], []
    if name in {"chaleur", "froid"}:
        kind = NetworkKind.HEAT if name == "chaleur" else NetworkKind.COLD
        for network in Network.objects.filter(kind=kind).defer("source_properties").order_by("pk"):
            geometry = network.trace or network.location
            if geometry is None:
                continue
            properties.append(_network_properties(network))
            geometries.append(geos_to_shapely(geometry))
    elif name == "construction":
        for network in NetworkUnderConstruction.objects.order_by("pk"):
            geometry = network.trace or network.zone
            if geometry is None:
                continue
            properties.append(
                {
                    "id": network.national_id or None,
                    "name": network.name,
                    "kind": "construction",
                    "isZone": network.zone is not None,
                    "gestionnaire": network.gestionnaire,
                    "miseEnService": network.mise_en_service,
                    "open": network.open_to_connections,
                    "url": None,
                }
            )
            geometries.append(geos_to_shapely(geometry))
    else:
        for pdp in Pdp.objects.select_related("network").order_by("pk"):
            network = pdp.network
            properties.append(
                {
                    "id": pdp.national_id,
                    "name": f"PDP — {network.name if network else pdp.national_id}",
                    "kind": "pdp",
                    "gestionnaire": network.gestionnaire if network else "",
                    "url": reverse("chaleur:network_detail", args=[network.national_id])
                    if network and network.national_id
                    else None,
                }
            )
            geometries.append(geos_to_shapely(pdp.geometry))
    wgs84_boxes = [shapely.box(*_to_wgs84(shapely.envelope(g)).bounds) for g in geometries]
    return _Layer(properties, geometries, shapely.STRtree(wgs84_boxes), {})


class _LayerCache:
    """Layers built once per data version and process; simplified geometries per zoom, on demand."""

    def __init__(self):
        self._lock = threading.Lock()
        self._version = None
        self._layers: dict[str, _Layer] = {}

    def layer(self, name: str) -> _Layer:
        version = data_version_get(NETWORKS_DATA)
        with self._lock:
            if version != self._version:
                self._layers, self._version = {}, version
            if name not in self._layers:
                self._layers[name] = _build_layer(name)
            return self._layers[name]

    def simplified(self, layer: _Layer, zoom: int, positions) -> list[dict]:
        with self._lock:
            cache = layer.simplified.setdefault(zoom, {})
        tolerance = tolerance_m(zoom)
        out = []
        for position in positions:
            geometry = cache.get(position)
            if geometry is None:
                simple = layer.geometries_l93[position]
                if simple.geom_type != "Point":
                    simple = shapely.simplify(simple, tolerance, preserve_topology=True)
                geometry = json.dumps(mapping(_to_wgs84(shapely.set_precision(simple, 0.01))))
                geometry = json.dumps(_rounded(json.loads(geometry)))
                cache[position] = geometry
            out.append(geometry)
        return out

    def clear(self):
        with self._lock:
            self._layers, self._version = {}, None


def _rounded(geometry: dict) -> dict:
    """Six decimals of a degree (about 10 cm) are plenty for a map and keep answers small."""

    def walk(value):
        if isinstance(value, list):
            return [walk(v) for v in value]
        return round(value, 6) if isinstance(value, float) else value

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


_cache = _LayerCache()


@dataclass(frozen=True)
class MapFilters:
    enr_min_pct: float | None = None
    co2_max_kg_per_kwh: float | None = None
    gestionnaire: str = ""

    def keeps(self, properties: dict) -> bool:
        if self.enr_min_pct is not None and (properties.get("rateENRR") or 0) < self.enr_min_pct:
            return False
        if self.co2_max_kg_per_kwh is not None:
            co2 = properties.get("rateCO2")
            if co2 is None or co2 > self.co2_max_kg_per_kwh:
                return False
        return not (self.gestionnaire and properties.get("gestionnaire") != self.gestionnaire)


def map_layer_geojson(
    *, layer: str, bbox: tuple[float, float, float, float] | None, zoom: int, filters: MapFilters | None = None
) -> str:
    """A FeatureCollection (as JSON text) of one layer's features crossing `bbox` (WGS84 west,
    south, east, north), simplified for `zoom`."""
    if layer not in LAYERS:
        raise ValueError(f"Couche inconnue : {layer}")
    zoom = max(MIN_ZOOM, min(MAX_ZOOM, int(zoom)))
    data = _cache.layer(layer)
    if bbox is None:
        positions = list(range(len(data.properties)))
    else:
        positions = sorted(data.envelopes.query(shapely.box(*bbox)).tolist())
    if filters and layer in {"chaleur", "froid"}:
        positions = [p for p in positions if filters.keeps(data.properties[p])]
    geometries = _cache.simplified(data, zoom, positions)
    features = ",".join(
        f'{{"type":"Feature","properties":{json.dumps(data.properties[p], ensure_ascii=False)},"geometry":{g}}}'
        for p, g in zip(positions, geometries, strict=True)
    )
    return f'{{"type":"FeatureCollection","features":[{features}]}}'


def networks_geojson(*, bbox=None, zoom: int = MAX_ZOOM, filters: MapFilters | None = None) -> str:
    """Every heat and cold network (traces and points) as one FeatureCollection."""
    heat = json.loads(map_layer_geojson(layer="chaleur", bbox=bbox, zoom=zoom, filters=filters))
    cold = json.loads(map_layer_geojson(layer="froid", bbox=bbox, zoom=zoom, filters=filters))
    return json.dumps(
        {"type": "FeatureCollection", "features": heat["features"] + cold["features"]}, ensure_ascii=False
    )


def layer_cache_clear() -> None:
    _cache.clear()
