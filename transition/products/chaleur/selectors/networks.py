"""Reads on the networks side: lists, a network's page, the map's GeoJSON layers."""

import dataclasses
import json
import threading
from dataclasses import dataclass

import numpy as np
import shapely
from django.contrib.gis.db.models import Extent
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from shapely.geometry import mapping

from transition.platform.geo.projection import to_wgs84_many
from transition.platform.geo.spatial_index import geos_to_shapely

from .domain.eligibility import EligibilityType
from .eligibility_index import EligibilityResult, eligibility_for_point, get_index
from .models import Network, NetworkKind, NetworkUnderConstruction, Pdp, data_version_get

__all__ = [
    "LAYERS",
    "CommuneUnavailable",
    "GeocoderUnavailable",
    "address_suggestions",
    "eligibility_for_coordinates",
    "SORTS",
    "map_layer_geojson",
    "network_get",
    "network_list",
    "networks_geojson",
    "operator_names",
]

# name -> (label, ordering)
SORTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "nom": ("Nom", ("name", "national_id")),
    "identifiant": ("Identifiant", ("national_id",)),
    "enr": ("Taux EnR&R décroissant", ("-renewable_rate_pct", "name")),
    "co2": ("Contenu CO₂ croissant", ("co2_kg_per_kwh", "name")),
    "longueur": ("Longueur décroissante", ("-length_km", "name")),
}


def network_list(*, search: str = "", sort: str = "nom", kind: str = "") -> QuerySet[Network]:
    networks = Network.objects.all()
    if kind in NetworkKind.values:
        networks = networks.filter(kind=kind)
    for word in search.split()[:6]:
        networks = networks.filter(
            Q(name__icontains=word)
            | Q(national_id__iexact=word)
            | Q(communes__icontains=word)
            | Q(gestionnaire__icontains=word)
            | Q(departement__icontains=word)
        )
    ordering = SORTS.get(sort, SORTS["nom"])[1]
    # Empty values last whatever the direction: a network without figures is not the best one.
    fields = [F(f[1:]).desc(nulls_last=True) if f.startswith("-") else F(f).asc(nulls_last=True) for f in ordering]
    return networks.defer("trace", "location", "source_properties").order_by(*fields, "pk")


def network_get(national_id: str) -> Network | None:
    return Network.objects.filter(national_id=national_id.upper()).order_by("pk").first()


def operator_names() -> list[str]:
    return sorted(set(Network.objects.exclude(gestionnaire="").values_list("gestionnaire", flat=True)))


# Map layers --------------------------------------------------------------------------------------

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
                    "name": f"PDP du réseau {network.name if network else pdp.national_id}",
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
        version = data_version_get()
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


# Eligibility of a position or an address ---------------------------------------------------------


class CommuneUnavailable(Exception):
    """The commune of a position was needed (no network within 1 km) but could not be found."""


class GeocoderUnavailable(Exception):
    pass


def eligibility_for_coordinates(*, lon: float, lat: float, citycode: str | None = None) -> EligibilityResult:
    """The eligibility of a position. Its commune matters only when no network lies within 1 km
    (a network without a trace may serve it): only then is it asked to the geocoder."""
    result = eligibility_for_point(lon, lat, citycode)
    if citycode or result.type != EligibilityType.TROP_ELOIGNE or not get_index().no_trace_by_commune:
        return result
    from transition.platform.geo.geocoding import GeocodingError, get_geocoder

    try:
        found = get_geocoder().reverse(lon=lon, lat=lat, limit=1)
    except GeocodingError as exc:
        raise CommuneUnavailable(
            f"La commune de cette position n’a pas pu être déterminée ({exc}). Réessayez dans quelques instants."
        ) from exc
    if not found or not found[0].citycode:
        return result  # no address there: no commune, so no network without a trace serves it
    citycode = found[0].citycode
    if citycode not in get_index().no_trace_by_commune:
        # No network without a trace serves it: the rule gives the same answer, known for a commune.
        return dataclasses.replace(result, citycode=citycode, commune_has_no_trace_network=False)
    return eligibility_for_point(lon, lat, citycode)


