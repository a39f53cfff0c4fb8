"""The in-memory eligibility index: built from the database, rebuilt when the networks' data
version changes, answering for one point or for arrays of points (vectorised).

It measures (nearest networks, containment in PDP and zones, networks without a trace of the
commune); `domain/eligibility.py` decides.

    eligibility_for_point(lon, lat, citycode=None) -> EligibilityResult
    eligibility_for_points(lons, lats, citycodes) -> list[EligibilityResult]
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import shapely
from django.conf import settings

from transition.platform.core.db_router import replica_reads
from transition.platform.core.models import data_version_changed, data_version_get
from transition.platform.geo.projection import lambert93_point, to_lambert93_many
from transition.platform.geo.spatial_index import CoarseReach, SpatialIndex, VersionedIndex, geos_to_shapely

from ..domain.eligibility import (
    FAR_DISTANCE_M,
    TYPE_ORDER,
    Candidate,
    Decision,
    EligibilityType,
    NearestArrays,
    NetworkRole,
    Situation,
    Thresholds,
    decide,
    decide_many,
    thresholds_for,
)
from ..domain.eligibility_result import EXISTING_MODEL, FUTURE_MODEL, EligibilityResult, NetworkInfo
from ..enums import NETWORKS_DATA, NetworkKind
from ..models import Network, NetworkUnderConstruction, Pdp
from .eligibility_batch import EligibilityBatch, widen, widen_codes

__all__ = [
    "EligibilityBatch",
    "EligibilityIndex",
    "build_from_database",
    "eligibility_for_point",
    "eligibility_for_points",
    "expire_index",
    "get_index",
    "reset_index",
]


@dataclass
class _Group:
    thresholds: Thresholds
    codes: list[int] = field(default_factory=list)
    geometries: list = field(default_factory=list)


@dataclass(frozen=True)
class _PdpEntry:
    candidates: tuple[tuple[int, NetworkRole, object, str], ...]  # code, role, geometry or None, national id


class EligibilityIndex:
    """Everything the rule needs, in Lambert-93, for open networks only."""

    def __init__(
        self,
        *,
        infos: list[NetworkInfo],
        existing: Sequence[tuple[int, object]],
        future_traces: Sequence[tuple[int, object]],
        future_zones: Sequence[tuple[int, object]],
        no_trace_by_commune: dict[str, list[int]],
        pdps: Sequence[tuple[object, _PdpEntry]],
        data_version: int = 0,
    ):
        self.infos = infos
        self.data_version = data_version
        self.existing = self._groups(existing)
        self.future = self._groups(future_traces)
        self.zones = SpatialIndex([g for _, g in future_zones], [c for c, _ in future_zones])
        self.pdps = SpatialIndex([g for g, _ in pdps], list(range(len(pdps))))
        self._pdp_entries = [entry for _, entry in pdps]
        self.no_trace_by_commune = no_trace_by_commune
        self._reach_cells: CoarseReach | None = None

    def _groups(self, items: Sequence[tuple[int, object]]) -> list[tuple[Thresholds, SpatialIndex]]:
        groups: dict[Thresholds, _Group] = {}
        for code, geometry in items:
            thresholds = thresholds_for(self.infos[code].national_id)
            group = groups.setdefault(thresholds, _Group(thresholds))
            group.codes.append(code)
            group.geometries.append(geometry)
        # Default thresholds first, so that ties are settled the same way on every build.
        ordered = sorted(groups.values(), key=lambda g: (-g.thresholds.very_close_m, -g.thresholds.close_m))
        return [(g.thresholds, SpatialIndex(g.geometries, g.codes)) for g in ordered]

    # Measuring ---------------------------------------------------------------------------------

    # Below this many points, the rule runs point by point in plain Python (numpy's fixed cost per
    # call would dominate); above, vectorised. Both forms are tested to give the same answers.
    VECTORISE_FROM = 16

    def evaluate(self, lons, lats, citycodes: Sequence[str | None]) -> list[EligibilityResult]:
        lons = np.asarray(lons, dtype="float64")
        lats = np.asarray(lats, dtype="float64")
        n = lons.shape[0]
        if lats.shape[0] != n or len(citycodes) != n:
            raise ValueError("Il faut autant de latitudes, de longitudes et de codes commune (ou None).")
        xs, ys = to_lambert93_many(lons, lats)
        projectable = np.isfinite(xs) & np.isfinite(ys)
        if not projectable.all():
            # Outside Lambert-93's domain (overseas, the other side of the world): no traced
            # network can be near; only a network without a trace of its commune may serve it.
            return self._split(lons, lats, citycodes, projectable)
        points = shapely.points(xs, ys)
        if n < self.VECTORISE_FROM:
            return [
                self._one(float(lons[i]), float(lats[i]), points[i : i + 1], citycodes[i] or None) for i in range(n)
            ]
        return self._many(lons, lats, xs, ys, points, citycodes)

    def _split(self, lons, lats, citycodes, projectable) -> list[EligibilityResult]:
        inside = np.flatnonzero(projectable)
        evaluated = iter(
            self.evaluate(lons[inside], lats[inside], [citycodes[i] for i in inside]) if inside.size else []
        )
        results = []
        for i in range(lons.shape[0]):
            if projectable[i]:
                results.append(next(evaluated))
                continue
            citycode = citycodes[i] or None
            situation = Situation(
                in_pdp=False,
                pdp_networks=(),
                future_zones=(),
                existing=(),
                future=(),
                no_trace_networks=tuple(self.no_trace_by_commune.get(citycode, ())) if citycode else (),
            )
            lon, lat = float(lons[i]), float(lats[i])
            results.append(self._result(lon, lat, citycode, decide(situation)))
        return results

    def evaluate_one(self, lon: float, lat: float, citycode: str | None) -> EligibilityResult:
        """One position (a page, the API): the same answer as `evaluate`, without the arrays' fixed
        costs; a position far from every trace, zone and PDP does not reach the trees."""
        lon, lat = float(lon), float(lat)
        projected = lambert93_point(lon, lat)
        citycode = citycode or None
        # Outside Lambert-93's domain (overseas, the other side of the world) no traced network can
        # be near, as for a point far from every trace: only a network without a trace may serve it.
        if projected is None or not self._reach().maybe_near_one(*projected):
            no_trace = tuple(self.no_trace_by_commune.get(citycode, ())) if citycode else ()
            return self._result(lon, lat, citycode, decide(Situation(no_trace_networks=no_trace)))
        return self._one(lon, lat, shapely.points(np.array([projected])), citycode)

    def _around(self, groups, point, role: NetworkRole) -> tuple[Candidate, ...]:
        found = []
        for _thresholds, index in groups:
            nearest = index.nearest_position(point, max_distance=FAR_DISTANCE_M + 1)
            if nearest is not None:
                code = index.ids[nearest[0]]
                found.append(Candidate(code, role, nearest[1], self.infos[code].national_id))
        return tuple(found)

    def _pdp_candidates(self, pdp_positions, point) -> tuple[Candidate, ...]:
        candidates: dict[int, Candidate] = {}
        for position in pdp_positions:
            for code, role, geometry, national_id in self._pdp_entries[position].candidates:
                distance = None if geometry is None else float(shapely.distance(point[0], geometry))
                candidates.setdefault(code, Candidate(code, role, distance, national_id))
        return tuple(candidates.values())

    def _situation(self, point, citycode, existing=None, future=None) -> Situation:
        pdps = self.pdps.containing_positions(point)
        return Situation(
            in_pdp=bool(pdps),
            pdp_networks=self._pdp_candidates(pdps, point),
            future_zones=tuple(self.zones.ids[z] for z in self.zones.containing_positions(point)),
            existing=self._around(self.existing, point, NetworkRole.EXISTING) if existing is None else existing,
            future=self._around(self.future, point, NetworkRole.FUTURE) if future is None else future,
            no_trace_networks=tuple(self.no_trace_by_commune.get(citycode, ())) if citycode else (),
        )

    def _result(self, lon, lat, citycode, decision: Decision) -> EligibilityResult:
        return EligibilityResult(
            lon=lon,
            lat=lat,
            citycode=citycode,
            type=decision.type,
            distance_m=decision.distance_m,
            in_pdp=decision.in_pdp,
            network=self.infos[decision.network] if decision.network is not None else None,
            very_close_threshold_m=decision.very_close_threshold_m,
            commune_has_no_trace_network=bool(self.no_trace_by_commune.get(citycode)) if citycode else None,
            data_version=self.data_version,
        )

    def _one(self, lon: float, lat: float, point, citycode: str | None) -> EligibilityResult:
        return self._result(lon, lat, citycode, decide(self._situation(point, citycode)))

    def _nearest_arrays(self, groups, xs, ys, points, among=None) -> list[NearestArrays]:
        """The nearest network of each threshold set, for every point, or only for the points of
        the boolean mask `among` (the others get none: -1, inf)."""
        n = xs.shape[0]
        found = []
        for thresholds, index in groups:
            codes = np.full(n, -1, dtype=np.int64)
            distances = np.full(n, np.inf)
            if among is None:
                positions, near = index.nearest_many(xs, ys, max_distance=FAR_DISTANCE_M + 1, points=points)
                where = slice(None)
            else:
                where = np.flatnonzero(among)
                positions, near = index.nearest_many(
                    xs[where], ys[where], max_distance=FAR_DISTANCE_M + 1, points=points[where]
                )
            codes[where] = np.where(positions >= 0, np.asarray(index.ids, dtype=np.int64)[positions], -1)
            distances[where] = near
            found.append(NearestArrays(thresholds=thresholds, network=codes, distance_m=distances))
        return found

    def _candidates_at(self, arrays: list[NearestArrays], i: int, role: NetworkRole) -> tuple[Candidate, ...]:
        """The nearest network of each threshold set, for point `i` of a batch."""
        return tuple(
            Candidate(int(a.network[i]), role, float(a.distance_m[i]), self.infos[int(a.network[i])].national_id)
            for a in arrays
            if a.network[i] >= 0
        )

    def _many(self, lons, lats, xs, ys, points, citycodes) -> list[EligibilityResult]:
        return self._batch(lons, lats, xs, ys, points, citycodes).results()

    def evaluate_batch(self, lons, lats, citycodes: Sequence[str | None]) -> "EligibilityBatch":
        """The vectorised form, answers kept as arrays (`EligibilityBatch`): what a bulk caller
        reads without building one result object per point. Same answers as `evaluate`."""
        lons = np.asarray(lons, dtype="float64")
        lats = np.asarray(lats, dtype="float64")
        if lats.shape[0] != lons.shape[0] or len(citycodes) != lons.shape[0]:
            raise ValueError("Il faut autant de latitudes, de longitudes et de codes commune (ou None).")
        xs, ys = to_lambert93_many(lons, lats)
        if not (np.isfinite(xs).all() and np.isfinite(ys).all()):
            raise ValueError("Des coordonnées ne peuvent pas être projetées en Lambert-93.")
        return self._batch(lons, lats, xs, ys, None, citycodes)

    def _reach(self):
        if self._reach_cells is None:
            reach = FAR_DISTANCE_M + 1
            self._reach_cells = CoarseReach(
                [(index, reach) for _, index in self.existing + self.future] + [(self.zones, 0), (self.pdps, 0)]
            )
        return self._reach_cells

    def _batch(self, lons, lats, xs, ys, points, citycodes) -> "EligibilityBatch":
        n = lons.shape[0]
        # Only the points that may lie within 1 km of a trace, or in a zone or a PDP, go to the
        # trees (a coarse grid says which, exactly: no point within reach is left out); the others
        # are answered by the rule with nothing around them.
        maybe = self._reach().maybe_near(xs, ys)
        near = np.flatnonzero(maybe)
        full_n = n
        if near.shape[0] < n:
            sub_xs, sub_ys = xs[near], ys[near]
            sub_points = shapely.points(sub_xs, sub_ys) if points is None else points[near]
        else:
            sub_xs, sub_ys = xs, ys
            sub_points = shapely.points(xs, ys) if points is None else points
        n = near.shape[0]

        existing = self._nearest_arrays(self.existing, sub_xs, sub_ys, sub_points)
        # A point "très proche" of an existing network is settled by step 2 of the rule whatever
        # lies under construction around it (inside a PDP too: its own networks decide first, and
        # when none is open the rule goes on to step 2): the future traces are asked for the others.
        very_close = np.zeros(n, dtype=bool)
        for arrays in existing:
            very_close |= np.floor(arrays.distance_m + 0.5) <= arrays.thresholds.very_close_m
        future = self._nearest_arrays(self.future, sub_xs, sub_ys, sub_points, among=~very_close)
        zone_points, zone_positions = self.zones.containing_pairs(sub_xs, sub_ys, points=sub_points)
        zone_first = np.full(n, -1, dtype=np.int64)
        if zone_points.shape[0]:
            # Pairs come sorted by point then position: the first pair of each point is its first zone.
            points_with_zone, first = np.unique(zone_points, return_index=True)
            zone_first[points_with_zone] = np.asarray(self.zones.ids, dtype=np.int64)[zone_positions[first]]
        pdp_points, pdp_positions = self.pdps.containing_pairs(sub_xs, sub_ys, points=sub_points)
        in_pdp = np.zeros(n, dtype=bool)
        in_pdp[pdp_points] = True

        # Back to every point of the batch: the far ones have nothing around them.
        if n < full_n:
            existing = [widen(a, near, full_n) for a in existing]
            future = [widen(a, near, full_n) for a in future]
            zone_first = widen_codes(zone_first, near, full_n)
            in_pdp_all = np.zeros(full_n, dtype=bool)
            in_pdp_all[near] = in_pdp
            in_pdp = in_pdp_all
            n = full_n

        no_trace = np.full(n, -1, dtype=np.int64)
        has_no_trace = np.zeros(n, dtype=bool)
        if self.no_trace_by_commune:
            for i, code in enumerate(citycodes):
                if code and (networks := self.no_trace_by_commune.get(code)):
                    no_trace[i] = networks[0]
                    has_no_trace[i] = True

        kinds, networks, distances, _roles = decide_many(
            existing=existing, future=future, future_zone=zone_first, no_trace=no_trace, in_pdp=in_pdp
        )
        thresholds = np.full(n, -1, dtype=np.int64)
        for arrays in existing + future:  # the very-close threshold of the network reported
            thresholds = np.where(
                (networks == arrays.network) & (networks >= 0), arrays.thresholds.very_close_m, thresholds
            )
        zone_kinds = np.isin(kinds, [TYPE_ORDER.index(k) for k in _ZONE_TYPES])
        thresholds[zone_kinds | (distances < 0)] = -1

        # In a PDP: the rule point by point, with that PDP's own networks (what lies around each
        # such point was measured above, for all of them at once).
        in_a_pdp = np.flatnonzero(kinds < 0)
        if in_a_pdp.shape[0]:
            situations = self._pdp_situations(
                in_a_pdp,
                np.searchsorted(near, in_a_pdp) if near.shape[0] < full_n else in_a_pdp,
                sub_points,
                (pdp_points, pdp_positions),
                (zone_points, zone_positions),
                existing,
                future,
                citycodes,
            )
            for i, situation in zip(in_a_pdp.tolist(), situations, strict=True):
                decision = decide(situation)
                kinds[i] = TYPE_ORDER.index(decision.type)
                networks[i] = -1 if decision.network is None else decision.network
                distances[i] = -1 if decision.distance_m is None else decision.distance_m
                thresholds[i] = -1 if decision.very_close_threshold_m is None else decision.very_close_threshold_m
        return EligibilityBatch(
            index=self,
            lons=lons,
            lats=lats,
            citycodes=citycodes,
            kinds=kinds,
            networks=networks,
            distances=distances,
            thresholds=thresholds,
            in_pdp=in_pdp,
            has_no_trace=has_no_trace,
        )

    def _pdp_situations(
        self, full_positions, sub_positions, sub_points, pdp_pairs, zone_pairs, existing, future, citycodes
    ):
        """The `Situation` of each point in a PDP, from the containment pairs of the batch (sorted by
        point) and one vectorised distance computation to the PDPs' networks."""
        pdp_of, pdp_at = pdp_pairs
        zone_of, zone_at = zone_pairs
        pdp_lo, pdp_hi = np.searchsorted(pdp_of, sub_positions), np.searchsorted(pdp_of, sub_positions, "right")
        zone_lo, zone_hi = np.searchsorted(zone_of, sub_positions), np.searchsorted(zone_of, sub_positions, "right")
        entries = self._pdp_entries
        wanted_points, wanted_geometries = [], []
        for j, lo, hi in zip(sub_positions.tolist(), pdp_lo.tolist(), pdp_hi.tolist(), strict=True):
            for position in pdp_at[lo:hi].tolist():
                for _code, _role, geometry, _national_id in entries[position].candidates:
                    if geometry is not None:
                        wanted_points.append(j)
                        wanted_geometries.append(geometry)
        measured = iter(
            shapely.distance(
                sub_points[np.asarray(wanted_points, dtype=np.int64)], np.asarray(wanted_geometries, dtype=object)
            ).tolist()
            if wanted_points
            else ()
        )
        zone_ids = self.zones.ids
        situations = []
        for i, lo, hi, zlo, zhi in zip(
            full_positions.tolist(), pdp_lo.tolist(), pdp_hi.tolist(), zone_lo.tolist(), zone_hi.tolist(), strict=True
        ):
            candidates: dict[int, Candidate] = {}
            for position in pdp_at[lo:hi].tolist():
                for code, role, geometry, national_id in entries[position].candidates:
                    distance = None if geometry is None else next(measured)
                    candidates.setdefault(code, Candidate(code, role, distance, national_id))
            citycode = citycodes[i] or None
            situations.append(
                Situation(
                    in_pdp=hi > lo,
                    pdp_networks=tuple(candidates.values()),
                    future_zones=tuple(zone_ids[z] for z in zone_at[zlo:zhi].tolist()),
                    existing=self._candidates_at(existing, i, NetworkRole.EXISTING),
                    future=self._candidates_at(future, i, NetworkRole.FUTURE),
                    no_trace_networks=tuple(self.no_trace_by_commune.get(citycode, ())) if citycode else (),
                )
            )
        return situations


