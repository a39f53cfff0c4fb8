"""What the maps draw, as plain data for `json_script` (no inline script): points and lines."""

from ..selectors.places import Resolved


def _point(point, label: str, kind: str) -> dict:
    return {"lat": round(point.lat, 5), "lon": round(point.lon, 5), "label": label, "kind": kind}


def search_map_data(origin: Resolved, destination: Resolved, found) -> dict:
    """The passenger's journey and each matching trip (drawn as a straight line, anonymised)."""
    trips = []
    for item in found[:100]:
        offer = item.offer
        start, end = (offer.destination, offer.origin) if item.is_return else (offer.origin, offer.destination)
        trips.append(
            {
                "from": [round(start.lat, 4), round(start.lon, 4)],
                "to": [round(end.lat, 4), round(end.lon, 4)],
                "label": f"{item.driver_name} — départ {item.departure}, {item.extra_text}",
                "band": item.match.band,
            }
        )
    return {
        "points": [
            _point(origin.point, f"Départ : {origin.label}", "origin"),
            _point(destination.point, f"Arrivée : {destination.label}", "destination"),
        ],
        "trips": trips,
    }


def request_map_data(request, found) -> dict:
    origin = Resolved(request.origin_label, request.origin, "")
    destination = Resolved(request.destination_label, request.destination, "")
    return search_map_data(origin, destination, found)


def unmet_map_data(requests) -> dict:
    """Origins and destinations of unmet requests, joined by a line."""
    return {
        "points": [],
        "trips": [
            {
                "from": [round(r.origin_lat, 4), round(r.origin_lon, 4)],
                "to": [round(r.destination_lat, 4), round(r.destination_lon, 4)],
                "label": f"{r.origin_label} → {r.destination_label}",
                "band": "unmet",
            }
            for r in requests
        ],
    }
