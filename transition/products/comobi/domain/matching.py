"""Which drivers' trips can take a passenger along, and in what order they are shown. Pure Python.

The travel model is the originals' (comobi-core, Lotocar), so that a territory leaving their
spreadsheets finds the same drivers: great-circle distance (sphere of radius 6,371 km) between
points, times from a road factor of 1.4 at 60 km/h (1 km per minute). A territory may plug in
another model (an OSRM-compatible router): the same rule then reads road distances and times.

For a request from P_o to P_d and a trip from D_o to D_d:

    extra_minutes = t(D_o,P_o) + t(P_o,P_d) + t(P_d,D_d) − t(D_o,D_d), rounded to one decimal
    detour ratio  = (d(D_o,P_o) + d(P_o,P_d) + d(P_d,D_d)) / d(D_o,D_d)

A trip matches when it runs that day, the ratio is at most 1.8, extra_minutes is under 45 and
within the driver's own limit, and the pick-up and drop-off fall inside the passenger's window.
The rounded extra_minutes is the value shown, banded and judged: what a person reads is what
was decided. Results are ordered by extra_minutes, then by how close the pick-up (or drop-off)
comes to the passenger's time, then by departure time; bands are 0-5, 5-20 and 20-45 minutes,
lower bound included. (comobi-core never sorted; Lotocar showed nothing from 5 to 10 minutes.)
"""

import math
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Protocol

EARTH_RADIUS_M = 6_371_000.0
ROAD_FACTOR = 1.4
KM_PER_MIN = 1.0  # 60 km/h
MAX_DETOUR_RATIO = 1.8
MAX_EXTRA_MINUTES = 45.0  # strictly under
BANDS: tuple[tuple[str, float, float], ...] = (("0-5", 0.0, 5.0), ("5-20", 5.0, 20.0), ("20-45", 20.0, 45.0))
MINUTES_PER_DAY = 24 * 60
TENTH = Decimal("0.1")


# --- geometry and travel model ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Point:
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Leg:
    """One stretch of road as the travel model sees it."""

    distance_m: float
    minutes: float


def great_circle_m(a: Point, b: Point) -> float:
    """Haversine distance in metres on a sphere of radius 6,371 km (geodesy's latlon-spherical)."""
    # Degrees to radians as geodesy does (x × π / 180), so that figures agree to the last digit.
    phi1, phi2 = a.lat * math.pi / 180, b.lat * math.pi / 180
    dphi = phi2 - phi1
    dlambda = b.lon * math.pi / 180 - a.lon * math.pi / 180
    sin_dphi, sin_dlambda = math.sin(dphi / 2), math.sin(dlambda / 2)
    h = sin_dphi * sin_dphi + math.cos(phi1) * math.cos(phi2) * sin_dlambda * sin_dlambda
    return EARTH_RADIUS_M * 2 * math.atan2(math.sqrt(h), math.sqrt(1 - h))


class TravelModel(Protocol):
    def leg(self, origin: Point, destination: Point) -> Leg: ...

    def extra_minutes(self, direct: Leg, legs: tuple[Leg, Leg, Leg]) -> float:
        """Minutes the three legs through the passenger add to the direct leg."""
        ...


@dataclass(frozen=True)
class CrowFlies:
    """The originals' model: great-circle distance, time = distance × road factor at a speed."""

    road_factor: float = ROAD_FACTOR
    km_per_min: float = KM_PER_MIN

    def minutes(self, distance_m: float) -> float:
        return distance_m * self.road_factor / 1000 / self.km_per_min

    def leg(self, origin: Point, destination: Point) -> Leg:
        distance = great_circle_m(origin, destination)
        return Leg(distance, self.minutes(distance))

    def extra_minutes(self, direct: Leg, legs: tuple[Leg, Leg, Leg]) -> float:
        # The originals' order of operations, so that figures agree to the last digit.
        return self.minutes(legs[0].distance_m + legs[1].distance_m + legs[2].distance_m - direct.distance_m)


CROW_FLIES = CrowFlies()


# --- days ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Schedule:
    """When a trip runs: on one date (one-off), or on weekdays (0 = Monday) between two optional
    dates (regular)."""

    weekdays: frozenset[int] = frozenset()
    day: date | None = None
    valid_from: date | None = None
    valid_until: date | None = None

    def __post_init__(self):
        if (self.day is None) == (not self.weekdays):
            raise ValueError("a schedule is either one date or a set of weekdays")
        if any(not 0 <= w <= 6 for w in self.weekdays):
            raise ValueError("weekdays are 0 (Monday) to 6 (Sunday)")

    @property
    def is_regular(self) -> bool:
        return self.day is None


