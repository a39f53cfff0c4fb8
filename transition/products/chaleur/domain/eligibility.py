"""Is an address eligible to a heat network? The rule of France Chaleur Urbaine, pure Python.

The rule reads what was found around the point (a `Situation`: the networks of the PDP holding it,
the nearest open networks with their distances in Lambert-93 metres, the zones under construction
holding it, the networks without a trace serving its commune) and decides in this order, the first
match winning:

 1. inside a PDP -> `dans_pdp_reseau_existant` or `dans_pdp_reseau_futur` (below);
 2. an existing heat network with a trace within its "very close" threshold -> `reseau_existant_tres_proche`;
 3. a network under construction (trace) within its "very close" threshold -> `reseau_futur_tres_proche`;
 4. inside a zone under construction -> `dans_zone_reseau_futur` (distance 0);
 5. existing within its "close" threshold -> `reseau_existant_proche`;
 6. under construction within its "close" threshold -> `reseau_futur_proche`;
 7. existing within 1,000 m -> `reseau_existant_loin`;
 8. under construction within 1,000 m -> `reseau_futur_loin`;
 9. a heat network without a trace serves the commune -> `dans_ville_reseau_existant_sans_trace`;
10. otherwise `trop_eloigne`.

Thresholds are 100 m / 200 m, and 60 m / 100 m for the Paris networks 7501C and 7511C. Distances
are rounded to the metre (half up) before they are compared. Networks closed to connections never
reach the rule: the index leaves them out.

Inside a PDP: when a zone under construction also holds the point, `dans_pdp_reseau_futur` with that
zone's network (distance 0); otherwise the nearest of the networks the PDP belongs to (its existing
network, and the networks under construction it names) decides existant or futur, and the distance
reported is the distance to that network (as France Chaleur Urbaine reports it). A PDP none of
whose networks is open gives nothing: the rule goes on with step 2.

A step's thresholds are those of each candidate network: a point 90 m from an ordinary network is
very close to it even when a Paris network runs 70 m away. The index therefore hands over the
nearest network of each threshold set, and the nearest that satisfies a step wins. This keeps the
rule monotone: bringing a point closer to a network never makes it less eligible.
"""

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

__all__ = [
    "DEFAULT_THRESHOLDS",
    "ELIGIBLE_TYPES",
    "FAR_DISTANCE_M",
    "PARIS_NETWORKS",
    "PARIS_THRESHOLDS",
    "TYPE_LABELS",
    "TYPE_ORDER",
    "Candidate",
    "Decision",
    "EligibilityType",
    "NetworkRole",
    "Situation",
    "Thresholds",
    "TypeReading",
    "NearestArrays",
    "decide",
    "decide_many",
    "round_distance",
    "thresholds_for",
]


class EligibilityType(StrEnum):
    DANS_PDP_RESEAU_EXISTANT = "dans_pdp_reseau_existant"
    DANS_PDP_RESEAU_FUTUR = "dans_pdp_reseau_futur"
    RESEAU_EXISTANT_TRES_PROCHE = "reseau_existant_tres_proche"
    RESEAU_FUTUR_TRES_PROCHE = "reseau_futur_tres_proche"
    DANS_ZONE_RESEAU_FUTUR = "dans_zone_reseau_futur"
    RESEAU_EXISTANT_PROCHE = "reseau_existant_proche"
    RESEAU_FUTUR_PROCHE = "reseau_futur_proche"
    RESEAU_EXISTANT_LOIN = "reseau_existant_loin"
    RESEAU_FUTUR_LOIN = "reseau_futur_loin"
    DANS_VILLE_RESEAU_EXISTANT_SANS_TRACE = "dans_ville_reseau_existant_sans_trace"
    TROP_ELOIGNE = "trop_eloigne"


T = EligibilityType

# The order of the rule: a lower position is a better answer.
TYPE_ORDER: tuple[EligibilityType, ...] = tuple(EligibilityType)

ELIGIBLE_TYPES = frozenset(
    {
        T.DANS_PDP_RESEAU_EXISTANT,
        T.DANS_PDP_RESEAU_FUTUR,
        T.RESEAU_EXISTANT_TRES_PROCHE,
        T.RESEAU_FUTUR_TRES_PROCHE,
        T.DANS_ZONE_RESEAU_FUTUR,
        T.RESEAU_EXISTANT_PROCHE,
        T.RESEAU_FUTUR_PROCHE,
    }
)

