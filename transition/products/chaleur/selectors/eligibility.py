"""Eligibility of a position or an address, as pages, the API, demands and bulk tests ask it.

The in-memory index (`eligibility_index.py`) measures and the rule (`domain/eligibility.py`)
decides; here, what each caller needs around them: the commune when the rule needs it, the
snapshot a demand keeps, the outcomes a bulk test keeps, address suggestions.
"""

import dataclasses

from transition.platform.core.models import data_version_get
from transition.platform.geo import geocoding

from ..domain.bulk_results import BulkOutcome
from ..domain.eligibility_result import EligibilityResult, result_snapshot
from ..enums import NETWORKS_DATA
from .eligibility_index import eligibility_for_point, eligibility_for_points, get_index

__all__ = [
    "CommuneUnavailable",
    "GeocoderUnavailable",
    "address_suggestions",
    "bulk_outcomes",
    "commune_of_point",
    "eligibility_for_coordinates",
    "eligibility_snapshot",
    "networks_version",
]


class CommuneUnavailable(Exception):
    """The commune of a position was needed (no network within 1 km) but could not be found."""


class GeocoderUnavailable(Exception):
    pass


def networks_version() -> int:
    """The networks' data version (a bulk test remembers the one it was computed with)."""
    return data_version_get(NETWORKS_DATA)[0]


def eligibility_for_coordinates(*, lon: float, lat: float, citycode: str | None = None) -> EligibilityResult:
    """The eligibility of a position. Its commune matters only when no network lies within 1 km
    (a network without a trace may serve it): only then is it asked to the geocoder."""
    result = eligibility_for_point(lon, lat, citycode)
    if citycode or not result.too_far or not get_index().no_trace_by_commune:
        return result
    try:
        found = geocoding.get_geocoder().reverse(lon=lon, lat=lat, limit=1)
    except geocoding.GeocodingError as exc:
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


def eligibility_snapshot(*, lon: float, lat: float, citycode: str = "") -> dict:
    """The eligibility of one point as a demand keeps it (JSON-ready)."""
    return result_snapshot(eligibility_for_point(lon, lat, citycode or None))


def bulk_outcomes(lons: list[float], lats: list[float], citycodes: list[str]) -> list[BulkOutcome]:
    """The batch form, as a bulk test keeps it: one outcome per point, in order."""
    results = eligibility_for_points(lons, lats, [c or None for c in citycodes])
    return [BulkOutcome.from_result(r) for r in results]


def commune_of_point(*, lon: float, lat: float, given: str, geocoder=None) -> tuple[str, str]:
    """The commune of a point and where it comes from: reverse geocoding; the code the page
    passed is used only when the geocoder knows nothing there."""
    try:
        found = (geocoder or geocoding.get_geocoder()).reverse(lon=lon, lat=lat, limit=1)
    except geocoding.GeocodingError:
        found = []
    if found and found[0].citycode:
        return found[0].citycode, "géocodage inverse"
    given = (given or "").strip().upper()
    if len(given) == 5 and given.isalnum():
        return given, "adresse choisie"
    return "", "inconnue"


def address_suggestions(query: str, *, limit: int = 5) -> list:
    """Addresses matching what a person is typing (autocomplete), best first."""
    query = " ".join(query.split())[:200]
    if len(query) < 3:
        raise ValueError("Saisissez au moins 3 caractères.")
    try:
        return geocoding.get_geocoder().search(query, limit=limit, autocomplete=True)
    except geocoding.GeocodingError as exc:
        raise GeocoderUnavailable(str(exc)) from exc
