"""The matching rule: table-driven cases, the originals' cases, and properties."""

import json
import math
from datetime import date, timedelta

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from transition.products.comobi.domain.matching import (
    BANDS,
    CROW_FLIES,
    MAX_EXTRA_MINUTES,
    Leg,
    Match,
    Need,
    Point,
    Rejection,
    Schedule,
    Trip,
    band_of,
    by_band,
    clock_text,
    common_weekdays,
    detour_from_legs,
    detour_of,
    evaluate,
    great_circle_m,
    ordered,
    round_tenth,
    runs_on,
    search,
)

MONDAY = date(2025, 3, 3)
WEEKDAYS = frozenset(range(5))
EVERY_DAY = Schedule(weekdays=frozenset(range(7)))
A, B = Point(44.80, 1.60), Point(44.60, 1.70)


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def km_legs(direct: float, to_pickup: float, shared: float, from_dropoff: float):
    """A detour built from distances in km, timed by the originals' model."""
    legs = [Leg(k * 1000, CROW_FLIES.minutes(k * 1000)) for k in (direct, to_pickup, shared, from_dropoff)]
    return detour_from_legs(*legs, CROW_FLIES)


def trip(schedule=EVERY_DAY, departure="08:00", limit=None, key="t"):
    return Trip(
        key=key, origin=A, destination=B, departure_min=hm(departure), schedule=schedule, max_extra_minutes=limit
    )


def need(day=MONDAY, after=None, before=None, weekdays=frozenset(), not_before=None):
    return Need(
        origin=A,
        destination=B,
        day=None if weekdays else day,
        weekdays=weekdays,
        not_before=not_before,
        leave_after_min=hm(after) if after else None,
        arrive_before_min=hm(before) if before else None,
    )


# --- distance and model ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "metres"),
    [
        (Point(43.6183, 3.8592), Point(43.610769, 3.876716), 1640.0296304357857),  # castries-montpellier
        (Point(48.8566969, 2.3514616), Point(43.1257311, 5.9304919), 694450.8766159964),  # paris-toulon
        (Point(0, 0), Point(0, 1), 2 * math.pi * 6_371_000 / 360),  # one degree of the equator
        (Point(44.6, 1.7), Point(44.6, 1.7), 0.0),
    ],
)
def test_great_circle_distance(a, b, metres):
    assert great_circle_m(a, b) == pytest.approx(metres, rel=1e-12, abs=1e-9)


def test_model_times_one_kilometre_at_the_road_factor():
    assert CROW_FLIES.minutes(1000) == pytest.approx(1.4)
    assert CROW_FLIES.minutes(60_000 / 1.4) == pytest.approx(60)  # 60 km/h on the road


# --- days -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "day", "runs"),
    [
        (Schedule(day=MONDAY), MONDAY, True),
        (Schedule(day=MONDAY), MONDAY + timedelta(days=7), False),  # one-off: that date only
        (Schedule(weekdays=WEEKDAYS), MONDAY, True),
        (Schedule(weekdays=WEEKDAYS), MONDAY + timedelta(days=5), False),  # Saturday
        (Schedule(weekdays=frozenset({6})), MONDAY + timedelta(days=6), True),  # Sunday
        (Schedule(weekdays=WEEKDAYS, valid_from=MONDAY + timedelta(days=1)), MONDAY, False),
        (Schedule(weekdays=WEEKDAYS, valid_from=MONDAY), MONDAY, True),
        (Schedule(weekdays=WEEKDAYS, valid_until=MONDAY), MONDAY, True),
        (Schedule(weekdays=WEEKDAYS, valid_until=MONDAY - timedelta(days=1)), MONDAY, False),
    ],
)
def test_runs_on(schedule, day, runs):
    assert runs_on(schedule, day) is runs


@pytest.mark.parametrize(
    ("schedule", "asked", "common"),
    [
        (Schedule(weekdays=WEEKDAYS), frozenset({0, 2, 5}), frozenset({0, 2})),
        (Schedule(weekdays=frozenset({5, 6})), WEEKDAYS, frozenset()),
        (Schedule(day=MONDAY + timedelta(days=2)), WEEKDAYS, frozenset({2})),  # one-off on a Wednesday
        (Schedule(day=MONDAY - timedelta(days=5)), WEEKDAYS, frozenset()),  # one-off already past
        (Schedule(weekdays=WEEKDAYS, valid_until=MONDAY - timedelta(days=1)), WEEKDAYS, frozenset()),
        (Schedule(weekdays=WEEKDAYS, valid_until=MONDAY + timedelta(days=1)), WEEKDAYS, frozenset({0, 1})),
        (Schedule(weekdays=frozenset({0}), valid_from=MONDAY + timedelta(days=14)), frozenset({0}), frozenset({0})),
    ],
)
def test_common_weekdays(schedule, asked, common):
    assert common_weekdays(schedule, asked, not_before=MONDAY) == common