FUTURE_TYPES = frozenset(
    {
        T.DANS_PDP_RESEAU_FUTUR,
        T.RESEAU_FUTUR_TRES_PROCHE,
        T.DANS_ZONE_RESEAU_FUTUR,
        T.RESEAU_FUTUR_PROCHE,
        T.RESEAU_FUTUR_LOIN,
    }
)

TYPE_LABELS: dict[EligibilityType, str] = {
    T.DANS_PDP_RESEAU_EXISTANT: "Dans le périmètre de développement prioritaire d’un réseau existant",
    T.DANS_PDP_RESEAU_FUTUR: "Dans le périmètre de développement prioritaire d’un réseau en construction",
    T.RESEAU_EXISTANT_TRES_PROCHE: "Réseau existant très proche",
    T.RESEAU_FUTUR_TRES_PROCHE: "Réseau en construction très proche",
    T.DANS_ZONE_RESEAU_FUTUR: "Dans la zone d’un réseau en construction",
    T.RESEAU_EXISTANT_PROCHE: "Réseau existant proche",
    T.RESEAU_FUTUR_PROCHE: "Réseau en construction proche",
    T.RESEAU_EXISTANT_LOIN: "Réseau existant à moins de 1 000 m",
    T.RESEAU_FUTUR_LOIN: "Réseau en construction à moins de 1 000 m",
    T.DANS_VILLE_RESEAU_EXISTANT_SANS_TRACE: "Réseau non localisé dans la commune",
    T.TROP_ELOIGNE: "Aucun réseau à proximité",
}


class TypeReading:
    """What an answer's type says (a decision of the rule, a result of the index)."""

    type: EligibilityType

    @property
    def eligible(self) -> bool:
        return self.type in ELIGIBLE_TYPES

    @property
    def future_network(self) -> bool:
        return self.type in FUTURE_TYPES

    @property
    def too_far(self) -> bool:
        """No network near enough to study a connection (the person may still leave their details)."""
        return self.type == EligibilityType.TROP_ELOIGNE

    @property
    def label(self) -> str:
        return TYPE_LABELS[self.type]


@dataclass(frozen=True)
class Thresholds:
    very_close_m: int
    close_m: int


DEFAULT_THRESHOLDS = Thresholds(very_close_m=100, close_m=200)
PARIS_THRESHOLDS = Thresholds(very_close_m=60, close_m=100)
PARIS_NETWORKS = frozenset({"7501C", "7511C"})
FAR_DISTANCE_M = 1000


def thresholds_for(national_id: str | None) -> Thresholds:
    return PARIS_THRESHOLDS if national_id in PARIS_NETWORKS else DEFAULT_THRESHOLDS


def round_distance(distance_m: float) -> int:
    """Rounded to the metre, half up (0.5 -> 1), whatever Python's banker's rounding would say."""
    if distance_m < 0 or math.isnan(distance_m):
        raise ValueError(f"Distance impossible : {distance_m}")
    return math.floor(distance_m + 0.5)


class NetworkRole(StrEnum):
    EXISTING = "existant"  # a heat network with a trace
    FUTURE = "futur"  # a network under construction (trace or zone)
    NO_TRACE = "sans_trace"  # a heat network known only by its communes


@dataclass(frozen=True)
class Candidate:
    """A network near the point. `network` is whatever key the caller uses to find it again."""

    network: Hashable
    role: NetworkRole
    distance_m: float | None  # None: not measurable (a PDP's network known without a trace)
    national_id: str = ""

    @property
    def rounded_m(self) -> int | None:
        return None if self.distance_m is None else round_distance(self.distance_m)

    @property
    def thresholds(self) -> Thresholds:
        return thresholds_for(self.national_id)


