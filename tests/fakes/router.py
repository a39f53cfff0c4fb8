"""A small OSRM stand-in on loopback: /route and /table of the HTTP API v1, answering road
distances of great circle × `detour` at `speed_kmh`. Real HTTP, so that the client is tested as
it talks to a real router."""

import math
from urllib.parse import parse_qs, urlsplit

from .http import LoopbackJsonServer


def _metres(a, b):
    (lon1, lat1), (lon2, lat2) = a, b
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6_371_000 * 2 * math.asin(math.sqrt(h))


class RouterStandIn(LoopbackJsonServer):
    def __init__(self, *, detour: float = 1.25, speed_kmh: float = 50.0, max_table_size: int = 100):
        super().__init__()
        self.detour, self.speed_kmh, self.max_table_size = detour, speed_kmh, max_table_size
        self.down = False

    @property
    def paths(self) -> list[str]:
        return [r["path"] for r in self.requests]

    def leg(self, a, b) -> tuple[float, float]:
        metres = _metres(a, b) * self.detour
        return metres, metres / (self.speed_kmh / 3.6)

    def answer(self, method, path, headers, body):
        if self.down:
            return 503, {"code": "Unavailable"}
        parts = urlsplit(path)
        pieces = parts.path.strip("/").split("/")
        if len(pieces) != 4 or pieces[1] != "v1":
            return 400, {"code": "InvalidUrl"}
        service, coordinates = pieces[0], pieces[3]
        points = [tuple(map(float, c.split(","))) for c in coordinates.split(";")]
        query = parse_qs(parts.query)
        if service == "route":
            distance, duration = self.leg(points[0], points[-1])
            return 200, {"code": "Ok", "routes": [{"distance": distance, "duration": duration}]}
        if service == "table":
            if len(points) > self.max_table_size:
                return 400, {"code": "TooBig"}
            sources = (
                [int(i) for i in query.get("sources", [""])[0].split(";")] if "sources" in query else range(len(points))
            )
            destinations = (
                [int(i) for i in query["destinations"][0].split(";")] if "destinations" in query else range(len(points))
            )
            legs = [[self.leg(points[s], points[d]) for d in destinations] for s in sources]
            return 200, {
                "code": "Ok",
                "durations": [[duration for _, duration in row] for row in legs],
                "distances": [[distance for distance, _ in row] for row in legs],
            }
        return 400, {"code": "InvalidService"}