def test_a_schedule_is_a_date_or_weekdays():
    with pytest.raises(ValueError):
        Schedule()
    with pytest.raises(ValueError):
        Schedule(weekdays=frozenset({1}), day=MONDAY)
    with pytest.raises(ValueError):
        Schedule(weekdays=frozenset({7}))


# --- bands and rounding ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "band"),
    [(0.0, "0-5"), (4.9, "0-5"), (5.0, "5-20"), (7.5, "5-20"), (9.9, "5-20"), (19.9, "5-20"), (20.0, "20-45")]
    + [(44.9, "20-45"), (45.0, None), (105.9, None)],
)
def test_bands_include_their_lower_bound(minutes, band):
    assert band_of(minutes) == band


@pytest.mark.parametrize(
    ("value", "rounded"),
    [(1.776497541647744, 1.8), (4.25, 4.3), (4.2499, 4.2), (105.8660527271877, 105.9), (0.04, 0.0), (44.95, 45.0)],
)
def test_round_tenth_half_up(value, rounded):
    assert round_tenth(value) == rounded


def test_clock_text():
    assert clock_text(485) == "08:05"
    assert clock_text(24 * 60 + 10) == "00:10"


# --- the rule, case by case -----------------------------------------------------------------------

# (what, trip, need, detour in km (direct, to pick-up, shared, from drop-off), expected: a Rejection
#  or (extra_minutes, band, pickup, dropoff))
CASES = [
    ("on the way", trip(), need(), (10, 0, 10, 0), (0.0, "0-5", "08:00", "08:14")),
    ("small detour", trip(), need(), (10, 1, 10, 1), (2.8, "0-5", "08:01", "08:15")),
    ("five minutes is the second band", trip(), need(), (10, 1.25, 10, 2.32143), (5.0, "5-20", "08:02", "08:16")),
    ("lotocar's gap: 7 minutes shown", trip(), need(), (20, 2.5, 20, 2.5), (7.0, "5-20", "08:04", "08:32")),
    ("twenty minutes", trip(), need(), (30, 7.142857, 30, 7.142857), (20.0, "20-45", "08:10", "08:52")),
    ("ratio 1.8 passes", trip(), need(), (40, 10, 40, 22), (44.8, "20-45", "08:14", "09:10")),
    ("ratio just over 1.8", trip(), need(), (10, 4.1, 10, 4), Rejection.RATIO),
    ("45 minutes is too long", trip(), need(), (100, 16.07143, 100, 16.07143), Rejection.TOO_LONG),
    ("44.96 rounds to 45.0: too long", trip(), need(), (100, 16.0571, 100, 16.0571), Rejection.TOO_LONG),
    ("driver accepts 5 minutes", trip(limit=5), need(), (10, 1.25, 10, 2.32143), (5.0, "5-20", "08:02", "08:16")),
    ("driver accepts 4 minutes", trip(limit=4), need(), (10, 1.25, 10, 2.32143), Rejection.DRIVER_LIMIT),
    ("driver accepts no detour", trip(limit=0), need(), (10, 0, 10, 0), (0.0, "0-5", "08:00", "08:14")),
    ("no direction", trip(), need(), (0, 1, 1, 0), Rejection.NO_DIRECTION),
    ("one-off another day", trip(Schedule(day=MONDAY + timedelta(1))), need(), (10, 0, 10, 0), Rejection.NOT_RUNNING),
    ("one-off that day", trip(Schedule(day=MONDAY)), need(), (10, 0, 10, 0), (0.0, "0-5", "08:00", "08:14")),
    (
        "regular, not on Mondays",
        trip(Schedule(weekdays=frozenset({1, 2}))),
        need(),
        (10, 0, 10, 0),
        Rejection.NOT_RUNNING,
    ),
    ("pick-up at 'leave after'", trip(), need(after="08:04"), (20, 2.5, 20, 2.5), (7.0, "5-20", "08:04", "08:32")),
    ("pick-up before 'leave after'", trip(), need(after="08:05"), (20, 2.5, 20, 2.5), Rejection.TOO_EARLY),
    ("drop-off at 'arrive before'", trip(), need(before="08:32"), (20, 2.5, 20, 2.5), (7.0, "5-20", "08:04", "08:32")),
    ("drop-off after 'arrive before'", trip(), need(before="08:31"), (20, 2.5, 20, 2.5), Rejection.TOO_LATE),
    (
        "inside both bounds",
        trip(),
        need(after="07:30", before="09:00"),
        (20, 2.5, 20, 2.5),
        (7.0, "5-20", "08:04", "08:32"),
    ),
    (
        "window checked on the trip's own time",
        trip(departure="07:00"),
        need(after="07:30"),
        (20, 0, 20, 0),
        Rejection.TOO_EARLY,
    ),
    (
        "weekdays in common",
        trip(Schedule(weekdays=WEEKDAYS)),
        need(weekdays=frozenset({4, 5}), not_before=MONDAY),
        (10, 0, 10, 0),
        (0.0, "0-5", "08:00", "08:14"),
    ),
    (
        "no weekday in common",
        trip(Schedule(weekdays=frozenset({0}))),
        need(weekdays=frozenset({4, 5}), not_before=MONDAY),
        (10, 0, 10, 0),
        Rejection.NOT_RUNNING,
    ),
]


