"""A client for an OSRM-compatible router (OSRM, or any server answering its HTTP API v1).

    client = OsrmClient("https://router.example.fr", profile="driving")
    client.route((lon1, lat1), (lon2, lat2))                 # -> Route(distance_m, duration_s)
    client.table(points, sources=[0, 1], destinations=[2])    # -> Table(durations_s, distances_m)

Coordinates are (lon, lat), as OSRM takes them. `table` cuts a large request into several of at
most `max_table_size` coordinates (OSRM's default limit is 100). A failure raises RoutingError
with a French message; the caller decides what to do without a router.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import requests

Coordinate = tuple[float, float]  # (lon, lat)


class RoutingError(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Route:
    distance_m: float
    duration_s: float


@dataclass(frozen=True)
class Table:
    durations_s: list[list[float | None]]  # [source][destination]; None when unreachable
    distances_m: list[list[float | None]]


class OsrmClient:
    def __init__(
        self,
        base_url: str,
        *,
        profile: str = "driving",
        timeout_s: float = 5.0,
        max_table_size: int = 100,
        session: requests.Session | None = None,
    ):
        if not base_url.startswith(("http://", "https://")):
            raise ValueError("L’adresse du calculateur d’itinéraires doit commencer par http:// ou https://.")
        self.base_url = base_url.rstrip("/")
        self.profile = profile
        self.timeout_s = timeout_s
        self.max_table_size = max(2, max_table_size)
        self.session = session or requests.Session()

    @staticmethod
    def _coordinates(points: Sequence[Coordinate]) -> str:
        return ";".join(f"{lon:.6f},{lat:.6f}" for lon, lat in points)

    def _get(self, service: str, points: Sequence[Coordinate], params: dict) -> dict:
        url = f"{self.base_url}/{service}/v1/{self.profile}/{self._coordinates(points)}"
        try:
            response = self.session.get(url, params=params, timeout=self.timeout_s)
        except requests.RequestException as exc:
            raise RoutingError(f"Le calculateur d’itinéraires ne répond pas ({type(exc).__name__}).") from exc
        try:
            body = response.json()
        except ValueError as exc:
            raise RoutingError(
                f"Réponse illisible du calculateur d’itinéraires (HTTP {response.status_code})."
            ) from exc
        if response.status_code != 200 or body.get("code") != "Ok":
            code = body.get("code", "") if isinstance(body, dict) else ""
            raise RoutingError(f"Le calculateur d’itinéraires a refusé la demande ({code or response.status_code}).")
        return body

    def route(self, origin: Coordinate, destination: Coordinate) -> Route:
        body = self._get(
            "route", [origin, destination], {"overview": "false", "alternatives": "false", "steps": "false"}
        )
        routes = body.get("routes") or []
        if not routes:
            raise RoutingError("Aucun itinéraire routier entre ces deux points.")
        return Route(distance_m=float(routes[0]["distance"]), duration_s=float(routes[0]["duration"]))

    def table(self, points: Sequence[Coordinate], *, sources: Sequence[int], destinations: Sequence[int]) -> Table:
        """Durations and distances from every source to every destination (indexes into `points`)."""
        durations = [[None] * len(destinations) for _ in sources]
        distances = [[None] * len(destinations) for _ in sources]
        half = max(1, self.max_table_size // 2)
        for s_start in range(0, len(sources), half):
            for d_start in range(0, len(destinations), half):
                s_chunk = list(sources[s_start : s_start + half])
                d_chunk = list(destinations[d_start : d_start + half])
                used = list(dict.fromkeys(s_chunk + d_chunk))
                position = {index: i for i, index in enumerate(used)}
                body = self._get(
                    "table",
                    [points[i] for i in used],
                    {
                        "sources": ";".join(str(position[i]) for i in s_chunk),
                        "destinations": ";".join(str(position[i]) for i in d_chunk),
                        "annotations": "duration,distance",
                    },
                )
                got_durations, got_distances = body.get("durations"), body.get("distances")
                if got_durations is None or got_distances is None:
                    raise RoutingError("Le calculateur d’itinéraires n’a pas donné les durées et les distances.")
                for si in range(len(s_chunk)):
                    for di in range(len(d_chunk)):
                        durations[s_start + si][d_start + di] = got_durations[si][di]
                        distances[s_start + si][d_start + di] = got_distances[si][di]
        return Table(durations_s=durations, distances_m=distances)
