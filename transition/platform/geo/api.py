"""Public geocoding endpoints (mounted at /api/geo/): what the address fields' autocomplete calls.

Both answer a GeoJSON FeatureCollection in the BAN's shape; bad input gets a 400 with a French
message, an unavailable geocoder a 503, too many requests from one IP a 429.
"""

from django.http import HttpRequest
from ninja import Router, Schema, Status

from transition.platform.accounts.ratelimit import RateLimited, rate_limit_check
from transition.platform.geo.geocoding import GeocodingError, feature_collection, get_geocoder
from transition.platform.geo.results import MAX_LIMIT, MAX_QUERY_LENGTH

router = Router(tags=["géocodage"])


class Problem(Schema):
    detail: str


RESPONSES = {200: dict, 400: Problem, 429: Problem, 503: Problem}


def _int(value: str | None, name: str, default: int, low: int, high: int) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"Le paramètre « {name} » doit être un nombre entier.") from None
    if not low <= number <= high:
        raise ValueError(f"Le paramètre « {name} » doit être compris entre {low} et {high}.")
    return number


def _float(value: str | None, name: str, low: float, high: float) -> float | None:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"Le paramètre « {name} » doit être un nombre (point décimal).") from None
    if not low <= number <= high:
        raise ValueError(f"Le paramètre « {name} » doit être compris entre {low:g} et {high:g}.")
    return number


@router.get("/search", response=RESPONSES, summary="Rechercher une adresse (réponse GeoJSON de la BAN)")
def search(
    request: HttpRequest,
    q: str = "",
    limit: str | None = None,
    autocomplete: str | None = None,
    type: str | None = None,
    postcode: str | None = None,
    citycode: str | None = None,
    lat: str | None = None,
    lon: str | None = None,
):
    try:
        rate_limit_check(scope="geo_api", request=request)
    except RateLimited as exc:
        return Status(429, {"detail": exc.message})
    q = (q or "").strip()
    try:
        if len(q) < 3:
            raise ValueError("Saisissez au moins 3 caractères de l'adresse (paramètre « q »).")
        if len(q) > MAX_QUERY_LENGTH:
            raise ValueError(f"L'adresse recherchée est trop longue ({MAX_QUERY_LENGTH} caractères au plus).")
        count = _int(limit, "limit", 5, 1, MAX_LIMIT)
        latitude = _float(lat, "lat", -90, 90)
        longitude = _float(lon, "lon", -180, 180)
        if (latitude is None) != (longitude is None):
            raise ValueError("Donnez « lat » et « lon » ensemble, ou aucun des deux.")
        if type and type not in ("housenumber", "street", "locality", "municipality"):
            raise ValueError("Le paramètre « type » vaut housenumber, street, locality ou municipality.")
        if postcode and not (len(postcode) == 5 and postcode.isdigit()):
            raise ValueError("Le paramètre « postcode » est un code postal de 5 chiffres.")
        if citycode and len(citycode) != 5:
            raise ValueError("Le paramètre « citycode » est un code INSEE de 5 caractères.")
    except ValueError as exc:
        return Status(400, {"detail": str(exc)})
    try:
        results = get_geocoder().search(
            q,
            limit=count,
            autocomplete=(autocomplete or "").lower() in ("1", "true", "oui"),
            type=type or None,
            postcode=postcode or None,
            citycode=citycode or None,
            lat=latitude,
            lon=longitude,
        )
    except GeocodingError as exc:
        return Status(503, {"detail": exc.message})
    return Status(200, feature_collection(results, query=q, limit=count))


@router.get("/reverse", response=RESPONSES, summary="Trouver l'adresse la plus proche d'un point")
def reverse(request: HttpRequest, lat: str | None = None, lon: str | None = None, limit: str | None = None):
    try:
        rate_limit_check(scope="geo_api", request=request)
    except RateLimited as exc:
        return Status(429, {"detail": exc.message})
    try:
        latitude = _float(lat, "lat", -90, 90)
        longitude = _float(lon, "lon", -180, 180)
        if latitude is None or longitude is None:
            raise ValueError("Donnez la latitude « lat » et la longitude « lon » du point.")
        count = _int(limit, "limit", 1, 1, MAX_LIMIT)
    except ValueError as exc:
        return Status(400, {"detail": str(exc)})
    try:
        results = get_geocoder().reverse(lon=longitude, lat=latitude, limit=count)
    except GeocodingError as exc:
        return Status(503, {"detail": exc.message})
    return Status(200, feature_collection(results, limit=count))
