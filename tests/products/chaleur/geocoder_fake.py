"""A geocoder answering from a small table, standing in for the platform's (get_geocoder)."""

from transition.platform.geo.geocoding import GeocodeResult, GeocodingError
from transition.products.chaleur.demo.addresses import DEMO_ADDRESSES


def result(label: str, lon: float, lat: float, citycode: str) -> GeocodeResult:
    return GeocodeResult(
        label=label,
        score=0.9,
        type="housenumber",
        id=f"{citycode}_x",
        housenumber="1",
        street=label,
        name=label,
        postcode="49000",
        citycode=citycode,
        city="Angers",
        context="49, Maine-et-Loire, Pays de la Loire",
        lon=lon,
        lat=lat,
    )


CITYCODES = {"dans_ville_reseau_existant_sans_trace": "49353", "trop_eloigne": "49015"}
ADDRESSES = {
    f"{i} rue de la démo": result(f"{i} rue de la Démo 49000 Angers", lon, lat, CITYCODES.get(kind, "49007"))
    for i, (lon, lat, kind, _) in enumerate(DEMO_ADDRESSES, start=1)
}
KIND_OF = {f"{i} rue de la démo": kind for i, (_, _, kind, _) in enumerate(DEMO_ADDRESSES, start=1)}


class FakeGeocoder:
    def __init__(self, *, broken: bool = False):
        self.broken = broken
        self.reverse_calls = 0

    def search(self, q, *, limit=5, autocomplete=False, **kwargs):
        if self.broken:
            raise GeocodingError("Le service d’adresses ne répond pas.")
        q = q.lower().strip()
        return [r for key, r in ADDRESSES.items() if key.startswith(q) or q.startswith(key)][:limit]

    def reverse(self, *, lon, lat, limit=1):
        self.reverse_calls += 1
        if self.broken:
            raise GeocodingError("Le service d’adresses ne répond pas.")
        found = sorted(ADDRESSES.values(), key=lambda r: (r.lon - lon) ** 2 + (r.lat - lat) ** 2)
        return found[:limit]

    def batch(self, queries):
        return [next(iter(self.search(q)), None) for q in queries]


def install(monkeypatch, *, broken: bool = False) -> FakeGeocoder:
    """Every module that asks the platform for its geocoder gets this one."""
    fake = FakeGeocoder(broken=broken)
    for module in ("geocoding", "forms", "api"):
        monkeypatch.setattr(f"transition.platform.geo.{module}.get_geocoder", lambda: fake)
    return fake
