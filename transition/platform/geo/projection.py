"""WGS84 (EPSG:4326) <-> Lambert-93 (EPSG:2154), the projection for metric distances in mainland France.

Coordinates are always (longitude, latitude) and (x, y): the transformers are built with
`always_xy=True`, once per process.
"""

import math
from functools import lru_cache

import numpy as np
from pyproj import Transformer

WGS84 = 4326
LAMBERT93 = 2154


@lru_cache(maxsize=4)
def transformer(source: int, target: int) -> Transformer:
    return Transformer.from_crs(source, target, always_xy=True)


def to_lambert93(lon: float, lat: float) -> tuple[float, float]:
    x, y = transformer(WGS84, LAMBERT93).transform(lon, lat, errcheck=True)
    if not (math.isfinite(x) and math.isfinite(y)):
        raise ValueError(f"Coordonnées impossibles à projeter en Lambert-93 : {lon}, {lat}")
    return float(x), float(y)


def to_wgs84(x: float, y: float) -> tuple[float, float]:
    lon, lat = transformer(LAMBERT93, WGS84).transform(x, y, errcheck=True)
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise ValueError(f"Coordonnées Lambert-93 impossibles à convertir : {x}, {y}")
    return float(lon), float(lat)


def to_lambert93_many(lons, lats) -> tuple[np.ndarray, np.ndarray]:
    """Vectorised form: two arrays of the same length in, two float64 arrays out (inf where a
    coordinate cannot be projected; the caller decides what that means)."""
    lons = np.asarray(lons, dtype="float64")
    lats = np.asarray(lats, dtype="float64")
    if lons.shape != lats.shape:
        raise ValueError("Les tableaux de longitudes et de latitudes n’ont pas la même taille.")
    xs, ys = transformer(WGS84, LAMBERT93).transform(lons, lats)
    return np.asarray(xs, dtype="float64"), np.asarray(ys, dtype="float64")


def to_wgs84_many(xs, ys) -> tuple[np.ndarray, np.ndarray]:
    xs = np.asarray(xs, dtype="float64")
    ys = np.asarray(ys, dtype="float64")
    if xs.shape != ys.shape:
        raise ValueError("Les tableaux de coordonnées n’ont pas la même taille.")
    lons, lats = transformer(LAMBERT93, WGS84).transform(xs, ys)
    return np.asarray(lons, dtype="float64"), np.asarray(lats, dtype="float64")
