"""An in-memory spatial index over shapely 2's STRtree, in Lambert-93 metres.

Built from geometries and their ids; answers "which item is nearest, within D metres" and "which
items contain this point", for one point or for arrays of points at once (vectorised: the batch
form is what makes bulk work fast).

Lines are cut into pieces of a few segments before they enter the tree: a tree item per whole
network makes each distance computation walk the whole network, a tree item per segment makes the
tree deep; pieces of 16 segments measured fastest (see NOTES). Polygons enter part by part.
The tree's nodes hold 3 children rather than GEOS's default 10: the nearest search then computes
fewer distances to pieces it did not need (about a third less CPU on the eligibility bench).
"""

import math
import threading
import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any, Generic, TypeVar

import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry.base import BaseGeometry

from transition.platform.core.resilience import INFRASTRUCTURE_ERRORS, StaleGuard

LAMBERT93 = 2154
DEFAULT_CHUNK_SEGMENTS = 16
NODE_CAPACITY = 3


def _cut_lines(lines: Sequence[np.ndarray], chunk: int) -> tuple[list[np.ndarray], list[int]]:
    """Coordinates of the pieces of each line, and the index of the line each piece comes from."""
    pieces, owners = [], []
    for position, coords in enumerate(lines):
        segments = len(coords) - 1
        if segments < 1:
            continue
        for start in range(0, segments, chunk):
            pieces.append(coords[start : min(start + chunk, segments) + 1])
            owners.append(position)
    return pieces, owners


def _explode(geometries: Sequence[BaseGeometry], chunk: int) -> tuple[np.ndarray, np.ndarray]:
    """Tree items (line pieces, polygons, points) and, for each, the position of its geometry."""
    items: list[BaseGeometry] = []
    owners: list[int] = []
    line_coords: list[np.ndarray] = []
    line_owner: list[int] = []
    for position, geometry in enumerate(geometries):
        if geometry is None or geometry.is_empty:
            continue
        for part in shapely.get_parts(geometry):
            if part.geom_type == "LineString" or part.geom_type == "LinearRing":
                line_coords.append(shapely.get_coordinates(part))
                line_owner.append(position)
            elif part.geom_type in {"Polygon", "Point"}:
                items.append(part)
                owners.append(position)
            else:  # a nested collection
                sub_items, sub_owners = _explode([part], chunk)
                items.extend(sub_items)
                owners.extend([position] * len(sub_owners))
    if line_coords:
        pieces, piece_owner = _cut_lines(line_coords, chunk)
        if pieces:
            counts = np.fromiter((len(p) for p in pieces), dtype=np.int64, count=len(pieces))
            flat = np.concatenate(pieces)
            built = shapely.linestrings(flat, indices=np.repeat(np.arange(len(pieces)), counts))
            items.extend(built)
            owners.extend(line_owner[o] for o in piece_owner)
    return np.array(items, dtype=object), np.array(owners, dtype=np.int64)


