"""The `local` geocoder: answers from an AddressIndex built from the database, rebuilt when the
addresses' data version moves (checked at most every GEO_LOCAL_INDEX_CHECK_S seconds)."""

from django.conf import settings

from transition.platform.core.models import data_version_changed, data_version_get
from transition.platform.geo.local_index import AddressIndex, NumberRow, PlaceRow
from transition.platform.geo.models import AddressNumber, AddressPlace
from transition.platform.geo.results import (
    MAX_LIMIT,
    MAX_QUERY_LENGTH,
    GeocodeResult,
    GeocodingError,
    check_point,
    check_search_arguments,
)
from transition.platform.geo.selectors import ADDRESSES
from transition.platform.geo.spatial_index import VersionedIndex

__all__ = ["MAX_LIMIT", "MAX_QUERY_LENGTH", "LocalGeocoder", "build_index", "current_index", "drop_index"]


def build_index() -> AddressIndex:
    version, _ = data_version_get(ADDRESSES)
    # Plain tuples in the order of PlaceRow and NumberRow: no object per row.
    places = AddressPlace.objects.values_list("pk", *PlaceRow._fields[1:]).iterator(chunk_size=20_000)
    numbers = AddressNumber.objects.values_list("place_id", *NumberRow._fields[1:]).iterator(chunk_size=20_000)
    return AddressIndex(places, numbers, version=version)


# The version read is trusted for GEO_LOCAL_INDEX_CHECK_S seconds; an import in this process
# expires it at once (data_version_changed), other processes see it within that delay.
_index = VersionedIndex(build_index, lambda: data_version_get(ADDRESSES), max_age_s=settings.GEO_LOCAL_INDEX_CHECK_S)


def current_index() -> AddressIndex:
    """The process's index, rebuilt when the addresses' data version has changed since it was built."""
    return _index.get()


def drop_index() -> None:
    """Forget the process's index: the next query rebuilds it from the database."""
    _index.clear()


def _addresses_changed(sender, *, name: str, **kwargs) -> None:
    if name == ADDRESSES:
        _index.expire()


data_version_changed.connect(_addresses_changed, dispatch_uid="geo-local-index")


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
