"""What every geocoder answers (the fields of the BAN's GeoCodeJSON), the error it raises, the
checks of its arguments, and the interface both backends follow (`ban.py`, `local.py`)."""

from dataclasses import asdict, dataclass
from typing import Protocol

RESULT_TYPES = ("housenumber", "street", "locality", "municipality")
MAX_QUERY_LENGTH = 200
MAX_LIMIT = 50


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


def check_search_arguments(q: str, limit: int, type: str | None) -> None:
    if not isinstance(q, str) or not q.strip():
        raise GeocodingError("Saisissez une adresse à rechercher.")
    if len(q) > MAX_QUERY_LENGTH:
        raise GeocodingError(f"L'adresse recherchée est trop longue ({MAX_QUERY_LENGTH} caractères au plus).")
    if not 1 <= limit <= MAX_LIMIT:
        raise GeocodingError(f"Le nombre de résultats demandé doit être compris entre 1 et {MAX_LIMIT}.")
    if type is not None and type not in RESULT_TYPES:
        raise GeocodingError(f"Type de résultat inconnu : « {type} » (attendu : {', '.join(RESULT_TYPES)}).")


def check_point(lon: float, lat: float) -> None:
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise GeocodingError("Coordonnées invalides : la longitude va de -180 à 180, la latitude de -90 à 90.")
