"""The `local` geocoder: answers from an AddressIndex built from the database, rebuilt when the
addresses' data version moves (checked at most every GEO_LOCAL_INDEX_CHECK_S seconds)."""

import threading
import time

from django.conf import settings

from transition.platform.core.db_router import replica_reads
from transition.platform.core.resilience import INFRASTRUCTURE_ERRORS, StaleGuard
from transition.platform.geo.geocoding import RESULT_TYPES, GeocodeResult, GeocodingError
from transition.platform.geo.local_index import AddressIndex, NumberRow, PlaceRow

MAX_QUERY_LENGTH = 200
MAX_LIMIT = 50

_lock = threading.Lock()
_state: dict = {"index": None, "checked_at": 0.0}
_stale = StaleGuard("Géocodeur (adresses)")


@replica_reads()  # the version and the rows read from the same database
def build_index() -> AddressIndex:
    from transition.platform.geo.models import AddressNumber, AddressPlace
    from transition.platform.geo.selectors import address_data_version

    version = address_data_version()
    # Plain tuples in the order of PlaceRow and NumberRow: no object per row.
    places = AddressPlace.objects.values_list("pk", *PlaceRow._fields[1:]).iterator(chunk_size=20_000)
    numbers = AddressNumber.objects.values_list("place_id", *NumberRow._fields[1:]).iterator(chunk_size=20_000)
    return AddressIndex(places, numbers, version=version)


def current_index() -> AddressIndex:
    """The process's index, rebuilt when the data version has changed since it was built. While
    the database does not answer, the index held answers (the response says it is stale); without
    one, the database error goes up (503)."""
    from transition.platform.geo.selectors import address_data_version

    now = time.monotonic()
    index = _state["index"]
    if index is not None and now - _state["checked_at"] < settings.GEO_LOCAL_INDEX_CHECK_S:
        _stale.mark_if_stale()
        return index
    with _lock:
        index = _state["index"]
        try:
            if index is None or index.version != address_data_version():
                index = build_index()
                _state["index"] = index
        except INFRASTRUCTURE_ERRORS as exc:
            if index is None:
                raise
            _stale.failed(exc)
        else:
            _stale.checked()
        _state["checked_at"] = time.monotonic()
    return index


def drop_index() -> None:
    """Forget the process's index: the next query rebuilds it from the database."""
    with _lock:
        _state["index"] = None
        _state["checked_at"] = 0.0
        _stale.reset()


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


class LocalGeocoder:
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
    ) -> list[GeocodeResult]:
        check_search_arguments(q, limit, type)
        if lat is not None and lon is not None:
            check_point(lon, lat)
        return current_index().search(
            q,
            limit=limit,
            autocomplete=autocomplete,
            type=type,
            postcode=postcode,
            citycode=citycode,
            lat=lat,
            lon=lon,
        )

    def reverse(self, *, lon: float, lat: float, limit: int = 1) -> list[GeocodeResult]:
        check_point(lon, lat)
        if not 1 <= limit <= MAX_LIMIT:
            raise GeocodingError(f"Le nombre de résultats demandé doit être compris entre 1 et {MAX_LIMIT}.")
        return current_index().reverse(lon=lon, lat=lat, limit=limit)

    def batch(self, queries: list[str]) -> list[GeocodeResult | None]:
        index = current_index()
        return index.batch([q[:MAX_QUERY_LENGTH] if isinstance(q, str) else "" for q in queries])
