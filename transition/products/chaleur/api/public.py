"""Public API of France Chaleur Urbaine (mounted at /chaleur/api/): eligibility and networks."""

import math

from django.http import HttpResponse, JsonResponse
from ninja import Router

from transition.platform.accounts.ratelimit import api_rate_limit
from transition.platform.core.api import PUBLIC_API_ERRORS, ApiError, ErrorOut

from ..enums import EligibilitySource
from ..selectors.eligibility import (
    CommuneUnavailable,
    GeocoderUnavailable,
    address_suggestions,
    eligibility_for_coordinates,
)
from ..selectors.map_layers import LAYERS, MAX_ZOOM, MapFilters, map_layer_geojson, networks_geojson
from ..services.eligibility_counts import eligibility_test_count
from .schemas import AddressOut, EligibilityOut, eligibility_out

router = Router(tags=["France Chaleur Urbaine"])
ERRORS = {**PUBLIC_API_ERRORS, 503: ErrorOut}


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(400, "invalid", message, errors=[{"field": field, "message": message}])


def _coordinate(raw: str | None, name: str, low: float, high: float) -> float:
    if raw is None or not raw.strip():
        raise _invalid(name, f"Le paramètre « {name} » est obligatoire.")
    try:
        value = float(raw.strip().replace(",", "."))
    except ValueError:
        raise _invalid(name, f"Le paramètre « {name} » doit être un nombre décimal, par exemple 45.188.") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise _invalid(name, f"Le paramètre « {name} » doit être compris entre {low:g} et {high:g}.")
    return value


@router.get(
    "/v1/eligibility",
    url_name="chaleur_eligibility",
    response={200: EligibilityOut, **ERRORS},
    summary="Éligibilité d’une position à un réseau de chaleur",
    description=(
        "Pour une latitude et une longitude (WGS84), dit si un réseau de chaleur passe assez près pour "
        "envisager un raccordement : type d’éligibilité, distance au réseau en mètres (arrondie), réseau "
        "concerné (identifiant national, nom, gestionnaire, taux d’énergies renouvelables et de récupération "
        "en %, contenu CO₂ en kg/kWh, réseau classé)."
    ),
    openapi_extra={
        "parameters": [
            {
                "in": "query",
                "name": name,
                "required": True,
                "schema": {"type": "number", "minimum": -limit, "maximum": limit, "title": title},
                "description": description,
            }
            for name, limit, title, description in (
                ("lat", 90, "Latitude", "Latitude en degrés décimaux (WGS84), par exemple 47.4786."),
                ("lon", 180, "Longitude", "Longitude en degrés décimaux (WGS84), par exemple -0.5938."),
            )
        ]
    },
)
@api_rate_limit("chaleur_api_eligibility")
def eligibility(request):
    # The two parameters are read here rather than declared in the signature: ninja's validation
    # of them cost a tenth of this answer's time under load (they are described in openapi_extra).
    latitude = _coordinate(request.GET.get("lat"), "lat", -90, 90)
    longitude = _coordinate(request.GET.get("lon"), "lon", -180, 180)
    try:
        result = eligibility_for_coordinates(lon=longitude, lat=latitude)
    except CommuneUnavailable as exc:
        raise ApiError(503, "unavailable", str(exc)) from exc
    eligibility_test_count(eligible=result.eligible, source=EligibilitySource.API)
    return JsonResponse(eligibility_out(result))


def _bbox(raw: str | None) -> tuple[float, float, float, float] | None:
    if not raw:
        return None
    parts = raw.split(",")
    if len(parts) != 4:
        raise _invalid("bbox", "Le paramètre « bbox » attend quatre nombres : ouest,sud,est,nord.")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise _invalid("bbox", "Le paramètre « bbox » attend quatre nombres : ouest,sud,est,nord.") from None
    if not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
        raise _invalid("bbox", "Le paramètre « bbox » n’est pas une emprise valide (ouest ≤ est, sud ≤ nord).")
    return west, south, east, north


