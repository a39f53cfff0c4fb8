import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.platform.geo.projection import to_lambert93, to_lambert93_many, to_wgs84, to_wgs84_many


# Reference values from the definition of Lambert-93: its origin (3°E, 46°30'N) maps to
# (700 000, 6 600 000).
def test_origin_of_lambert93():
    x, y = to_lambert93(3.0, 46.5)
    assert x == pytest.approx(700_000, abs=0.01)
    assert y == pytest.approx(6_600_000, abs=0.01)


def test_paris_order_is_lon_lat():
    x, y = to_lambert93(2.3522, 48.8566)
    assert 650_000 < x < 655_000
    assert 6_860_000 < y < 6_865_000


def test_round_trip_single():
    lon, lat = to_wgs84(*to_lambert93(5.3698, 43.2965))
    assert lon == pytest.approx(5.3698, abs=1e-9)
    assert lat == pytest.approx(43.2965, abs=1e-9)


def test_vectorised_equals_single():
    lons = np.array([2.3522, 5.3698, -1.5536, 7.7521])
    lats = np.array([48.8566, 43.2965, 47.2184, 48.5734])
    xs, ys = to_lambert93_many(lons, lats)
    for lon, lat, x, y in zip(lons, lats, xs, ys, strict=True):
        assert (x, y) == pytest.approx(to_lambert93(lon, lat))
    back_lons, back_lats = to_wgs84_many(xs, ys)
    assert np.allclose(back_lons, lons) and np.allclose(back_lats, lats)


def test_arrays_of_different_sizes_are_refused():
    with pytest.raises(ValueError, match="même taille"):
        to_lambert93_many([1.0, 2.0], [45.0])


def test_unprojectable_point_is_refused():
    with pytest.raises(ValueError, match="Lambert-93"):
        to_lambert93(math.inf, 45.0)


@given(lon=st.floats(-5.5, 9.8), lat=st.floats(41.3, 51.2))
def test_round_trip_over_mainland_france(lon, lat):
    back_lon, back_lat = to_wgs84(*to_lambert93(lon, lat))
    assert back_lon == pytest.approx(lon, abs=1e-7)
    assert back_lat == pytest.approx(lat, abs=1e-7)


@given(lon=st.floats(-5.5, 9.8), lat=st.floats(41.3, 51.2))
def test_agrees_with_gdal_to_the_millimetre(lon, lat):
    """The numpy formulas against PROJ (through GDAL), the reference implementation of EPSG:2154."""
    from django.contrib.gis.geos import Point

    reference = Point(lon, lat, srid=4326)
    reference.transform(2154)
    x, y = to_lambert93(lon, lat)
    assert x == pytest.approx(reference.x, abs=1e-3)
    assert y == pytest.approx(reference.y, abs=1e-3)


def test_far_outside_france_is_not_projected():
    xs, ys = to_lambert93_many([3.0, 120.0], [46.5, -30.0])
    assert math.isfinite(xs[0]) and not math.isfinite(xs[1]) and not math.isfinite(ys[1])
