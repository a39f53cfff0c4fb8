"""A geocoder answering from a table, standing in for the platform's (`get_geocoder`)."""

import importlib
import math

from transition.platform.geo.geocoding import GeocodeResult, GeocodingError

# Every module that calls `get_geocoder` by name (they import it): patched together by `install`.
GEOCODER_USERS = ("transition.platform.geo.geocoding", "transition.platform.geo.forms", "transition.platform.geo.api")


def geocode_result(
    label: str,
    lon: float,
    lat: float,
    *,
    citycode: str = "49007",
    postcode: str = "49000",
    city: str = "Angers",
    score: float = 0.9,
    type: str = "housenumber",
    housenumber: str = "1",
    street: str | None = None,
    context: str = "49, Maine-et-Loire, Pays de la Loire",
) -> GeocodeResult:
    return GeocodeResult(
        label=label,
        score=score,
        type=type,
        id=f"{citycode}_{abs(hash(label)) % 10**6:06d}",
        housenumber=housenumber if type == "housenumber" else "",
        street=street if street is not None else label,
        name=label,
        postcode=postcode,
        citycode=citycode,
        city=city,
        context=context,
        lon=lon,
        lat=lat,
    )


class FakeGeocoder:
    """`table` maps a query (lower case) to its result: a query matches a key it starts with, or
    that starts with it (what autocomplete does). `broken=True` makes every call fail as an
    unreachable geocoder does."""

    def __init__(self, table: dict[str, GeocodeResult] | None = None, *, broken: bool = False):
        self.table = {key.lower().strip(): value for key, value in (table or {}).items()}
        self.broken = broken
        self.search_calls = 0
        self.reverse_calls = 0
        self.batches: list[int] = []  # the size of each batch asked

    def _check(self):
        if self.broken:
            raise GeocodingError("Le service d’adresses ne répond pas.")

    def search(self, q, *, limit=5, autocomplete=False, **kwargs):
        self.search_calls += 1
        self._check()
        q = q.lower().strip()
        if not q:
            return []
        return [r for key, r in self.table.items() if key.startswith(q) or q.startswith(key)][:limit]

    def reverse(self, *, lon, lat, limit=1):
        self.reverse_calls += 1
        self._check()
        return sorted(self.table.values(), key=lambda r: math.hypot(r.lon - lon, r.lat - lat))[:limit]

    def batch(self, queries):
        self.batches.append(len(queries))
        self._check()
        return [next(iter(self.search(q, limit=1)), None) for q in queries]

    def install(self, monkeypatch) -> "FakeGeocoder":
        """Make every caller of the platform's `get_geocoder` get this one. Every caller is imported
        before anything is patched: one imported for the first time after `geocoding` was patched
        would bind the fake as its own `get_geocoder`, and monkeypatch would then put the fake
        back at the end of the test, for every later test of the process."""
        modules = [importlib.import_module(name) for name in GEOCODER_USERS]
        for module in modules:
            monkeypatch.setattr(module, "get_geocoder", lambda: self)
        return self
