"""Which offers of a territory match a need, fast: an in-process index per territory, rebuilt
when the territory's offers version moves.

The index answers with numpy over every trip at once, as a sieve only: it keeps every trip that
could match under the originals' model (with a small margin for rounding), and the domain rule
(`domain/matching.evaluate`) decides on those, one by one. The rule lives in one place; the
sieve only spares it the trips that certainly fail. With a router, the sieve is looser (road
times differ from the great circle) and the best candidates go to the router in a few tables.
"""

import math
import threading
import time
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.conf import settings

from transition.platform.core.models import data_version_get

from ..domain.matching import (
    CROW_FLIES,
    EARTH_RADIUS_M,
    MAX_DETOUR_RATIO,
    MAX_EXTRA_MINUTES,
    Match,
    Need,
    Rejection,
    Schedule,
    Trip,
    detour_of,
    evaluate,
    ordered,
)
from ..enums import Direction, OfferKind, OfferStatus
from ..models import Offer, Territory, offers_version_name
from .travel import RouterModel, RoutingError, travel_model

FAR_PAST, FAR_FUTURE = date.min.toordinal(), date.max.toordinal()
RATIO_MARGIN = 1e-9
MINUTES_MARGIN = 0.06  # extra minutes are judged rounded to a tenth
CLOCK_MARGIN = 1.0  # pick-up and drop-off are judged rounded to the minute
ROUTER_SIEVE_RATIO = 3.0  # road detours may differ from straight lines: a looser sieve
ROUTER_SIEVE_MINUTES = 90.0


def _minutes(value) -> int:
    return value.hour * 60 + value.minute


def trips_of(offer: Offer) -> list[Trip]:
    """An offer's trips: the outward one, and the way back when it has a return time."""
    schedule = (
        Schedule(day=offer.day)
        if offer.kind == OfferKind.ONE_OFF
        else Schedule(weekdays=offer.weekday_set, valid_from=offer.valid_from, valid_until=offer.valid_until)
    )
    limit = float(offer.max_extra_minutes) if offer.max_extra_minutes is not None else None
    trips = [
        Trip(
            (offer.pk, Direction.ALLER),
            offer.origin,
            offer.destination,
            _minutes(offer.departure_time),
            schedule,
            limit,
        )
    ]
    if offer.return_time is not None:
        trips.append(
            Trip(
                (offer.pk, Direction.RETOUR),
                offer.destination,
                offer.origin,
                _minutes(offer.return_time),
                schedule,
                limit,
            )
        )
    return trips


class MatchingIndex:
    def __init__(self, trips: list[Trip], version: tuple):
        self.version = version
        self.trips = trips
        # Each trip's own leg, by the domain's model, computed once (the rule reads it every time).
        self.direct_legs = [CROW_FLIES.leg(t.origin, t.destination) for t in trips]
        n = len(trips)
        self.o_lat = np.radians(np.fromiter((t.origin.lat for t in trips), float, n))
        self.o_lon = np.radians(np.fromiter((t.origin.lon for t in trips), float, n))
        self.d_lat = np.radians(np.fromiter((t.destination.lat for t in trips), float, n))
        self.d_lon = np.radians(np.fromiter((t.destination.lon for t in trips), float, n))
        self.direct = np.fromiter((leg.distance_m for leg in self.direct_legs), float, n)
        self.departure = np.fromiter((t.departure_min for t in trips), float, n)
        self.limit = np.fromiter(
            (t.max_extra_minutes if t.max_extra_minutes is not None else np.inf for t in trips), float, n
        )
        self.one_off = np.fromiter((t.schedule.day.toordinal() if t.schedule.day else -1 for t in trips), np.int64, n)
        self.mask = np.fromiter((sum(1 << d for d in t.schedule.weekdays) for t in trips), np.int64, n)
        self.valid_from = np.fromiter(
            (t.schedule.valid_from.toordinal() if t.schedule.valid_from else FAR_PAST for t in trips), np.int64, n
        )
        self.valid_until = np.fromiter(
            (t.schedule.valid_until.toordinal() if t.schedule.valid_until else FAR_FUTURE for t in trips), np.int64, n
        )

    def __len__(self):
        return len(self.trips)

    def running(self, need: Need) -> np.ndarray:
        """Trips that run on the need's day (or share a weekday with it)."""
        regular = self.one_off < 0
        if need.day is not None:
            day = need.day.toordinal()
            bit = 1 << need.day.weekday()
            return np.where(
                regular,
                ((self.mask & bit) != 0) & (self.valid_from <= day) & (self.valid_until >= day),
                self.one_off == day,
            )
        wanted = sum(1 << d for d in need.weekdays)
        start = need.not_before.toordinal()
        one_off_weekday = ((self.one_off + 6) % 7).astype(np.int64)  # date.toordinal 1 is a Monday
        return np.where(
            regular,
            ((self.mask & wanted) != 0) & (self.valid_until >= start),
            (self.one_off >= start) & (((1 << one_off_weekday) & wanted) != 0),
        )

    def sieve(self, need: Need, *, ratio: float, minutes: float, exact: bool = True) -> np.ndarray:
        """Indexes of the trips that may match under the originals' model, within these limits;
        `exact`: the model is the originals', so the drivers' limits and the passenger's window
        can be sieved too (a minute's margin for rounding)."""
        keep = self.running(need) & (self.direct > 0)
        if not keep.any():
            return np.flatnonzero(keep)
        po_lat, po_lon = math.radians(need.origin.lat), math.radians(need.origin.lon)
        pd_lat, pd_lon = math.radians(need.destination.lat), math.radians(need.destination.lon)
        idx = np.flatnonzero(keep)
        to_pickup = _haversine(self.o_lat[idx], self.o_lon[idx], po_lat, po_lon)
        from_dropoff = _haversine(pd_lat, pd_lon, self.d_lat[idx], self.d_lon[idx])
        shared = float(_haversine(po_lat, po_lon, pd_lat, pd_lon))
        detour = to_pickup + shared + from_dropoff
        direct = self.direct[idx]
        extra = (detour - direct) * CROW_FLIES.road_factor / 1000 / CROW_FLIES.km_per_min
        passing = (detour <= direct * ratio * (1 + RATIO_MARGIN)) & (extra < minutes + MINUTES_MARGIN)
        if exact:
            passing &= extra <= self.limit[idx] + MINUTES_MARGIN
            pickup = self.departure[idx] + to_pickup * CROW_FLIES.road_factor / 1000 / CROW_FLIES.km_per_min
            if need.leave_after_min is not None:
                passing &= pickup >= need.leave_after_min - CLOCK_MARGIN
            if need.arrive_before_min is not None:
                dropoff = pickup + shared * CROW_FLIES.road_factor / 1000 / CROW_FLIES.km_per_min
                passing &= dropoff <= need.arrive_before_min + CLOCK_MARGIN
        return idx[passing]