_ZONE_TYPES = frozenset({EligibilityType.DANS_ZONE_RESEAU_FUTUR, EligibilityType.DANS_PDP_RESEAU_FUTUR})


# Building from the database ------------------------------------------------------------------


@replica_reads()  # the version and the networks read from the same database
def build_from_database() -> EligibilityIndex:
    version, _ = data_version_get(NETWORKS_DATA)
    infos: list[NetworkInfo] = []
    code_of: dict[tuple[str, int], int] = {}

    def register(info: NetworkInfo) -> int:
        code_of[(info.model, info.pk)] = len(infos)
        infos.append(info)
        return len(infos) - 1

    pdp_national_ids = set(Pdp.objects.values_list("national_id", flat=True))
    pdp_network_ids = set(Pdp.objects.exclude(network=None).values_list("network_id", flat=True))
    heat = Network.objects.filter(kind=NetworkKind.HEAT, open_to_connections=True)
    existing, no_trace, geometries_of = [], defaultdict(list), {}
    for network in heat.only(
        "pk",
        "national_id",
        "name",
        "gestionnaire",
        "renewable_rate_pct",
        "co2_kg_per_kwh",
        "co2_lca_kg_per_kwh",
        "classified",
        "trace",
        "has_trace",
        "commune_insee_codes",
    ).order_by("pk"):
        code = register(
            NetworkInfo(
                pk=network.pk,
                model=EXISTING_MODEL,
                national_id=network.national_id,
                name=network.name,
                gestionnaire=network.gestionnaire,
                renewable_rate_pct=network.renewable_rate_pct,
                co2_kg_per_kwh=network.co2_kg_per_kwh,
                co2_lca_kg_per_kwh=network.co2_lca_kg_per_kwh,
                classified=network.classified,
                has_pdp=network.pk in pdp_network_ids or network.national_id in pdp_national_ids,
                has_trace=network.trace is not None,
            )
        )
        if network.trace is not None:
            geometry = geos_to_shapely(network.trace)
            existing.append((code, geometry))
            geometries_of[code] = geometry
        else:
            for insee in network.commune_insee_codes or []:
                no_trace[str(insee)].append(code)

    future_in_pdp = set(
        Pdp.networks_under_construction.through.objects.values_list("networkunderconstruction_id", flat=True)
    )
    future_traces, future_zones = [], []
    for network in NetworkUnderConstruction.objects.filter(open_to_connections=True).order_by("pk"):
        code = register(
            NetworkInfo(
                pk=network.pk,
                model=FUTURE_MODEL,
                national_id=network.national_id,
                name=network.name,
                gestionnaire=network.gestionnaire,
                mise_en_service=network.mise_en_service,
                has_pdp=network.pk in future_in_pdp,
                has_trace=network.trace is not None,
            )
        )
        if network.trace is not None:
            geometry = geos_to_shapely(network.trace)
            future_traces.append((code, geometry))
            geometries_of[code] = geometry
        if network.zone is not None:
            geometry = geos_to_shapely(network.zone)
            future_zones.append((code, geometry))
            geometries_of.setdefault(code, geometry)

    pdps = []
    for pdp in Pdp.objects.prefetch_related("networks_under_construction").order_by("pk"):
        candidates = []
        network_code = code_of.get((EXISTING_MODEL, pdp.network_id)) if pdp.network_id else None
        if network_code is not None:
            info = infos[network_code]
            role = NetworkRole.EXISTING if info.has_trace else NetworkRole.NO_TRACE
            candidates.append((network_code, role, geometries_of.get(network_code), info.national_id))
        for future in pdp.networks_under_construction.all():
            future_code = code_of.get((FUTURE_MODEL, future.pk))
            if future_code is not None:  # closed ones are not in the index
                candidates.append((future_code, NetworkRole.FUTURE, geometries_of.get(future_code), ""))
        pdps.append((geos_to_shapely(pdp.geometry), _PdpEntry(tuple(candidates))))

    return EligibilityIndex(
        infos=infos,
        existing=existing,
        future_traces=future_traces,
        future_zones=future_zones,
        no_trace_by_commune=dict(no_trace),
        pdps=pdps,
        data_version=version,
    )