def _number(raw: str | None, name: str) -> float | None:
    if not raw:
        return None
    try:
        return float(raw)
    except ValueError:
        raise _invalid(name, f"Le filtre « {name} » doit être un nombre.") from None


def _filters(enr_min: str | None, co2_max: str | None, gestionnaire: str | None) -> MapFilters:
    return MapFilters(
        enr_min_pct=_number(enr_min, "enr_min"),
        co2_max_kg_per_kwh=_number(co2_max, "co2_max"),
        gestionnaire=(gestionnaire or "").strip(),
    )


def _zoom(raw: str | None) -> int:
    if not raw:
        return MAX_ZOOM
    if not raw.isdigit():
        raise _invalid("zoom", "Le paramètre « zoom » doit être un entier.")
    return int(raw)


GEOJSON = "application/geo+json"
# Documented as what it is: a GeoJSON FeatureCollection, served as application/geo+json.
GEOJSON_RESPONSE = {
    "responses": {
        200: {  # ninja keys responses by int: a "200" would be a second, duplicated key
            "description": "Une FeatureCollection GeoJSON (WGS84).",
            "content": {GEOJSON: {"schema": {"type": "object", "required": ["type", "features"]}}},
        }
    }
}


@router.get(
    "/v1/networks",
    url_name="chaleur_networks",
    response={200: dict, **ERRORS},
    summary="Réseaux de chaleur et de froid (GeoJSON)",
    description=(
        "Les réseaux de chaleur et de froid en GeoJSON (WGS84), tracés et réseaux sans tracé (points). "
        "Paramètres facultatifs : `bbox` (ouest,sud,est,nord), `zoom` (simplifie les tracés pour ce niveau), "
        "`enr_min` (%), `co2_max` (kg/kWh), `gestionnaire`."
    ),
    openapi_extra=GEOJSON_RESPONSE,
)
@api_rate_limit("chaleur_api_networks")
def networks(
    request,
    bbox: str | None = None,
    zoom: str | None = None,
    enr_min: str | None = None,
    co2_max: str | None = None,
    gestionnaire: str | None = None,
):
    body = networks_geojson(bbox=_bbox(bbox), zoom=_zoom(zoom), filters=_filters(enr_min, co2_max, gestionnaire))
    return HttpResponse(body, content_type=GEOJSON)


@router.get(
    "/v1/map/{layer}",
    url_name="chaleur_map_layer",
    response={200: dict, **ERRORS},
    summary="Une couche de la carte (GeoJSON simplifié par emprise et zoom)",
    description="Couches : " + ", ".join(f"`{k}` ({v})" for k, v in LAYERS.items()) + ".",
    openapi_extra=GEOJSON_RESPONSE,
)
@api_rate_limit("chaleur_api_map")
def map_layer(
    request,
    layer: str,
    bbox: str | None = None,
    zoom: str | None = None,
    enr_min: str | None = None,
    co2_max: str | None = None,
    gestionnaire: str | None = None,
):
    if layer not in LAYERS:
        raise ApiError(404, "not_found", f"Couche inconnue : {layer}")
    body = map_layer_geojson(
        layer=layer, bbox=_bbox(bbox), zoom=_zoom(zoom), filters=_filters(enr_min, co2_max, gestionnaire)
    )
    return HttpResponse(body, content_type=GEOJSON)


@router.get(
    "/v1/address-search",
    url_name="chaleur_address_search",
    response={200: list[AddressOut], **ERRORS},
    summary="Recherche d’adresses (autocomplétion du test d’adresse et de la carte)",
)
@api_rate_limit("chaleur_api_address")
def address_search(request, q: str | None = None):
    try:
        found = address_suggestions(q or "")
    except ValueError as exc:
        raise _invalid("q", str(exc)) from exc
    except GeocoderUnavailable as exc:
        raise ApiError(503, "unavailable", str(exc)) from exc
    return JsonResponse(
        [{"label": a.label, "citycode": a.citycode, "lon": a.lon, "lat": a.lat} for a in found], safe=False
    )