class SpatialIndex:
    """Geometries in Lambert-93 with their ids; queries take x, y in Lambert-93 metres."""

    def __init__(
        self,
        geometries: Sequence[BaseGeometry],
        ids: Sequence[Hashable],
        *,
        chunk_segments: int = DEFAULT_CHUNK_SEGMENTS,
    ):
        if len(geometries) != len(ids):
            raise ValueError("Il faut autant d’identifiants que de géométries.")
        if chunk_segments < 1:
            raise ValueError("chunk_segments doit être au moins 1.")
        self.ids: list[Hashable] = list(ids)
        self.geometries: list[BaseGeometry] = list(geometries)
        items, owners = _explode(self.geometries, chunk_segments)
        self._items = items
        self._owner = owners
        self._tree = STRtree(items, node_capacity=NODE_CAPACITY)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def item_count(self) -> int:
        """How many pieces the tree holds (lines are cut, multi-geometries split)."""
        return len(self._items)

    # Nearest ---------------------------------------------------------------------------------

    def nearest_many(self, xs, ys, max_distance: float | None = None, *, points=None) -> tuple[np.ndarray, np.ndarray]:
        """For each point, the position in `ids` of the nearest geometry and its distance in metres.

        Position -1 and distance +inf where no geometry lies within `max_distance` (or the index is
        empty). Ties go to the geometry the tree meets first: the same data gives the same answer.
        `points` (shapely points built from xs, ys) saves building them again for several indexes.
        """
        xs = np.asarray(xs, dtype="float64")
        n = xs.shape[0]
        positions = np.full(n, -1, dtype=np.int64)
        distances = np.full(n, np.inf, dtype="float64")
        if not len(self._items) or not n:
            return positions, distances
        if points is None:
            points = shapely.points(xs, np.asarray(ys, dtype="float64"))
        pairs, found = self._tree.query_nearest(
            points, max_distance=max_distance, return_distance=True, all_matches=False
        )
        positions[pairs[0]] = self._owner[pairs[1]]
        distances[pairs[0]] = found
        return positions, distances

    def nearest_position(self, point, max_distance: float | None = None) -> tuple[int, float] | None:
        """The single-point form: (position in `ids`, distance) or None. `point` is a shapely point
        or, faster (no reshaping on each call), an array holding one."""
        if not len(self._items):
            return None
        if not isinstance(point, np.ndarray):
            point = np.array([point], dtype=object)
        pairs, found = self._tree.query_nearest(
            point, max_distance=max_distance, return_distance=True, all_matches=False
        )
        if not pairs.shape[1]:
            return None
        return int(self._owner[pairs[1, 0]]), float(found[0])

    def nearest(self, x: float, y: float, max_distance: float | None = None) -> tuple[Hashable, float] | None:
        found = self.nearest_position(shapely.Point(x, y), max_distance)
        return None if found is None else (self.ids[found[0]], found[1])

    # Containment -----------------------------------------------------------------------------

    def containing_pairs(self, xs, ys, *, points=None) -> tuple[np.ndarray, np.ndarray]:
        """(point index, position in `ids`) for every geometry containing a point (boundary
        included), sorted by point then position, each pair once."""
        xs = np.asarray(xs, dtype="float64")
        empty = np.empty(0, dtype=np.int64)
        if not len(self._items) or not xs.shape[0]:
            return empty, empty
        if points is None:
            points = shapely.points(xs, np.asarray(ys, dtype="float64"))
        pairs = self._tree.query(points, predicate="intersects")
        if not pairs.shape[1]:
            return empty, empty
        unique = np.unique(np.stack([pairs[0], self._owner[pairs[1]]], axis=1), axis=0)
        return unique[:, 0], unique[:, 1]

    def containing_many(self, xs, ys, *, points=None) -> list[list[int]]:
        """For each point, the positions in `ids` of the geometries that contain it (boundary
        included), in the order the geometries were given."""
        result: list[list[int]] = [[] for _ in range(np.asarray(xs).shape[0])]
        for point, owner in zip(*(a.tolist() for a in self.containing_pairs(xs, ys, points=points)), strict=True):
            result[point].append(owner)
        return result

    def containing_positions(self, point) -> list[int]:
        """The single-point form, on a shapely point or an array holding one."""
        if not len(self._items):
            return []
        if not isinstance(point, np.ndarray):
            point = np.array([point], dtype=object)
        return sorted(set(self._owner[self._tree.query(point, predicate="intersects")[1]].tolist()))

    def containing(self, x: float, y: float) -> list[Hashable]:
        return [self.ids[p] for p in self.containing_positions(shapely.Point(x, y))]

    # Building from the database --------------------------------------------------------------

    @classmethod
    def from_queryset(
        cls, queryset, geometry_field: str, *, id_field: str = "pk", chunk_segments: int = DEFAULT_CHUNK_SEGMENTS
    ) -> "SpatialIndex":
        """One item per row whose geometry is set, reprojected to Lambert-93 when stored otherwise."""
        ids, geometries = [], []
        for row_id, geometry in queryset.exclude(**{f"{geometry_field}__isnull": True}).values_list(
            id_field, geometry_field
        ):
            ids.append(row_id)
            geometries.append(geos_to_shapely(geometry))
        return cls(geometries, ids, chunk_segments=chunk_segments)


