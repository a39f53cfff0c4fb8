import numpy as np
import pytest
import shapely
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, MultiLineString, MultiPolygon, Point, box

from transition.platform.geo.spatial_index import SpatialIndex, VersionedIndex


def long_line(y: float, n: int = 100) -> LineString:
    return LineString([(i * 10.0, y) for i in range(n)])


def test_nearest_across_cut_lines_and_multilines():
    index = SpatialIndex(
        [long_line(0), MultiLineString([[(0, 100), (0, 200)], [(500, 500), (600, 600)]])], ["a", "b"], chunk_segments=4
    )
    assert index.item_count > 2  # the 99-segment line was cut into pieces
    assert index.nearest(5, 50) == ("a", 50.0)
    item, distance = index.nearest(510, 500)
    assert item == "b" and distance == pytest.approx(7.0710678)
    assert index.nearest(985, 3) == ("a", 3.0)  # the last piece keeps the line's end


def test_nearest_respects_max_distance():
    index = SpatialIndex([long_line(0)], ["a"])
    assert index.nearest(0, 1000, max_distance=999) is None
    assert index.nearest(0, 1000, max_distance=1000) == ("a", 1000.0)


def test_batch_nearest_marks_missing_points():
    index = SpatialIndex([long_line(0)], ["a"])
    positions, distances = index.nearest_many([5, 5], [20, 5000], max_distance=100)
    assert positions.tolist() == [0, -1]
    assert distances[0] == 20 and np.isinf(distances[1])


def test_empty_index_answers_nothing():
    index = SpatialIndex([], [])
    assert index.nearest(0, 0) is None
    assert index.containing(0, 0) == []
    positions, _ = index.nearest_many([0], [0])
    assert positions.tolist() == [-1]


def test_containing_includes_the_boundary_and_each_id_once():
    index = SpatialIndex([box(0, 0, 10, 10), MultiPolygon([box(5, 5, 20, 20), box(30, 30, 40, 40)])], [1, 2])
    assert index.containing(6, 6) == [1, 2]
    assert index.containing(0, 0) == [1]
    assert index.containing(35, 35) == [2]
    assert index.containing(25, 25) == []
    assert index.containing_many([6, 35, 100], [6, 35, 100]) == [[0, 1], [1], []]


def test_ids_and_geometries_must_match():
    with pytest.raises(ValueError):
        SpatialIndex([Point(0, 0)], [1, 2])


def test_versioned_index_rebuilds_only_when_the_version_changes():
    state = {"version": 1, "builds": 0}

    def build():
        state["builds"] += 1
        return object()

    cache = VersionedIndex(build, lambda: state["version"])
    first = cache.get()
    assert cache.get() is first and state["builds"] == 1
    state["version"] = 2
    second = cache.get()
    assert second is not first and state["builds"] == 2 and cache.built_version == 2
    cache.clear()
    assert cache.get() is not second


def test_versioned_index_trusts_a_version_read_for_max_age(monkeypatch):
    state = {"version": 1, "reads": 0}

    def version():
        state["reads"] += 1
        return state["version"]

    clock = {"now": 100.0}
    monkeypatch.setattr("transition.platform.geo.spatial_index.time.monotonic", lambda: clock["now"])
    cache = VersionedIndex(object, version, max_age_s=2.0)
    first = cache.get()
    state["version"] = 2
    clock["now"] += 1.0
    assert cache.get() is first and state["reads"] == 1  # still trusted
    clock["now"] += 1.5
    assert cache.get() is not first and state["reads"] == 2
    second = cache.get()
    state["version"] = 3
    cache.expire()
    assert cache.get() is not second and state["reads"] == 3


# Centimetres: GEOS divides by zero on subnormal coordinates, which no map holds.
coords = st.integers(-100_000, 100_000).map(lambda cm: cm / 100)


@settings(max_examples=60, deadline=None)
@given(
    lines=st.lists(st.lists(st.tuples(coords, coords), min_size=2, max_size=40), min_size=1, max_size=8),
    points=st.lists(st.tuples(coords, coords), min_size=1, max_size=10),
    chunk=st.integers(1, 20),
)
def test_nearest_matches_brute_force(lines, points, chunk):
    geometries = [LineString(line) for line in lines]
    assume(all(g.length > 0 for g in geometries))
    index = SpatialIndex(geometries, list(range(len(geometries))), chunk_segments=chunk)
    xs, ys = zip(*points, strict=True)
    positions, distances = index.nearest_many(xs, ys)
    for (x, y), position, distance in zip(points, positions, distances, strict=True):
        brute = shapely.distance(np.array(geometries), Point(x, y))
        assert distance == pytest.approx(brute.min(), abs=1e-6)
        assert brute[position] == pytest.approx(brute.min(), abs=1e-6)
        assert index.nearest(x, y)[1] == pytest.approx(distance)


@settings(max_examples=40, deadline=None)
@given(
    squares=st.lists(st.tuples(coords, coords, st.integers(1, 500)), min_size=1, max_size=6),
    points=st.lists(st.tuples(coords, coords), min_size=1, max_size=10),
)
def test_containment_forms_agree(squares, points):
    polygons = [box(x, y, x + size, y + size) for x, y, size in squares]
    index = SpatialIndex(polygons, list(range(len(polygons))))
    xs, ys = zip(*points, strict=True)
    many = index.containing_many(xs, ys)
    for (x, y), found in zip(points, many, strict=True):
        expected = [i for i, polygon in enumerate(polygons) if polygon.intersects(Point(x, y))]
        assert found == expected == index.containing(x, y)