def runs_on(schedule: Schedule, day: date) -> bool:
    """A one-off trip runs on its date; a regular trip on its weekdays, within its validity."""
    if schedule.day is not None:
        return schedule.day == day
    if schedule.valid_from is not None and day < schedule.valid_from:
        return False
    if schedule.valid_until is not None and day > schedule.valid_until:
        return False
    return day.weekday() in schedule.weekdays


def common_weekdays(schedule: Schedule, weekdays: frozenset[int], *, not_before: date) -> frozenset[int]:
    """The weekdays of a regular request the trip also serves from `not_before` on: for a one-off
    trip, its date's weekday if that date is not past; for a regular trip, each shared weekday
    that still falls within its validity."""
    if schedule.day is not None:
        if schedule.day < not_before or schedule.day.weekday() not in weekdays:
            return frozenset()
        return frozenset({schedule.day.weekday()})
    start = max(not_before, schedule.valid_from) if schedule.valid_from else not_before
    shared = set()
    for weekday in schedule.weekdays & weekdays:
        first = start + timedelta(days=(weekday - start.weekday()) % 7)
        if schedule.valid_until is None or first <= schedule.valid_until:
            shared.add(weekday)
    return frozenset(shared)


# --- trips, needs, detours ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Trip:
    """A driver's trip in one direction: `key` is whatever the caller uses to find it again."""

    key: Hashable
    origin: Point
    destination: Point
    departure_min: int  # minutes after midnight
    schedule: Schedule
    max_extra_minutes: float | None = None


@dataclass(frozen=True, slots=True)
class Need:
    """What a passenger asks: one day, or weekdays from `not_before` on; an optional window."""

    origin: Point
    destination: Point
    day: date | None = None
    weekdays: frozenset[int] = frozenset()
    not_before: date | None = None
    leave_after_min: int | None = None
    arrive_before_min: int | None = None

    def __post_init__(self):
        if (self.day is None) == (not self.weekdays):
            raise ValueError("a need is either one date or a set of weekdays")
        if self.day is None and self.not_before is None:
            raise ValueError("a need on weekdays says from which date (not_before)")


@dataclass(frozen=True, slots=True)
class Detour:
    """The four legs of a trip taking a passenger along, and the minutes that adds."""

    direct: Leg  # D_o -> D_d
    to_pickup: Leg  # D_o -> P_o
    shared: Leg  # P_o -> P_d
    from_dropoff: Leg  # P_d -> D_d
    added_minutes: float  # as the travel model counts it; may be slightly negative with a router

    @property
    def distance_with_detour_m(self) -> float:
        return self.to_pickup.distance_m + self.shared.distance_m + self.from_dropoff.distance_m

    @property
    def ratio(self) -> float:
        """Detour ratio; infinite for a trip that goes nowhere (origin = destination)."""
        if self.direct.distance_m <= 0:
            return math.inf
        return self.distance_with_detour_m / self.direct.distance_m

    @property
    def extra_minutes_exact(self) -> float:
        """Minutes the detour adds, never negative (a router's legs may not add up exactly)."""
        return max(0.0, self.added_minutes)

    @property
    def extra_minutes(self) -> float:
        return round_tenth(self.extra_minutes_exact)


def round_tenth(value: float) -> float:
    """Half up to one decimal, on the decimal the value prints as (4.25 -> 4.3, not 4.2)."""
    return float(Decimal(f"{value:.9f}").quantize(TENTH, rounding=ROUND_HALF_UP))


def detour_from_legs(direct: Leg, to_pickup: Leg, shared: Leg, from_dropoff: Leg, model: TravelModel) -> Detour:
    added = model.extra_minutes(direct, (to_pickup, shared, from_dropoff))
    return Detour(direct, to_pickup, shared, from_dropoff, added)


def detour_of(
    trip: Trip, need: Need, model: TravelModel = CROW_FLIES, *, direct: Leg | None = None, shared: Leg | None = None
) -> Detour:
    """The detour of `trip` through `need`. `direct` (the trip's own leg) and `shared` (the
    need's own leg) may be given when already known: they do not change from one call to the next."""
    return detour_from_legs(
        direct or model.leg(trip.origin, trip.destination),
        model.leg(trip.origin, need.origin),
        shared or model.leg(need.origin, need.destination),
        model.leg(need.destination, trip.destination),
        model,
    )


def band_of(extra_minutes: float) -> str | None:
    """The band an extra time falls in (lower bound included), None past the last one."""
    for name, low, high in BANDS:
        if low <= extra_minutes < high:
            return name
    return None


# --- the rule -----------------------------------------------------------------------------------


class Rejection(StrEnum):
    """Why a trip does not match: the mediator can be told."""

    NOT_RUNNING = "not_running"
    NO_DIRECTION = "no_direction"
    RATIO = "ratio"
    TOO_LONG = "too_long"
    DRIVER_LIMIT = "driver_limit"
    TOO_EARLY = "too_early"
    TOO_LATE = "too_late"