def _haversine(lat1, lon1, lat2, lon2):
    dphi = lat2 - lat1
    dlambda = lon2 - lon1
    h = np.sin(dphi / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(dlambda / 2) ** 2
    return EARTH_RADIUS_M * 2 * np.arctan2(np.sqrt(h), np.sqrt(1 - h))


def index_build(territory: Territory, version: tuple) -> MatchingIndex:
    offers = Offer.objects.filter(territory=territory, status=OfferStatus.ACTIVE).order_by("pk")
    trips = [trip for offer in offers.iterator(chunk_size=2000) for trip in trips_of(offer)]
    return MatchingIndex(trips, version)


_indexes: dict[int, MatchingIndex] = {}
_lock = threading.Lock()


_checked: dict[int, float] = {}


def matching_index(territory: Territory) -> MatchingIndex:
    """The territory's index, rebuilt first when its offers changed. The version is read from the
    database at each call, or at most every COMOBI_INDEX_MAX_AGE_S seconds when set."""
    index = _indexes.get(territory.pk)
    max_age = settings.COMOBI_INDEX_MAX_AGE_S
    if index is not None and max_age and time.monotonic() - _checked.get(territory.pk, 0) < max_age:
        return index
    version = data_version_get(offers_version_name(territory.pk))
    _checked[territory.pk] = time.monotonic()
    if index is None or index.version != version:
        with _lock:
            index = _indexes.get(territory.pk)
            if index is None or index.version != version:
                index = index_build(territory, version)
                _indexes[territory.pk] = index
    return index


def index_forget(territory_id: int | None = None) -> None:
    """Drop the cached indexes (tests, or a process that wants a fresh read)."""
    with _lock:
        if territory_id is None:
            _indexes.clear()
            _checked.clear()
        else:
            _indexes.pop(territory_id, None)
            _checked.pop(territory_id, None)


@dataclass(frozen=True)
class Searched:
    matches: list[Match]
    routed: bool  # the territory's router answered (else the originals' model was used)


def matches_for(territory: Territory, need: Need) -> Searched:
    """The matching trips of the territory for a need, in the order shown."""
    index = matching_index(territory)
    model = travel_model(territory)
    if isinstance(model, RouterModel):
        try:
            return Searched(_routed(index, need, model), routed=True)
        except RoutingError:
            pass  # the router is down: the originals' model still finds the drivers
    candidates = index.sieve(need, ratio=MAX_DETOUR_RATIO, minutes=MAX_EXTRA_MINUTES)
    shared = CROW_FLIES.leg(need.origin, need.destination)
    found = []
    for i in candidates:
        trip = index.trips[i]
        result = evaluate(trip, need, detour_of(trip, need, direct=index.direct_legs[i], shared=shared))
        if isinstance(result, Match):
            found.append(result)
    return Searched(ordered(found, need), routed=False)


def _routed(index: MatchingIndex, need: Need, model: RouterModel) -> list[Match]:
    candidates = index.sieve(need, ratio=ROUTER_SIEVE_RATIO, minutes=ROUTER_SIEVE_MINUTES, exact=False)
    trips = [index.trips[i] for i in candidates]
    trips.sort(key=lambda t: detour_of(t, need).extra_minutes_exact)
    detours = model.detours(trips[: settings.COMOBI_ROUTER_CANDIDATES], need)
    found = []
    for trip in trips:
        detour = detours.get(trip.key)
        if detour is None:
            continue
        result = evaluate(trip, need, detour)
        if isinstance(result, Match):
            found.append(result)
    return ordered(found, need)


def why_not(territory: Territory, offer: Offer, need: Need) -> list[Rejection]:
    """For a mediator: why each trip of this offer does not match (empty when one does)."""
    reasons = []
    for trip in trips_of(offer):
        result = evaluate(trip, need, detour_of(trip, need))
        if isinstance(result, Match):
            return []
        reasons.append(result)
    return reasons
