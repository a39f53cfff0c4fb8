"""Where a place name people say lies: the territory's own names first, then its communes, then
the geocoder (biased towards the territory). The same order for forms, imports and the API."""

from dataclasses import dataclass

from transition.platform.geo import geocoding
from transition.platform.geo.selectors import commune_search_key

from ..domain.matching import Point
from ..models import Place, Territory, TerritoryCommune

MIN_SCORE = 0.5


class PlaceKind:
    PLACE = "lieu"
    COMMUNE = "commune"
    ADDRESS = "adresse"


@dataclass(frozen=True)
class Resolved:
    label: str
    point: Point
    kind: str
    citycode: str = ""


class PlaceUnknown(Exception):
    """The text names no known place; the message is French, fit to show."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def gazetteer(territory: Territory) -> dict[str, Resolved]:
    """The territory's names by folded key: its place names (and their aliases) win over communes."""
    entries: dict[str, Resolved] = {}
    for commune in TerritoryCommune.objects.filter(territory=territory):
        entries[commune_search_key(commune.name)] = Resolved(
            commune.name, commune.point, PlaceKind.COMMUNE, commune.insee_code
        )
    for place in Place.objects.filter(territory=territory):
        for name in place.names():
            key = commune_search_key(name)
            if key:
                entries[key] = Resolved(place.name, place.point, PlaceKind.PLACE)
    return entries


def territory_centre(territory: Territory) -> Point | None:
    points = [c.point for c in TerritoryCommune.objects.filter(territory=territory)]
    if not points:
        return None
    return Point(sum(p.lat for p in points) / len(points), sum(p.lon for p in points) / len(points))


def place_resolve(*, territory: Territory, text: str, names: dict[str, Resolved] | None = None) -> Resolved:
    """The place `text` names. Raises PlaceUnknown (also when the geocoder cannot answer)."""
    text = " ".join((text or "").split())
    if not text:
        raise PlaceUnknown("Indiquez un lieu.")
    names = gazetteer(territory) if names is None else names
    found = names.get(commune_search_key(text))
    if found is not None:
        return found
    centre = territory_centre(territory)
    try:
        results = geocoding.get_geocoder().search(
            text, limit=1, lat=centre.lat if centre else None, lon=centre.lon if centre else None
        )
    except geocoding.GeocodingError as exc:
        raise PlaceUnknown(
            f"« {text[:80]} » n’est pas un lieu connu du territoire et la recherche d’adresse est indisponible : {exc.message}"
        ) from exc
    if not results or results[0].score < MIN_SCORE:
        raise PlaceUnknown(
            f"« {text[:80]} » : lieu introuvable. Indiquez une commune, une adresse ou un lieu-dit connu du territoire."
        )
    best = results[0]
    return Resolved(best.label, Point(best.lat, best.lon), PlaceKind.ADDRESS, best.citycode or "")


def place_suggestions(*, territory: Territory, q: str, limit: int = 8) -> list[Resolved]:
    """What to offer while someone types: the territory's names starting a word with the text,
    then addresses from the geocoder (when the text is long enough and the geocoder answers)."""
    key = commune_search_key(q or "")
    if not key:
        return []
    seen, found = set(), []
    entries = sorted(gazetteer(territory).items(), key=lambda item: (not item[0].startswith(key), item[0]))
    for entry_key, entry in entries:
        if f" {key}" in f" {entry_key}" and entry.label not in seen:
            seen.add(entry.label)
            found.append(entry)
    found = found[:limit]
    if len(key) >= 3 and len(found) < limit:
        centre = territory_centre(territory)
        try:
            results = geocoding.get_geocoder().search(
                q,
                limit=limit - len(found),
                autocomplete=True,
                lat=centre.lat if centre else None,
                lon=centre.lon if centre else None,
            )
        except geocoding.GeocodingError:
            results = []  # the territory's own names are still offered
        found += [Resolved(r.label, Point(r.lat, r.lon), PlaceKind.ADDRESS, r.citycode or "") for r in results]
    return found