@pytest.mark.parametrize(("what", "a_trip", "a_need", "kms", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rule(what, a_trip, a_need, kms, expected):
    result = evaluate(a_trip, a_need, km_legs(*kms))
    if isinstance(expected, Rejection):
        assert result == expected
    else:
        assert isinstance(result, Match), result
        extra, band, pickup, dropoff = expected
        assert (result.extra_minutes, result.band, clock_text(result.pickup_min), clock_text(result.dropoff_min)) == (
            extra,
            band,
            pickup,
            dropoff,
        )


def test_match_tells_the_weekdays_in_common():
    result = evaluate(
        trip(Schedule(weekdays=WEEKDAYS)), need(weekdays=frozenset({4, 5}), not_before=MONDAY), km_legs(10, 0, 10, 0)
    )
    assert result.weekdays == frozenset({4})


def test_need_is_a_date_or_weekdays_from_a_date():
    with pytest.raises(ValueError):
        Need(origin=A, destination=B)
    with pytest.raises(ValueError):
        Need(origin=A, destination=B, weekdays=frozenset({1}))


# --- ordering -------------------------------------------------------------------------------------


def _match(key, extra, pickup="08:00", departure="08:00"):
    return Match(
        key=key,
        extra_minutes=extra,
        band=band_of(extra),
        departure_min=hm(departure),
        pickup_min=hm(pickup),
        dropoff_min=hm(pickup) + 10,
        ratio=1.0,
        shared_distance_m=1000,
    )


def test_ordered_by_extra_time_then_closeness_then_departure():
    asked = need(after="08:00")
    matches = [
        _match("late", 2.0, pickup="09:00"),
        _match("far", 12.0),
        _match("close", 2.0, pickup="08:05"),
        _match("first", 0.5, pickup="10:00"),
        _match("same-b", 2.0, pickup="08:05", departure="07:59"),
    ]
    assert [m.key for m in ordered(matches, asked)] == ["first", "same-b", "close", "late", "far"]


def test_ordered_against_arrive_before_when_no_leave_after():
    asked = need(before="09:00")
    matches = [_match("early", 1.0, pickup="07:00"), _match("just", 1.0, pickup="08:45")]
    assert [m.key for m in ordered(matches, asked)] == ["just", "early"]


def test_by_band_keeps_every_band():
    groups = by_band([_match("a", 1.0), _match("b", 30.0)])
    assert list(groups) == [name for name, _, _ in BANDS]
    assert [m.key for m in groups["0-5"]] == ["a"]
    assert groups["5-20"] == []


# --- the originals' cases (comobi_cases_sample.json) -----------------------------------------------


def _sample(shared_data):
    return json.loads((shared_data / "comobi" / "comobi_cases_sample.json").read_text(encoding="utf-8"))["cases"]


def _positions(cases) -> dict[str, Point]:
    """Every place the file locates somewhere; the trip lists use the same places."""
    found = {}
    for case in cases:
        for side in ("driver", "passenger"):
            for name, pos in ((case.get(side) or {}).get("positions") or {}).items():
                found[name] = Point(pos["latitude"], pos["longitude"])
    return found


def _trip(origin, destination, positions, key=None):
    return Trip(
        key=key or f"{origin}->{destination}",
        origin=positions[origin],
        destination=positions[destination],
        departure_min=hm("08:00"),
        schedule=EVERY_DAY,
    )


@pytest.mark.shared_data
def test_sample_pairs(shared_data):
    cases = _sample(shared_data)
    positions = _positions(cases)
    pairs = [c for c in cases if c["passenger"] and "origin" in c["driver"]]
    assert pairs
    for case in pairs:
        driver, passenger, expected = case["driver"], case["passenger"], case["expected"]
        a_trip = _trip(driver["origin"], driver["destination"], positions)
        a_need = Need(
            origin=positions[passenger["origin"]], destination=positions[passenger["destination"]], day=MONDAY
        )
        detour = detour_of(a_trip, a_need)
        assert detour.direct.distance_m == pytest.approx(expected["originalDistance_m"], rel=1e-12)
        assert detour.distance_with_detour_m == pytest.approx(expected["distanceWithDetour_m"], rel=1e-12)
        assert detour.ratio == pytest.approx(expected["ratio"], rel=1e-12)
        assert (detour.ratio <= 1.8) is expected["passes_ratio_1_8"]
        # Lotocar computed the extra time without the ratio filter.
        assert detour.extra_minutes_exact == pytest.approx(expected["lotocar_additionalTime_min"], rel=1e-12, abs=1e-12)
        result = evaluate(a_trip, a_need, detour)
        if expected["comobi_additionalTime_min"] is None:
            assert result == Rejection.RATIO
        else:
            assert result.extra_minutes == round_tenth(expected["comobi_additionalTime_min"])
            assert result.band == expected["comobi_bucket"]


@pytest.mark.shared_data
def test_sample_trip_lists(shared_data):
    cases = _sample(shared_data)
    positions = _positions(cases)
    lists = [c for c in cases if c["passenger"] and "trips_in_order" in c["driver"]]
    assert lists
    for case in lists:
        trips = [_trip(o, d, positions) for o, d in case["driver"]["trips_in_order"]]
        a_need = Need(
            origin=positions[case["passenger"]["origin"]],
            destination=positions[case["passenger"]["destination"]],
            day=MONDAY,
        )
        expected = case["expected"]
        # comobi-core kept the trips within the ratio, with their extra time.
        kept = {f"{o}->{d}": minutes for o, d, minutes in expected["additionalTimeByTrip_order"]}
        for a_trip in trips:
            detour = detour_of(a_trip, a_need)
            assert (detour.ratio <= 1.8) is (a_trip.key in kept), a_trip.key
            if a_trip.key in kept:
                assert detour.extra_minutes_exact == pytest.approx(kept[a_trip.key], rel=1e-12, abs=1e-12)
        # Our bands hold the same trips (under 45 minutes), now sorted by extra time.
        found = search(trips, a_need)
        for name, keys in (("0-5", "comobi_0_5"), ("5-20", "comobi_5_20"), ("20-45", "comobi_20_45")):
            assert {m.key for m in found if m.band == name} == set(expected["comobi_buckets"][keys])
        assert [m.extra_minutes for m in found] == sorted(m.extra_minutes for m in found)


# --- properties -----------------------------------------------------------------------------------

# Points in and around a rural département, times over a day, schedules of every kind.
points = st.builds(Point, st.floats(44.2, 45.1), st.floats(1.0, 2.2))
days = st.dates(min_value=date(2025, 1, 1), max_value=date(2025, 12, 31))
weekday_sets = st.frozensets(st.integers(0, 6), min_size=1)
schedules = st.one_of(
    st.builds(lambda d: Schedule(day=d), days),
    st.builds(
        lambda w, f, u: Schedule(weekdays=w, valid_from=f, valid_until=u),
        weekday_sets,
        st.none() | days,
        st.none() | days,
    ),
)
minutes = st.integers(5 * 60, 20 * 60)


@st.composite
def trips(draw, key=None):
    return Trip(
        key=key if key is not None else draw(st.uuids()),
        origin=draw(points),
        destination=draw(points),
        departure_min=draw(minutes),
        schedule=draw(schedules),
        max_extra_minutes=draw(st.none() | st.integers(0, 60)),
    )


@st.composite
def needs(draw):
    after = draw(st.none() | minutes)
    before = draw(st.none() | minutes)
    if draw(st.booleans()):
        return Need(
            origin=draw(points),
            destination=draw(points),
            day=draw(days),
            leave_after_min=after,
            arrive_before_min=before,
        )
    return Need(
        origin=draw(points),
        destination=draw(points),
        weekdays=draw(weekday_sets),
        not_before=draw(days),
        leave_after_min=after,
        arrive_before_min=before,
    )


@st.composite
def near(draw, point):
    """A point within about 3 km of `point`."""
    return Point(point.lat + draw(st.floats(-0.03, 0.03)), point.lon + draw(st.floats(-0.03, 0.03)))


@st.composite
def trips_near(draw, asked, key=None):
    """A trip from near the need's origin to near its destination: many of them match."""
    return Trip(
        key=key if key is not None else draw(st.uuids()),
        origin=draw(near(asked.origin)),
        destination=draw(near(asked.destination)),
        departure_min=draw(minutes),
        schedule=draw(st.just(EVERY_DAY) | schedules),
        max_extra_minutes=draw(st.none() | st.integers(0, 60)),
    )


@given(st.data())
def test_adding_a_trip_never_removes_a_match(data):
    asked = data.draw(needs())
    existing = data.draw(st.lists(trips_near(asked) | trips(), max_size=12))
    added = data.draw(trips_near(asked, key="added") | trips(key="added"))
    before = {m.key for m in search(existing, asked)}
    after = {m.key for m in search([*existing, added], asked)}
    assert before <= after
    assert after - before <= {added.key}


@given(trips(), needs())
def test_a_trip_never_matches_on_a_day_it_does_not_run(a_trip, asked):
    result = evaluate(a_trip, asked, detour_of(a_trip, asked))
    if asked.day is not None and not runs_on(a_trip.schedule, asked.day):
        assert result == Rejection.NOT_RUNNING
    if isinstance(result, Match):
        if asked.day is not None:
            assert runs_on(a_trip.schedule, asked.day)
        else:
            assert result.weekdays and result.weekdays <= asked.weekdays
            for weekday in result.weekdays:  # each day in common is a day the trip runs
                first = asked.not_before + timedelta(days=(weekday - asked.not_before.weekday()) % 7)
                runs = [runs_on(a_trip.schedule, first + timedelta(weeks=k)) for k in range(60)]
                assert any(runs)


@st.composite
def going_the_same_way(draw):
    """A trip and a need between the same places give or take 3 km, with a window around the
    trip's time more often than not: most pairs match, so that the test sees many matches."""
    base = draw(needs())
    departure = draw(minutes)
    after = draw(st.none() | st.integers(departure - 60, departure + 10))
    before = draw(st.none() | st.integers(departure + 20, departure + 240))
    asked = Need(
        origin=base.origin,
        destination=base.destination,
        day=base.day,
        weekdays=base.weekdays,
        not_before=base.not_before,
        leave_after_min=after,
        arrive_before_min=before,
    )
    a_trip = draw(trips_near(asked))
    return Trip(a_trip.key, a_trip.origin, a_trip.destination, departure, EVERY_DAY, a_trip.max_extra_minutes), asked


@given(going_the_same_way())
def test_a_match_keeps_every_limit(pair):
    a_trip, asked = pair
    detour = detour_of(a_trip, asked)
    result = evaluate(a_trip, asked, detour)
    assume(isinstance(result, Match))
    assert 0 <= result.extra_minutes < MAX_EXTRA_MINUTES
    assert result.band == band_of(result.extra_minutes)
    assert detour.ratio <= 1.8
    if a_trip.max_extra_minutes is not None:
        assert result.extra_minutes <= a_trip.max_extra_minutes
    if asked.leave_after_min is not None:
        assert result.pickup_min >= asked.leave_after_min
    if asked.arrive_before_min is not None:
        assert result.dropoff_min <= asked.arrive_before_min
    assert result.departure_min <= result.pickup_min <= result.dropoff_min


@given(st.lists(trips(), max_size=15), needs())
def test_results_are_sorted_and_banded(some_trips, asked):
    found = search(some_trips, asked)
    keys = [
        (m.extra_minutes, abs(m.pickup_min - asked.leave_after_min) if asked.leave_after_min is not None else 0)
        for m in found
    ]
    if asked.leave_after_min is not None:
        assert keys == sorted(keys)
    assert [m.extra_minutes for m in found] == sorted(m.extra_minutes for m in found)
    assert all(m.band is not None for m in found)


@given(points, points, points)
def test_distance_is_a_metric(a, b, c):
    assert great_circle_m(a, b) == pytest.approx(great_circle_m(b, a), rel=1e-9, abs=1e-6)
    assert great_circle_m(a, c) <= great_circle_m(a, b) + great_circle_m(b, c) + 1e-6


@given(points, points, points, points)
def test_the_originals_model_never_gives_a_negative_detour(do, dd, po, pd):
    assume(great_circle_m(do, dd) > 1)
    detour = detour_of(Trip("t", do, dd, 480, EVERY_DAY), Need(origin=po, destination=pd, day=MONDAY))
    assert detour.ratio >= 1 - 1e-9
    assert detour.extra_minutes >= 0
