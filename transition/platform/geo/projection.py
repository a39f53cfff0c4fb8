"""WGS84 (EPSG:4326) <-> Lambert-93 (EPSG:2154), the projection for metric distances in mainland France.

Coordinates are always (longitude, latitude) and (x, y).

Lambert-93 is a Lambert conformal conic projection with two standard parallels on the GRS80
ellipsoid (RGF93, which coincides with WGS84 at the metre level, hence no datum shift). The
formulas are computed here with numpy rather than through pyproj: pyproj's wheel carries its own
PROJ and SQLite, and a process that already holds Debian's (loaded by SpatiaLite and GDAL) then
crashes at exit. The tests check these formulas against GDAL to the millimetre.
"""

import math

import numpy as np

WGS84 = 4326
LAMBERT93 = 2154

# EPSG:2154 parameters.
_A = 6378137.0  # GRS80 semi-major axis (m)
_F = 1 / 298.257222101  # GRS80 flattening
_E = math.sqrt(2 * _F - _F * _F)
_LON0 = math.radians(3.0)
_LAT0 = math.radians(46.5)
_LAT1 = math.radians(49.0)
_LAT2 = math.radians(44.0)
_X0 = 700_000.0
_Y0 = 6_600_000.0


def _m(lat):
    return np.cos(lat) / np.sqrt(1 - (_E * np.sin(lat)) ** 2)


def _t(lat):
    e_sin = _E * np.sin(lat)
    return np.tan(np.pi / 4 - lat / 2) / ((1 - e_sin) / (1 + e_sin)) ** (_E / 2)


_N = (math.log(_m(_LAT1)) - math.log(_m(_LAT2))) / (math.log(_t(_LAT1)) - math.log(_t(_LAT2)))
_AF = _A * _m(_LAT1) / (_N * _t(_LAT1) ** _N)
_RHO0 = _AF * _t(_LAT0) ** _N
# Where the projection is meaningful: mainland France and its surroundings, with a wide margin.
_LON_RANGE = (-20.0, 30.0)
_LAT_RANGE = (25.0, 70.0)


def to_lambert93_many(lons, lats) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised form: two arrays of the same length in, two float64 arrays out (inf where a
    coordinate cannot be projected; the caller decides what that means)."""
    lons = np.asarray(lons, dtype="float64")
    lats = np.asarray(lats, dtype="float64")
    if lons.shape != lats.shape:
        raise ValueError("Les tableaux de longitudes et de latitudes n’ont pas la même taille.")
    valid = (
        np.isfinite(lons)
        & np.isfinite(lats)
        & (lons >= _LON_RANGE[0])
        & (lons <= _LON_RANGE[1])
        & (lats >= _LAT_RANGE[0])
        & (lats <= _LAT_RANGE[1])
    )
    lam = np.radians(np.where(valid, lons, 3.0))
    phi = np.radians(np.where(valid, lats, 46.5))
    rho = _AF * _t(phi) ** _N
    theta = _N * (lam - _LON0)
    xs = _X0 + rho * np.sin(theta)
    ys = _Y0 + _RHO0 - rho * np.cos(theta)
    return np.where(valid, xs, np.inf), np.where(valid, ys, np.inf)


def to_wgs84_many(xs, ys) -> tuple[np.ndarray, np.ndarray]:
    xs = np.asarray(xs, dtype="float64")
    ys = np.asarray(ys, dtype="float64")
    if xs.shape != ys.shape:
        raise ValueError("Les tableaux de coordonnées n’ont pas la même taille.")
    valid = np.isfinite(xs) & np.isfinite(ys)
    dx = np.where(valid, xs, _X0) - _X0
    dy = _RHO0 - (np.where(valid, ys, _Y0) - _Y0)
    rho = np.sign(_N) * np.hypot(dx, dy)
    t = (rho / _AF) ** (1 / _N)
    lam = np.arctan2(dx, dy) / _N + _LON0
    phi = np.pi / 2 - 2 * np.arctan(t)
    for _ in range(12):  # converges to 1e-12 rad in 5 or 6 steps over France
        e_sin = _E * np.sin(phi)
        phi = np.pi / 2 - 2 * np.arctan(t * ((1 - e_sin) / (1 + e_sin)) ** (_E / 2))
    lons, lats = np.degrees(lam), np.degrees(phi)
    return np.where(valid, lons, np.inf), np.where(valid, lats, np.inf)


def lambert93_point(lon: float, lat: float) -> tuple[float, float] | None:
    """One point, without the arrays' fixed cost (a request's single position): the same numpy
    functions in the same order as `to_lambert93_many`, so the same bits. None where it cannot be
    projected."""
    if not (
        math.isfinite(lon)
        and math.isfinite(lat)
        and _LON_RANGE[0] <= lon <= _LON_RANGE[1]
        and _LAT_RANGE[0] <= lat <= _LAT_RANGE[1]
    ):
        return None
    # One-element arrays, not scalars: numpy's array loops (vectorised sin, tan, power) and its
    # scalar ones may differ in the last bit.
    lam = np.radians(np.array([lon]))
    phi = np.radians(np.array([lat]))
    rho = _AF * _t(phi) ** _N
    theta = _N * (lam - _LON0)
    return float((_X0 + rho * np.sin(theta))[0]), float((_Y0 + _RHO0 - rho * np.cos(theta))[0])


def to_lambert93(lon: float, lat: float) -> tuple[float, float]:
    found = lambert93_point(float(lon), float(lat))
    if found is None:
        raise ValueError(f"Coordonnées impossibles à projeter en Lambert-93 : {lon}, {lat}")
    return found


def to_wgs84(x: float, y: float) -> tuple[float, float]:
    lons, lats = to_wgs84_many([x], [y])
    lon, lat = float(lons[0]), float(lats[0])
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise ValueError(f"Coordonnées Lambert-93 impossibles à convertir : {x}, {y}")
    return lon, lat
