"""Eligibility of a position or an address, as pages, the API, demands and bulk tests ask it.

The in-memory index (`eligibility_index.py`) measures and the rule (`domain/eligibility.py`)
decides; here, what each caller needs around them: the commune when the rule needs it, the
snapshot a demand keeps, the outcomes a bulk test keeps, address suggestions.
"""

import dataclasses
import math

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
    "place_of_point",
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


# A reverse-geocoded address farther than this from the point is not its address.
PLACE_MAX_DISTANCE_M = 100


@dataclasses.dataclass(frozen=True)
class Place:
    citycode: str
    citycode_source: str  # "géocodage inverse", "adresse choisie" or "inconnue"
    address: str  # the geocoder's label, else the coordinates: never text from the page


def _distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6_371_000 * math.hypot(x, y)


def place_of_point(*, lon: float, lat: float, given: str, geocoder=None) -> Place:
    """The commune and the address of a point, from reverse geocoding on the server. The commune
    code the page passed is used only when the geocoder knows nothing there; the page's label
    never is (a link can carry any text: it would reach the confirmation email)."""
    try:
        found = (geocoder or geocoding.get_geocoder()).reverse(lon=lon, lat=lat, limit=1)
    except geocoding.GeocodingError:
        found = []
    near = found[0] if found and _distance_m(lon, lat, found[0].lon, found[0].lat) <= PLACE_MAX_DISTANCE_M else None
    address = near.label if near is not None and near.label else f"{lat:.6f}, {lon:.6f}"
    if found and found[0].citycode:
        return Place(found[0].citycode, "géocodage inverse", address)
    given = (given or "").strip().upper()
    if len(given) == 5 and given.isalnum():
        return Place(given, "adresse choisie", address)
    return Place("", "inconnue", address)


def commune_of_point(*, lon: float, lat: float, given: str, geocoder=None) -> tuple[str, str]:
    """The commune of a point and where it comes from (place_of_point)."""
    place = place_of_point(lon=lon, lat=lat, given=given, geocoder=geocoder)
    return place.citycode, place.citycode_source


def address_suggestions(query: str, *, limit: int = 5) -> list:
    """Addresses matching what a person is typing (autocomplete), best first."""
    query = " ".join(query.split())[:200]
    if len(query) < 3:
        raise ValueError("Saisissez au moins 3 caractères.")
    try:
        return geocoding.get_geocoder().search(query, limit=limit, autocomplete=True)
    except geocoding.GeocodingError as exc:
        raise GeocoderUnavailable(str(exc)) from exc