class CoarseReach:
    """Which points may lie within a given distance of an item of some indexes: a coarse grid of
    the cells that the items' boxes, widened by that distance, cover. Exact in one direction (a
    point within reach is always said "maybe near"), so that a batch sends only those to the trees.
    """

    CELL_M = 2048.0

    def __init__(self, indexes_with_margins: Iterable[tuple["SpatialIndex", float]]):
        keys = []
        for index, margin in indexes_with_margins:
            if not index.item_count:
                continue
            bounds = shapely.bounds(index._items)
            lo = np.floor((bounds[:, :2] - margin - 1.0) / self.CELL_M).astype(np.int64)
            hi = np.floor((bounds[:, 2:] + margin + 1.0) / self.CELL_M).astype(np.int64)
            spans = hi - lo + 1
            counts = spans[:, 0] * spans[:, 1]
            owner = np.repeat(np.arange(len(bounds)), counts)
            offset = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
            cx = lo[owner, 0] + offset // spans[owner, 1]
            cy = lo[owner, 1] + offset % spans[owner, 1]
            keys.append(np.unique(self._key(cx, cy)))
        self._keys = np.unique(np.concatenate(keys)) if keys else np.empty(0, dtype=np.int64)

    @staticmethod
    def _key(cx: np.ndarray, cy: np.ndarray) -> np.ndarray:
        return (cx << 32) + cy  # Lambert-93 cells of 2 km: far from overflowing either half

    def maybe_near_one(self, x: float, y: float) -> bool:
        if not self._keys.shape[0]:
            return False
        key = (math.floor(x / self.CELL_M) << 32) + math.floor(y / self.CELL_M)
        found = int(np.searchsorted(self._keys, key))
        return found < self._keys.shape[0] and int(self._keys[found]) == key

    def maybe_near(self, xs, ys) -> np.ndarray:
        xs = np.asarray(xs, dtype="float64")
        if not self._keys.shape[0]:
            return np.zeros(xs.shape[0], dtype=bool)
        keys = self._key(
            np.floor(xs / self.CELL_M).astype(np.int64),
            np.floor(np.asarray(ys, dtype="float64") / self.CELL_M).astype(np.int64),
        )
        found = np.searchsorted(self._keys, keys)
        found[found == self._keys.shape[0]] = 0
        return self._keys[found] == keys


def geos_to_shapely(geometry) -> BaseGeometry:
    """A GeoDjango geometry as a shapely one in Lambert-93."""
    if geometry.srid and geometry.srid != LAMBERT93:
        geometry = geometry.transform(LAMBERT93, clone=True)
    return shapely.from_wkb(bytes(geometry.wkb))


T = TypeVar("T")


class VersionedIndex(Generic[T]):
    """Keeps one built object (an index, several indexes) and rebuilds it when the data version
    read by `version()` changes. Thread-safe: one thread builds, the others wait for it.

    `max_age_s`: how long a version read is trusted before `version()` is asked again (0: every
    call). A process that changes the data calls `expire()` to see its own change at once; other
    processes see it within `max_age_s`.

    Stale rather than broken: while the database does not answer (reading the version or
    rebuilding), the object held is returned and the response is marked stale (`name` says what,
    core/resilience.py); the first check that succeeds ends it. Without an object held, the
    database error goes up.
    """

    def __init__(self, build: Callable[[], T], version: Callable[[], Any], *, max_age_s: float = 0.0, name: str = ""):
        self._build = build
        self._version = version
        self.max_age_s = max_age_s
        self._lock = threading.Lock()
        self._value: T | None = None
        self._built_version: Any = None
        self._checked_at = -math.inf
        self._stale = StaleGuard(name or getattr(build, "__qualname__", "index"))

    def get(self) -> T:
        value = self._value
        now = time.monotonic()
        if value is not None and now - self._checked_at < self.max_age_s:
            self._stale.mark_if_stale()
            return value
        try:
            return self._checked(value, now)
        except INFRASTRUCTURE_ERRORS as exc:
            held = self._value
            if held is None:
                raise
            self._stale.failed(exc)
            self._checked_at = now  # asked again after max_age_s
            return held

    def _checked(self, value: T | None, now: float) -> T:
        current = self._version()
        if value is not None and current == self._built_version:
            self._checked_at = now
            self._stale.checked()
            return value
        with self._lock:
            if self._value is None or current != self._built_version:
                self._value = self._build()
                self._built_version = current
            self._checked_at = now
            self._stale.checked()
            return self._value

    @property
    def built_version(self) -> Any:
        return self._built_version

    def expire(self) -> None:
        """Ask the version again on the next `get()`."""
        self._checked_at = -math.inf

    def clear(self) -> None:
        with self._lock:
            self._value = None
            self._built_version = None
            self._checked_at = -math.inf
            self._stale.reset()


def ids_at(index: SpatialIndex, positions: Iterable[int]) -> list[Hashable | None]:
    return [index.ids[p] if p >= 0 else None for p in positions]
