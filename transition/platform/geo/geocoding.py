"""One geocoding interface, chosen by settings (GEOCODER_BACKEND): `ban` (the national HTTP API)
or `local` (an index held by the application, built from BAN files loaded in the database).

    from transition.platform.geo.geocoding import get_geocoder, GeocodingError
    results = get_geocoder().search("12 bd st michel paris", limit=5)
    results[0].citycode, results[0].lon, results[0].lat

Both backends answer `search`, `reverse` and `batch` with `GeocodeResult`s carrying the fields
of the BAN's GeoCodeJSON.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from transition.platform.geo.ban import BanGeocoder
from transition.platform.geo.local import LocalGeocoder
from transition.platform.geo.results import (
    RESULT_TYPES,
    Geocoder,
    GeocodeResult,
    GeocodingError,
    feature_collection,
)

__all__ = [
    "RESULT_TYPES",
    "GeocodeResult",
    "Geocoder",
    "GeocodingError",
    "feature_collection",
    "get_geocoder",
]


def get_geocoder() -> Geocoder:
    """The geocoder the settings choose (GEOCODER_BACKEND: "local", the default, or "ban")."""
    backend = getattr(settings, "GEOCODER_BACKEND", "local")
    if backend == "ban":
        return BanGeocoder.from_settings()
    if backend == "local":
        return LocalGeocoder()
    raise ImproperlyConfigured(f"GEOCODER_BACKEND inconnu : {backend!r} (attendu : « ban » ou « local »).")
