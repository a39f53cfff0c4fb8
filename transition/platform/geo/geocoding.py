"""One geocoding interface, chosen by settings (GEOCODER_BACKEND): `ban` (the national HTTP API)
or `local` (an index held by the application, built from BAN files loaded in the database).

    from transition.platform.geo.geocoding import get_geocoder, GeocodingError
    results = get_geocoder().search("12 bd st michel paris", limit=5)
    results[0].citycode, results[0].lon, results[0].lat

Both backends answer `search`, `reverse` and `batch` with `GeocodeResult`s carrying the fields
of the BAN's GeoCodeJSON.
"""

from dataclasses import asdict, dataclass
from typing import Protocol

RESULT_TYPES = ("housenumber", "street", "locality", "municipality")


class GeocodingError(Exception):
    """The geocoder could not answer; `message` is in French, fit to show to a person."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class GeocodeResult:
    label: str
    score: float
    type: str
    id: str
    housenumber: str | None
    street: str | None
    name: str
    postcode: str | None
    citycode: str | None
    city: str | None
    context: str | None
    lon: float
    lat: float

    def to_feature(self) -> dict:
        """The result as one Feature of the BAN's GeoJSON answer."""
        properties = {key: value for key, value in asdict(self).items() if key not in ("lon", "lat")}
        properties = {key: value for key, value in properties.items() if value not in (None, "")}
        properties["score"] = self.score
        return {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [self.lon, self.lat]},
            "properties": properties,
        }


def feature_collection(results: list[GeocodeResult], *, query: str | None = None, limit: int | None = None) -> dict:
    """A FeatureCollection in the shape the BAN answers."""
    collection: dict = {
        "type": "FeatureCollection",
        "version": "draft",
        "features": [result.to_feature() for result in results],
        "attribution": "BAN",
        "licence": "ETALAB-2.0",
    }
    if query is not None:
        collection["query"] = query
    if limit is not None:
        collection["limit"] = limit
    return collection


class Geocoder(Protocol):
    def search(
        self,
        q: str,
        *,
        limit: int = 5,
        autocomplete: bool = False,
        type: str | None = None,
        postcode: str | None = None,
        citycode: str | None = None,
        lat: float | None = None,
        lon: float | None = None,
    ) -> list[GeocodeResult]: ...

    def reverse(self, *, lon: float, lat: float, limit: int = 1) -> list[GeocodeResult]: ...

    def batch(self, queries: list[str]) -> list[GeocodeResult | None]: ...


def get_geocoder() -> Geocoder:
    """The geocoder the settings choose (GEOCODER_BACKEND: "local", the default, or "ban")."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    backend = getattr(settings, "GEOCODER_BACKEND", "local")
    if backend == "ban":
        from transition.platform.geo.ban import BanGeocoder

        return BanGeocoder.from_settings()
    if backend == "local":
        from transition.platform.geo.local import LocalGeocoder

        return LocalGeocoder()
    raise ImproperlyConfigured(f"GEOCODER_BACKEND inconnu : {backend!r} (attendu : « ban » ou « local »).")
