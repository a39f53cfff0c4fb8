"""Public geocoding endpoints (mounted at /api/geo/): what the address fields' autocomplete calls.

Both answer a GeoJSON FeatureCollection in the BAN's shape; errors in the API's one shape
(platform/core/api.py): bad input a 400 or 422 in French, an unavailable geocoder a 503, too
many requests from one IP a 429.
"""

from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router

from transition.platform.accounts.ratelimit import api_rate_limit
from transition.platform.core.api import PUBLIC_API_ERRORS, ApiError, ErrorOut
from transition.platform.geo.geocoding import GeocodingError, feature_collection, get_geocoder
from transition.platform.geo.results import MAX_LIMIT, MAX_QUERY_LENGTH

router = Router(tags=["géocodage"])

RESPONSES = {200: dict, **PUBLIC_API_ERRORS, 503: ErrorOut}
LATITUDE = Query(None, ge=-90, le=90, allow_inf_nan=False, description="Latitude WGS84 en degrés décimaux.")
LONGITUDE = Query(None, ge=-180, le=180, allow_inf_nan=False, description="Longitude WGS84 en degrés décimaux.")


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(400, "invalid", message, errors=[{"field": field, "message": message}])


def _unavailable(exc: GeocodingError) -> ApiError:
    return ApiError(503, "unavailable", exc.message)


@router.get("/search", response=RESPONSES, summary="Rechercher une adresse (réponse GeoJSON de la BAN)")
@api_rate_limit("geo_api")
def search(
    request: HttpRequest,
    q: str = Query("", max_length=MAX_QUERY_LENGTH, description="Adresse recherchée, 3 caractères au moins."),
    limit: int = Query(5, ge=1, le=MAX_LIMIT),
    autocomplete: bool = False,
    type: Literal["housenumber", "street", "locality", "municipality"] | None = None,
    postcode: str | None = Query(None, pattern=r"^[0-9]{5}$", description="Code postal de 5 chiffres."),
    citycode: str | None = Query(None, pattern=r"^[0-9AB]{5}$", description="Code INSEE de la commune."),
    lat: float | None = LATITUDE,
    lon: float | None = LONGITUDE,
):
    q = (q or "").strip()
    if len(q) < 3:
        raise _invalid("q", "Saisissez au moins 3 caractères de l'adresse (paramètre « q »).")
    if (lat is None) != (lon is None):
        raise _invalid("lat" if lat is None else "lon", "Donnez « lat » et « lon » ensemble, ou aucun des deux.")
    try:
        results = get_geocoder().search(
            q,
            limit=limit,
            autocomplete=autocomplete,
            type=type or None,
            postcode=postcode or None,
            citycode=citycode or None,
            lat=lat,
            lon=lon,
        )
    except GeocodingError as exc:
        raise _unavailable(exc) from exc
    return feature_collection(results, query=q, limit=limit)


@router.get("/reverse", response=RESPONSES, summary="Trouver l'adresse la plus proche d'un point")
@api_rate_limit("geo_api")
def reverse(
    request: HttpRequest,
    lat: float | None = LATITUDE,
    lon: float | None = LONGITUDE,
    limit: int = Query(1, ge=1, le=MAX_LIMIT),
):
    if lat is None or lon is None:
        raise _invalid("lat" if lat is None else "lon", "Donnez la latitude « lat » et la longitude « lon » du point.")
    try:
        results = get_geocoder().reverse(lon=lon, lat=lat, limit=limit)
    except GeocodingError as exc:
        raise _unavailable(exc) from exc
    return feature_collection(results, limit=limit)
