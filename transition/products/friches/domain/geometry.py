"""Reading a site's point and outline from WKT (CNIG `geompoint`, `geomsurf`) in WGS 84.

WKT writes x (longitude) then y (latitude). The CNIG standard's own example writes
"POINT(49.2527 3.9815)", latitude first: a point that lands in the sea off Africa read the right
way, but in France once swapped. A point outside France read as given, inside France swapped, is
swapped and the import says so; a point in France neither way is refused (decision 0401).
"""

import math
from dataclasses import dataclass

import shapely
from shapely import wkt
from shapely.errors import GEOSException, ShapelyError
from shapely.geometry import MultiPolygon, Point, Polygon, shape
from shapely.validation import make_valid

# (west, south, east, north) of mainland France with Corsica, and of the overseas départements
# and collectivities.
FRANCE_EXTENTS: tuple[tuple[float, float, float, float], ...] = (
    (-5.3, 41.3, 9.7, 51.2),  # mainland and Corsica
    (-61.9, 15.8, -60.9, 16.6),  # Guadeloupe
    (-61.3, 14.3, -60.8, 14.9),  # Martinique
    (-54.7, 2.1, -51.5, 5.9),  # Guyane
    (55.2, -21.4, 55.9, -20.8),  # La Réunion
    (44.9, -13.1, 45.4, -12.6),  # Mayotte
    (-56.5, 46.7, -56.1, 47.2),  # Saint-Pierre-et-Miquelon
    (-63.2, 17.8, -62.7, 18.2),  # Saint-Martin, Saint-Barthélemy
)


def in_france(lon: float, lat: float) -> bool:
    return any(w <= lon <= e and s <= lat <= n for w, s, e, n in FRANCE_EXTENTS)


class GeometryError(ValueError):
    """A geometry that cannot be read, with the reason in plain French."""


@dataclass(frozen=True)
class ReadPoint:
    lon: float
    lat: float
    swapped: bool = False


def read_point(text: str) -> ReadPoint:
    try:
        geometry = wkt.loads(text)
    except (GEOSException, ShapelyError, ValueError, TypeError) as exc:
        raise GeometryError("point illisible : WKT attendu, par exemple POINT(4.7194 49.7625)") from exc
    if not isinstance(geometry, Point) or geometry.is_empty:
        raise GeometryError(f"un point est attendu, pas un objet {geometry.geom_type}")
    x, y = geometry.x, geometry.y
    if in_france(x, y):
        return ReadPoint(x, y)
    if in_france(y, x):
        return ReadPoint(y, x, swapped=True)
    raise GeometryError(f"point hors de France (longitude {x:g}, latitude {y:g})")


@dataclass(frozen=True)
class ReadOutline:
    geometry: MultiPolygon
    repaired: bool = False
    swapped: bool = False


def _as_multipolygon(geometry) -> MultiPolygon | None:
    if isinstance(geometry, MultiPolygon):
        return geometry
    if isinstance(geometry, Polygon):
        return MultiPolygon([geometry])
    polygons = [g for g in getattr(geometry, "geoms", []) if isinstance(g, Polygon | MultiPolygon)]
    parts = []
    for g in polygons:
        parts.extend(g.geoms if isinstance(g, MultiPolygon) else [g])
    return MultiPolygon(parts) if parts else None


def read_outline(text: str) -> ReadOutline:
    try:
        geometry = wkt.loads(text)
    except (GEOSException, ShapelyError, ValueError, TypeError) as exc:
        raise GeometryError("contour illisible : WKT de polygone attendu") from exc
    return outline_of(geometry)


def outline_of(geometry) -> ReadOutline:
    if not isinstance(geometry, Polygon | MultiPolygon) or geometry.is_empty:
        raise GeometryError(f"un polygone est attendu, pas un objet {geometry.geom_type}")
    swapped = False
    centre = geometry.centroid
    if not in_france(centre.x, centre.y):
        if in_france(centre.y, centre.x):
            geometry = shapely.transform(geometry, lambda coords: coords[:, ::-1])
            swapped = True
        else:
            raise GeometryError("contour hors de France")
    repaired = False
    if not geometry.is_valid:
        geometry = make_valid(geometry)
        repaired = True
    multi = _as_multipolygon(geometry)
    if multi is None or multi.is_empty or multi.area == 0:
        raise GeometryError("contour sans surface")
    return ReadOutline(multi, repaired=repaired, swapped=swapped)


def point_wkt(lon: float, lat: float) -> str:
    return f"POINT({lon:.6f} {lat:.6f})"


_A = 6378137.0  # WGS 84 semi-major axis (m)
_E2 = 6.69437999014e-3  # WGS 84 first eccentricity squared


def area_m2(geometry) -> float:
    """Area of a lon/lat geometry in m², on a plane tangent at its centre: at a site's scale (a few
    km) the error is far below a square metre per hectare, in mainland France and overseas alike."""
    if geometry.is_empty:
        return 0.0
    centre = geometry.centroid
    phi = math.radians(centre.y)
    s = math.sin(phi)
    meridian = _A * (1 - _E2) / (1 - _E2 * s * s) ** 1.5  # radius of curvature along the meridian
    normal = _A / math.sqrt(1 - _E2 * s * s)  # along the prime vertical
    kx = math.radians(1) * normal * math.cos(phi)
    ky = math.radians(1) * meridian
    return shapely.transform(geometry, lambda coords: coords * (kx, ky)).area


def outlines_from_geojson(data) -> tuple[dict[str, MultiPolygon], list[str]]:
    """Outlines by `site_id` from a GeoJSON FeatureCollection (a producer's layer beside its CSV, as
    the Ardennes' observatory publishes them), and what could not be read, in French."""
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        return {}, ["contours : une collection GeoJSON (FeatureCollection) est attendue"]
    outlines: dict[str, MultiPolygon] = {}
    problems: list[str] = []
    for number, feature in enumerate(data["features"], start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if properties is not None and not isinstance(properties, dict):
            problems.append(f"contour n° {number} : « properties » devrait être un objet")
            continue
        site_id = str((properties or {}).get("site_id") or "").strip()
        if not site_id:
            problems.append(f"contour n° {number} : sans site_id")
            continue
        try:
            read = outline_of(shape(feature.get("geometry")))
        except (GeometryError, ShapelyError, ValueError, TypeError, AttributeError, KeyError) as exc:
            reason = str(exc) if isinstance(exc, GeometryError) else "géométrie illisible"
            problems.append(f"contour de {site_id} : {reason}")
            continue
        if site_id in outlines:
            problems.append(f"contour de {site_id} : donné deux fois, le premier est gardé")
            continue
        outlines[site_id] = read.geometry
    return outlines, problems
