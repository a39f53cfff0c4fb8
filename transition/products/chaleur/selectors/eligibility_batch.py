"""The eligibility index's answers for many points, kept as arrays (`EligibilityBatch`): a bulk
test or a bench counts types without building one result object per point; `result(i)` builds
point i's `EligibilityResult` when it is asked for."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..domain.eligibility import TYPE_ORDER, EligibilityType, NearestArrays
from ..domain.eligibility_result import EligibilityResult

if TYPE_CHECKING:  # the index builds batches; a batch only reads the index's infos and version
    from .eligibility_index import EligibilityIndex


def widen(arrays: NearestArrays, positions: np.ndarray, n: int) -> NearestArrays:
    network = np.full(n, -1, dtype=np.int64)
    network[positions] = arrays.network
    distance = np.full(n, np.inf)
    distance[positions] = arrays.distance_m
    return NearestArrays(thresholds=arrays.thresholds, network=network, distance_m=distance)


def widen_codes(codes: np.ndarray, positions: np.ndarray, n: int) -> np.ndarray:
    widened = np.full(n, -1, dtype=np.int64)
    widened[positions] = codes
    return widened


@dataclass(frozen=True, eq=False)
class EligibilityBatch:
    """The answers for n points as arrays: `kinds` (position in TYPE_ORDER), `networks` (index
    codes, -1: none), `distances` (rounded metres, -1: none), `thresholds` (very close threshold of
    the network reported, -1: none), `in_pdp`. `result(i)` builds point i's `EligibilityResult`."""

    index: "EligibilityIndex"
    lons: np.ndarray
    lats: np.ndarray
    citycodes: Sequence[str | None]
    kinds: np.ndarray
    networks: np.ndarray
    distances: np.ndarray
    thresholds: np.ndarray
    in_pdp: np.ndarray
    has_no_trace: np.ndarray

    def __len__(self) -> int:
        return self.kinds.shape[0]

    def type_counts(self) -> dict[EligibilityType, int]:
        counts = np.bincount(self.kinds, minlength=len(TYPE_ORDER))
        return {kind: int(count) for kind, count in zip(TYPE_ORDER, counts.tolist(), strict=True) if count}

    def result(self, i: int) -> EligibilityResult:
        return self._results(range(i, i + 1))[0]

    def results(self) -> list[EligibilityResult]:
        return self._results(range(len(self)))

    def _results(self, span: range) -> list[EligibilityResult]:
        part = slice(span.start, span.stop)
        infos, version = self.index.infos, self.index.data_version
        citycodes = self.citycodes
        results: list[EligibilityResult] = []
        for i, kind, code, distance, threshold, pdp, no_trace, lon, lat in zip(
            span,
            self.kinds[part].tolist(),
            self.networks[part].tolist(),
            self.distances[part].tolist(),
            self.thresholds[part].tolist(),
            self.in_pdp[part].tolist(),
            self.has_no_trace[part].tolist(),
            self.lons[part].tolist(),
            self.lats[part].tolist(),
            strict=True,
        ):
            citycode = citycodes[i] or None
            results.append(
                EligibilityResult(
                    lon=lon,
                    lat=lat,
                    citycode=citycode,
                    type=TYPE_ORDER[kind],
                    distance_m=distance if distance >= 0 else None,
                    in_pdp=pdp,
                    network=infos[code] if code >= 0 else None,
                    very_close_threshold_m=threshold if threshold >= 0 else None,
                    commune_has_no_trace_network=no_trace if citycode else None,
                    data_version=version,
                )
            )
        return results
