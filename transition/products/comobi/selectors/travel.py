"""The travel model a territory uses: the originals' (great circle × 1.4 at 60 km/h) by default,
or its OSRM-compatible router when it set one. The same matching rule reads either."""

from django.conf import settings

from transition.platform.geo.routing import OsrmClient, RoutingError

from ..domain.matching import CROW_FLIES, Detour, Leg, Need, Point, TravelModel, Trip, detour_from_legs
from ..models import Territory


class RouterModel:
    """Road distances and times from a router; `detours` asks for many trips in a few tables."""

    def __init__(self, client: OsrmClient):
        self.client = client

    def leg(self, origin: Point, destination: Point) -> Leg:
        route = self.client.route((origin.lon, origin.lat), (destination.lon, destination.lat))
        return Leg(route.distance_m, route.duration_s / 60)

    def extra_minutes(self, direct: Leg, legs: tuple[Leg, Leg, Leg]) -> float:
        return legs[0].minutes + legs[1].minutes + legs[2].minutes - direct.minutes

    def road_distance_m(self, leg: Leg) -> float:
        return leg.distance_m

    def detours(self, trips: list[Trip], need: Need) -> dict:
        """The detour of each trip through the need's points (trips the router cannot reach are
        left out). One table: sources D_o… + P_o + P_d, destinations P_o + P_d + D_d…"""
        if not trips:
            return {}
        points = [(t.origin.lon, t.origin.lat) for t in trips]
        points += [(need.origin.lon, need.origin.lat), (need.destination.lon, need.destination.lat)]
        points += [(t.destination.lon, t.destination.lat) for t in trips]
        n = len(trips)
        p_o, p_d = n, n + 1
        sources = [*range(n), p_o, p_d]
        destinations = [p_o, p_d, *range(n + 2, 2 * n + 2)]
        table = self.client.table(points, sources=sources, destinations=destinations)

        def leg(source_row: int, destination_column: int) -> Leg | None:
            seconds = table.durations_s[source_row][destination_column]
            metres = table.distances_m[source_row][destination_column]
            return None if seconds is None or metres is None else Leg(metres, seconds / 60)

        shared = leg(n, 1)  # P_o -> P_d
        found = {}
        for i, trip in enumerate(trips):
            direct, to_pickup, from_dropoff = leg(i, 2 + i), leg(i, 0), leg(n + 1, 2 + i)
            if None in (direct, to_pickup, from_dropoff, shared):
                continue
            found[trip.key] = detour_from_legs(direct, to_pickup, shared, from_dropoff, self)
        return found


def crow_road_distance_m(leg: Leg) -> float:
    """The road distance the originals' model assumes: the great circle × the road factor."""
    return leg.distance_m * CROW_FLIES.road_factor


def travel_model(territory: Territory) -> TravelModel:
    if territory.router_url:
        return RouterModel(
            OsrmClient(
                territory.router_url,
                profile=settings.COMOBI_ROUTER_PROFILE,
                timeout_s=settings.COMOBI_ROUTER_TIMEOUT_S,
            )
        )
    return CROW_FLIES


def shared_road_m(territory: Territory, origin: Point, destination: Point) -> int:
    """The passenger's own journey on the road, for the kilometres shared; the originals' model
    when the router cannot answer (a statistic, not a promise to anyone)."""
    model = travel_model(territory)
    if isinstance(model, RouterModel):
        try:
            return round(model.leg(origin, destination).distance_m)
        except RoutingError:
            pass
    return round(crow_road_distance_m(CROW_FLIES.leg(origin, destination)))


__all__ = ["Detour", "RouterModel", "RoutingError", "crow_road_distance_m", "shared_road_m", "travel_model"]