# A network's page --------------------------------------------------------------------------------

ENERGY_LABELS = {
    "biomasse": "Biomasse",
    "gaz_naturel": "Gaz naturel",
    "fioul": "Fioul",
    "charbon": "Charbon",
    "geothermie": "Géothermie",
    "solaire_thermique": "Solaire thermique",
    "dechets_internes": "Chaleur de récupération (déchets)",
    "UVE": "Unité de valorisation énergétique des déchets",
    "chaleur_industrielle": "Chaleur industrielle",
    "PAC": "Pompes à chaleur",
    "biogaz": "Biogaz",
    "electricite": "Électricité",
    "autres": "Autres",
}
SECTOR_LABELS = {
    "residentiel": "Résidentiel",
    "tertiaire": "Tertiaire",
    "industrie": "Industrie",
    "agriculture": "Agriculture",
    "autres": "Autres",
}


def _label(key: str, labels: dict[str, str]) -> str:
    return labels.get(key) or key.replace("_", " ").strip().capitalize()


def _shares(values: dict, labels: dict[str, str]) -> list[dict]:
    total = sum(v for v in values.values() if v and v > 0)
    rows = [
        {
            "key": key,
            "label": _label(key, labels),
            "mwh": value,
            "share_pct": round(100 * value / total, 1) if total else None,
        }
        for key, value in values.items()
        if value and value > 0
    ]
    return sorted(rows, key=lambda row: -row["mwh"])


def network_details(network: Network) -> dict:
    pdp = network.pdps.exists() or Pdp.objects.filter(national_id=network.national_id).exclude(national_id="").exists()
    return {
        "energy_mix": _shares(network.production_mwh_by_energy or {}, ENERGY_LABELS),
        "deliveries": _shares(network.deliveries_mwh_by_sector or {}, SECTOR_LABELS),
        "has_pdp": pdp,
        "co2_g_per_kwh": round(network.co2_kg_per_kwh * 1000) if network.co2_kg_per_kwh is not None else None,
        "co2_lca_g_per_kwh": round(network.co2_lca_kg_per_kwh * 1000)
        if network.co2_lca_kg_per_kwh is not None
        else None,
    }


def address_suggestions(query: str, *, limit: int = 5) -> list:
    """Addresses matching what a person is typing (autocomplete), best first."""
    from transition.platform.geo.geocoding import GeocodingError, get_geocoder

    query = " ".join(query.split())[:200]
    if len(query) < 3:
        raise ValueError("Saisissez au moins 3 caractères.")
    try:
        return get_geocoder().search(query, limit=limit, autocomplete=True)
    except GeocodingError as exc:
        raise GeocoderUnavailable(str(exc)) from exc


def networks_extent_wgs84() -> tuple[float, float, float, float] | None:
    """West, south, east, north of every network (traces, positions, works), for the map's first
    view: all of France with the national data, the demo's town with the demo. None when empty."""
    boxes = [
        Network.objects.aggregate(box=Extent("trace"))["box"],
        Network.objects.aggregate(box=Extent("location"))["box"],
        NetworkUnderConstruction.objects.aggregate(box=Extent("trace"))["box"],
        NetworkUnderConstruction.objects.aggregate(box=Extent("zone"))["box"],
    ]
    boxes = [box for box in boxes if box]
    if not boxes:
        return None
    xmin, ymin = min(b[0] for b in boxes), min(b[1] for b in boxes)
    xmax, ymax = max(b[2] for b in boxes), max(b[3] for b in boxes)
    lons, lats = to_wgs84_many([xmin, xmax, xmin, xmax], [ymin, ymin, ymax, ymax])
    return float(lons.min()), float(lats.min()), float(lons.max()), float(lats.max())