# Every request would otherwise read the version from the database: it is trusted for
# CHALEUR_INDEX_MAX_AGE_S seconds; a change made in this process expires it at once (below),
# other processes see it within that delay.
# While the database does not answer, the index held answers, marked stale (X-Data-Stale).
_index = VersionedIndex(
    build_from_database,
    lambda: data_version_get(NETWORKS_DATA),
    max_age_s=settings.CHALEUR_INDEX_MAX_AGE_S,
    name="Éligibilité (réseaux de chaleur)",
)


def get_index() -> EligibilityIndex:
    """The current index, rebuilt first when an import or a change bumped the data version."""
    return _index.get()


def reset_index() -> None:
    _index.clear()


def expire_index() -> None:
    """Read the data version again on the next call (this process changed the networks)."""
    _index.expire()


def _networks_changed(sender, *, name: str, **kwargs) -> None:
    if name == NETWORKS_DATA:
        _index.expire()


data_version_changed.connect(_networks_changed, dispatch_uid="chaleur-eligibility-index")


def eligibility_for_points(lons, lats, citycodes: Sequence[str | None] | None = None) -> list[EligibilityResult]:
    """Batch form (the bulk address test calls it): one result per point, in order."""
    lons = np.asarray(lons, dtype="float64")
    if citycodes is None:
        citycodes = [None] * lons.shape[0]
    return get_index().evaluate(lons, lats, list(citycodes))


def eligibility_for_point(lon: float, lat: float, citycode: str | None = None) -> EligibilityResult:
    return get_index().evaluate_one(lon, lat, citycode)