@dataclass(frozen=True)
class Situation:
    """What lies around one point, every network in it open to connections."""

    in_pdp: bool = False
    # The networks of the PDPs holding the point, each with its distance to the point.
    pdp_networks: tuple[Candidate, ...] = ()
    # Zones under construction holding the point (their networks' keys).
    future_zones: tuple[Hashable, ...] = ()
    # Nearest existing heat networks with a trace (at least the nearest of each threshold set).
    existing: tuple[Candidate, ...] = ()
    # Nearest traces of networks under construction.
    future: tuple[Candidate, ...] = ()
    # Heat networks without a trace that serve the point's commune.
    no_trace_networks: tuple[Hashable, ...] = ()


@dataclass(frozen=True)
class Decision(TypeReading):
    type: EligibilityType
    network: Hashable | None
    role: NetworkRole | None
    distance_m: int | None
    in_pdp: bool
    very_close_threshold_m: int | None


def _sort_key(candidate: Candidate) -> tuple:
    # Nearest first; at equal distance an existing network before one under construction, then
    # the caller's order (sorted() is stable), so that the same data always gives the same answer.
    rounded = candidate.rounded_m
    return (rounded is None, rounded if rounded is not None else 0, candidate.role != NetworkRole.EXISTING)


def _nearest_within(candidates: tuple[Candidate, ...], limit) -> Candidate | None:
    within = [c for c in candidates if c.rounded_m is not None and c.rounded_m <= limit(c)]
    return min(within, key=_sort_key) if within else None


def _decision(kind: EligibilityType, situation: Situation, candidate: Candidate) -> Decision:
    return Decision(
        type=kind,
        network=candidate.network,
        role=candidate.role,
        distance_m=candidate.rounded_m,
        in_pdp=situation.in_pdp,
        very_close_threshold_m=candidate.thresholds.very_close_m if candidate.distance_m is not None else None,
    )


def _zone_decision(kind: EligibilityType, situation: Situation) -> Decision:
    return Decision(
        type=kind,
        network=situation.future_zones[0],
        role=NetworkRole.FUTURE,
        distance_m=0,
        in_pdp=situation.in_pdp,
        very_close_threshold_m=None,
    )


def decide(situation: Situation) -> Decision:
    """The eligibility of one point, from what the index found around it."""
    if situation.in_pdp:
        if situation.future_zones:
            return _zone_decision(T.DANS_PDP_RESEAU_FUTUR, situation)
        if situation.pdp_networks:
            nearest = min(situation.pdp_networks, key=_sort_key)
            kind = T.DANS_PDP_RESEAU_FUTUR if nearest.role == NetworkRole.FUTURE else T.DANS_PDP_RESEAU_EXISTANT
            return _decision(kind, situation, nearest)

    steps = (
        (situation.existing, lambda c: c.thresholds.very_close_m, T.RESEAU_EXISTANT_TRES_PROCHE),
        (situation.future, lambda c: c.thresholds.very_close_m, T.RESEAU_FUTUR_TRES_PROCHE),
        None,  # the zone under construction
        (situation.existing, lambda c: c.thresholds.close_m, T.RESEAU_EXISTANT_PROCHE),
        (situation.future, lambda c: c.thresholds.close_m, T.RESEAU_FUTUR_PROCHE),
        (situation.existing, lambda c: FAR_DISTANCE_M, T.RESEAU_EXISTANT_LOIN),
        (situation.future, lambda c: FAR_DISTANCE_M, T.RESEAU_FUTUR_LOIN),
    )
    for step in steps:
        if step is None:
            if situation.future_zones:
                return _zone_decision(T.DANS_ZONE_RESEAU_FUTUR, situation)
            continue
        candidates, limit, kind = step
        found = _nearest_within(candidates, limit)
        if found is not None:
            return _decision(kind, situation, found)

    if situation.no_trace_networks:
        return Decision(
            type=T.DANS_VILLE_RESEAU_EXISTANT_SANS_TRACE,
            network=situation.no_trace_networks[0],
            role=NetworkRole.NO_TRACE,
            distance_m=None,
            in_pdp=situation.in_pdp,
            very_close_threshold_m=None,
        )
    return Decision(
        type=T.TROP_ELOIGNE,
        network=None,
        role=None,
        distance_m=None,
        in_pdp=situation.in_pdp,
        very_close_threshold_m=None,
    )


# The same rule over arrays, for batches -------------------------------------------------------