REJECTION_LABELS = {
    Rejection.NOT_RUNNING: "ne circule pas ce jour-là",
    Rejection.NO_DIRECTION: "départ et arrivée au même endroit",
    Rejection.RATIO: "détour trop long par rapport au trajet (plus de 1,8 fois)",
    Rejection.TOO_LONG: "détour de 45 minutes ou plus",
    Rejection.DRIVER_LIMIT: "détour plus long que ce qu’accepte le conducteur",
    Rejection.TOO_EARLY: "prise en charge avant l’heure de départ souhaitée",
    Rejection.TOO_LATE: "arrivée après l’heure souhaitée",
}


@dataclass(frozen=True, slots=True)
class Match:
    key: Hashable
    extra_minutes: float
    band: str
    departure_min: int
    pickup_min: int
    dropoff_min: int
    ratio: float
    shared_distance_m: float
    weekdays: frozenset[int] = field(default_factory=frozenset)  # for a need on weekdays: the days in common


def _clock(minutes: float) -> int:
    return math.floor(minutes + 0.5)


def evaluate(trip: Trip, need: Need, detour: Detour) -> Match | Rejection:
    """The whole rule for one trip and one need, given the detour's legs."""
    if need.day is not None:
        if not runs_on(trip.schedule, need.day):
            return Rejection.NOT_RUNNING
        days: frozenset[int] = frozenset()
    else:
        days = common_weekdays(trip.schedule, need.weekdays, not_before=need.not_before)
        if not days:
            return Rejection.NOT_RUNNING
    if detour.direct.distance_m <= 0:
        return Rejection.NO_DIRECTION
    ratio = detour.ratio
    if ratio > MAX_DETOUR_RATIO:
        return Rejection.RATIO
    extra = detour.extra_minutes
    if not extra < MAX_EXTRA_MINUTES:
        return Rejection.TOO_LONG
    if trip.max_extra_minutes is not None and extra > trip.max_extra_minutes:
        return Rejection.DRIVER_LIMIT
    pickup = _clock(trip.departure_min + detour.to_pickup.minutes)
    dropoff = _clock(trip.departure_min + detour.to_pickup.minutes + detour.shared.minutes)
    if need.leave_after_min is not None and pickup < need.leave_after_min:
        return Rejection.TOO_EARLY
    if need.arrive_before_min is not None and dropoff > need.arrive_before_min:
        return Rejection.TOO_LATE
    return Match(
        key=trip.key,
        extra_minutes=extra,
        band=band_of(extra),
        departure_min=trip.departure_min,
        pickup_min=pickup,
        dropoff_min=dropoff,
        ratio=ratio,
        shared_distance_m=detour.shared.distance_m,
        weekdays=days,
    )


def closeness_min(match: Match, need: Need) -> int:
    """How far the trip is from the passenger's time: the pick-up against "leave after", else the
    drop-off against "arrive before", else nothing to compare (0)."""
    if need.leave_after_min is not None:
        return abs(match.pickup_min - need.leave_after_min)
    if need.arrive_before_min is not None:
        return abs(need.arrive_before_min - match.dropoff_min)
    return 0


def ordered(matches: Iterable[Match], need: Need) -> list[Match]:
    """By extra time, then closeness to the passenger's time, then departure time; ties keep the
    order given (the sort is stable)."""
    return sorted(matches, key=lambda m: (m.extra_minutes, closeness_min(m, need), m.departure_min))


def search(trips: Iterable[Trip], need: Need, model: TravelModel = CROW_FLIES) -> list[Match]:
    """Every matching trip, in the order shown."""
    found = []
    for trip in trips:
        result = evaluate(trip, need, detour_of(trip, need, model))
        if isinstance(result, Match):
            found.append(result)
    return ordered(found, need)


def by_band(matches: Iterable[Match]) -> dict[str, list[Match]]:
    """The matches grouped by band, every band present (possibly empty), in the given order."""
    groups: dict[str, list[Match]] = {name: [] for name, _, _ in BANDS}
    for match in matches:
        groups[match.band].append(match)
    return groups


def clock_text(minutes: int) -> str:
    """'08:05' for 485; past midnight wraps (a drop-off at 24:10 reads 00:10)."""
    minutes %= MINUTES_PER_DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def weekday_mask(weekdays: Iterable[int]) -> int:
    """Weekdays as stored: bit 0 for Monday … bit 6 for Sunday."""
    return sum(1 << day for day in set(weekdays))


def weekdays_of_mask(mask: int) -> frozenset[int]:
    return frozenset(day for day in range(7) if mask & (1 << day))