@dataclass(frozen=True)
class NearestArrays:
    """For n points, the nearest network of one threshold set: integer network codes (-1: none
    within reach) and raw distances in metres (inf: none)."""

    thresholds: Thresholds
    network: np.ndarray
    distance_m: np.ndarray


_CODE = {kind: position for position, kind in enumerate(TYPE_ORDER)}


def decide_many(
    *,
    existing: Sequence[NearestArrays],
    future: Sequence[NearestArrays],
    future_zone: np.ndarray,
    no_trace: np.ndarray,
    in_pdp: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """`decide` for n points at once, for points outside any PDP (the caller hands the points in
    a PDP to `decide`, which needs each PDP's own networks).

    `future_zone` and `no_trace` hold, per point, the code of a zone under construction holding
    it and of a network without a trace serving its commune (-1: none). Returns, per point, the
    position of its type in TYPE_ORDER, the network code (-1: none), the rounded distance (-1:
    none) and the role of the network as 0 existing, 1 future, 2 without trace, -1 none.
    Points with `in_pdp` set get the type code -1: the caller must decide them one by one.
    """
    n = in_pdp.shape[0]
    kinds = np.full(n, -1, dtype=np.int64)
    networks = np.full(n, -1, dtype=np.int64)
    distances = np.full(n, -1, dtype=np.int64)
    roles = np.full(n, -1, dtype=np.int64)
    pending = ~in_pdp

    def rounded(arrays: NearestArrays) -> np.ndarray:
        return np.floor(arrays.distance_m + 0.5)

    existing_rounded = [rounded(a) for a in existing]
    future_rounded = [rounded(a) for a in future]

    def settle(mask: np.ndarray, kind: EligibilityType, network: np.ndarray, distance: np.ndarray, role: int):
        nonlocal pending
        hit = pending & mask
        kinds[hit] = _CODE[kind]
        networks[hit] = network[hit]
        distances[hit] = distance[hit]
        roles[hit] = role
        pending = pending & ~mask

    def nearest_within(groups: Sequence[NearestArrays], groups_rounded: list[np.ndarray], limit):
        best_distance = np.full(n, np.inf)
        best_network = np.full(n, -1, dtype=np.int64)
        for arrays, group_rounded in zip(groups, groups_rounded, strict=True):
            ok = (group_rounded <= limit(arrays.thresholds)) & (group_rounded < best_distance)
            best_distance = np.where(ok, group_rounded, best_distance)
            best_network = np.where(ok, arrays.network, best_network)
        found = best_network >= 0
        return found, best_network, np.where(found, best_distance, -1).astype(np.int64)

    steps = (
        (existing, existing_rounded, lambda t: t.very_close_m, T.RESEAU_EXISTANT_TRES_PROCHE, 0),
        (future, future_rounded, lambda t: t.very_close_m, T.RESEAU_FUTUR_TRES_PROCHE, 1),
        None,
        (existing, existing_rounded, lambda t: t.close_m, T.RESEAU_EXISTANT_PROCHE, 0),
        (future, future_rounded, lambda t: t.close_m, T.RESEAU_FUTUR_PROCHE, 1),
        (existing, existing_rounded, lambda t: FAR_DISTANCE_M, T.RESEAU_EXISTANT_LOIN, 0),
        (future, future_rounded, lambda t: FAR_DISTANCE_M, T.RESEAU_FUTUR_LOIN, 1),
    )
    for step in steps:
        if step is None:
            settle(future_zone >= 0, T.DANS_ZONE_RESEAU_FUTUR, future_zone, np.zeros(n, dtype=np.int64), 1)
            continue
        groups, groups_rounded, limit, kind, role = step
        found, network, distance = nearest_within(groups, groups_rounded, limit)
        settle(found, kind, network, distance, role)
    settle(no_trace >= 0, T.DANS_VILLE_RESEAU_EXISTANT_SANS_TRACE, no_trace, np.full(n, -1, dtype=np.int64), 2)
    settle(np.ones(n, dtype=bool), T.TROP_ELOIGNE, np.full(n, -1, dtype=np.int64), np.full(n, -1, dtype=np.int64), -1)
    return kinds, networks, distances, roles
