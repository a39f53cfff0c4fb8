"""The local geocoder's in-memory index: built from places (municipalities, streets, localities)
and their house numbers, answering search and reverse without a network or a database.

Layout, chosen for speed:
- places get numeric ids in decreasing importance, so that any cut of a postings list keeps the
  most important places;
- a token inverted index in CSR form (one numpy array of place ids, offsets per token), plus one
  for house numbers ("which streets have a number 12b");
- typos through a symmetric-delete map (each word and its one-letter deletions), autocomplete
  through a sorted vocabulary;
- candidates pre-scored with numpy (sum of the idf of the query tokens they hold), then the few
  best scored in full (token similarity, house number, importance, distance);
- reverse through a uniform grid of sorted cell keys.
No Django here: `transition.platform.geo.local` feeds it from the database.
"""

import bisect
import heapq
import math
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np

from transition.platform.geo.domain import scoring
from transition.platform.geo.domain.text import (
    deletions,
    edit_distance,
    housenumber_key,
    name_tokens,
    parse_query,
)
from transition.platform.geo.results import RESULT_TYPES, GeocodeResult

KINDS = ("municipality", "street", "locality")
KIND_CODES = {kind: code for code, kind in enumerate(KINDS)}

# Places scored in full per query (after the numpy pre-score).
CANDIDATES = 24
# Candidates come from the rarest query token, then from the next rarest while their postings fit
# in this budget; the other tokens are only checked on those candidates.
GATHER_BUDGET = 1_000
# Candidates scored in full must reach this share of the best pre-score.
PRESCORE_SHARE = 0.6
# Words held by more than this share of the places are left out of the pre-score ("rue").
CHECKED_MAX_SHARE = 0.25
# Up to this many gathered postings, the pre-score runs in plain Python; above, in numpy.
SMALL_CANDIDATES = 48
# Up to this many places, the numpy pre-score uses one dense array (else sorted unions).
DENSE_MAX_PLACES = 300_000
# The numpy pre-score keeps at most this many places for the filters and the final cut.
NUMPY_KEEP = 256
# Words an autocompleted prefix may stand for, at most.
PREFIX_EXPANSIONS = 40
# A batch line whose best answer scores lower is reported as not found (as the BAN's CSV does).
BATCH_MIN_SCORE = 0.5
# Reverse grid: cell side in degrees (about 1 km), and how far (in cells) to look around.
GRID_CELL_DEG = 0.01
# Pre-score weight of a word found in a place's city rather than in its own name.
CITY_TOKEN_WEIGHT = 0.6
GRID_MAX_RING = 50
# Entries kept by batch() between lines (word pre-scores and text scores), at most.
BATCH_MEMO_MAX = 50_000


class PlaceRow(NamedTuple):
    """One place as the index takes it (a plain tuple in this order will do)."""

    key: object  # any id the caller uses to attach house numbers (the database pk)
    ban_id: str
    kind: str  # municipality | street | locality
    name: str
    postcode: str
    citycode: str
    city: str
    context: str
    lon: float
    lat: float
    importance: float = 0.0


class NumberRow(NamedTuple):
    """One house number (a plain tuple in this order will do)."""

    place_key: object
    ban_id: str
    housenumber: str  # as shown: "12", "12bis"
    lon: float
    lat: float


class AddressIndex:
    def __init__(self, places: Iterable[PlaceRow], numbers: Iterable[NumberRow], *, version: int = 0):
        self.version = version
        rows = [PlaceRow(*row) for row in places]
        rows.sort(key=lambda p: (-(p.importance or 0.0), p.ban_id))
        self.size = len(rows)
        key_to_doc = {row.key: doc for doc, row in enumerate(rows)}
        self.ban_id = [r.ban_id for r in rows]
        self.kind = [r.kind for r in rows]
        self.name = [r.name for r in rows]
        self.postcode = [r.postcode or None for r in rows]
        self.citycode = [r.citycode or None for r in rows]
        self.city = [r.city or None for r in rows]
        self.context = [r.context or None for r in rows]
        self.lon = np.array([r.lon for r in rows], dtype=np.float64)
        self.lat = np.array([r.lat for r in rows], dtype=np.float64)
        self.importance = [float(r.importance or 0.0) for r in rows]
        self.kind_code = np.array([KIND_CODES.get(r.kind, 1) for r in rows], dtype=np.int8)

        # Tokens of each place: its name, then its city and postcode (a municipality: its postcode).
        self.name_tokens: list[tuple[str, ...]] = []
        self.city_tokens: list[tuple[str, ...]] = []
        for r in rows:
            self.name_tokens.append(name_tokens(r.name))
            extra = () if r.kind == "municipality" else name_tokens(r.city or "")
            self.city_tokens.append(extra + ((r.postcode,) if r.postcode else ()))
        self._build_inverted()
        self._build_numbers(numbers, key_to_doc)
        self._build_grid()
        self._alternatives_cache: dict[tuple[str, bool], dict[str, float]] = {}
        self._batch_memo: dict = {}

    # -- building ------------------------------------------------------------------------------

    def _build_inverted(self) -> None:
        vocabulary: dict[str, int] = {}
        token_ids: list[int] = []
        doc_ids: list[int] = []
        in_name: list[float] = []
        for doc in range(self.size):
            name = set(self.name_tokens[doc])
            for token in name | set(self.city_tokens[doc]):
                token_id = vocabulary.setdefault(token, len(vocabulary))
                token_ids.append(token_id)
                doc_ids.append(doc)
                in_name.append(1.0 if token in name else CITY_TOKEN_WEIGHT)
        self.vocabulary = vocabulary
        tokens = np.array(token_ids, dtype=np.int64)
        docs = np.array(doc_ids, dtype=np.int32)
        order = np.lexsort((docs, tokens))
        self.postings = docs[order]
        # A place holding the word in its own name weighs more than one holding it in its city's.
        self.posting_weights = np.array(in_name, dtype=np.float64)[order]
        counts = np.bincount(tokens, minlength=len(vocabulary)) if len(tokens) else np.zeros(0, dtype=np.int64)
        self.offsets = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        np.cumsum(counts, out=self.offsets[1:])
        self.df = counts
        # Plain-list mirrors for the small-candidate path (indexing a list beats indexing numpy).
        self._offsets = self.offsets.tolist()
        self._postings_list = self.postings.tolist()
        self._posting_weights_list = self.posting_weights.tolist()
        self.sorted_vocabulary = sorted(vocabulary)
        # Symmetric delete: each word of four letters or more, and each of its one-letter deletions.
        deletes: dict[str, list[str]] = {}
        for token in vocabulary:
            if len(token) >= 4 and not token.isdigit():
                deletes.setdefault(token, []).append(token)
                for variant in deletions(token):
                    deletes.setdefault(variant, []).append(token)
        self.deletes = deletes

    def _build_numbers(self, numbers: Iterable[NumberRow], key_to_doc: dict) -> None:
        per_doc: list[list[tuple]] = [[] for _ in range(self.size)]
        for number in numbers:
            doc = key_to_doc.get(number[0])
            if doc is not None:
                per_doc[doc].append(number)
        self.hn_offsets = np.zeros(self.size + 1, dtype=np.int64)
        self.hn_keys: list[str] = []
        self.hn_labels: list[str] = []
        self.hn_ids: list[str] = []
        lons: list[float] = []
        lats: list[float] = []
        hn_postings: dict[str, list[int]] = {}
        for doc, rows in enumerate(per_doc):
            for _, ban_id, housenumber, lon, lat in rows:
                key = housenumber_key(housenumber)
                self.hn_keys.append(key)
                self.hn_labels.append(housenumber)
                self.hn_ids.append(ban_id)
                lons.append(lon)
                lats.append(lat)
                postings = hn_postings.setdefault(key, [])
                if not postings or postings[-1] != doc:
                    postings.append(doc)
            self.hn_offsets[doc + 1] = len(self.hn_keys)
        self.hn_lon = np.array(lons, dtype=np.float64)
        self.hn_lat = np.array(lats, dtype=np.float64)
        self.hn_postings = {key: np.array(docs, dtype=np.int32) for key, docs in hn_postings.items()}
        self.numbers_count = len(self.hn_keys)
        self._hn_off = self.hn_offsets.tolist()

    def _build_grid(self) -> None:
        """Points answering reverse: every house number, and streets and localities without any."""
        no_numbers = np.flatnonzero((np.diff(self.hn_offsets) == 0) & (self.kind_code != KIND_CODES["municipality"]))
        self.pt_lon = np.concatenate([self.hn_lon, self.lon[no_numbers]])
        self.pt_lat = np.concatenate([self.hn_lat, self.lat[no_numbers]])
        # >= 0: a house number; < 0: -(place + 1).
        self.pt_ref = np.concatenate([np.arange(len(self.hn_lon), dtype=np.int64), -(no_numbers.astype(np.int64) + 1)])
        cells = self._cell_keys(self.pt_lon, self.pt_lat)
        order = np.argsort(cells, kind="stable")
        self.pt_lon = self.pt_lon[order]
        self.pt_lat = self.pt_lat[order]
        self.pt_ref = self.pt_ref[order]
        self.pt_cells = cells[order]

    @staticmethod
    def _cell_xy(lon, lat):
        return np.floor(np.asarray(lon) / GRID_CELL_DEG).astype(np.int64), np.floor(
            np.asarray(lat) / GRID_CELL_DEG
        ).astype(np.int64)

    @classmethod
    def _cell_keys(cls, lon, lat):
        x, y = cls._cell_xy(lon, lat)
        return (y + 100_000) * 1_000_000 + (x + 100_000)

    # -- search ------------------------------------------------------------------------------

    def _alternatives(self, token: str, prefix: bool) -> dict[str, float]:
        """Index tokens that may stand for a query token, with their similarity."""
        cache_key = (token, prefix)
        cached = self._alternatives_cache.get(cache_key)
        if cached is not None:
            return cached
        alternatives: dict[str, float] = {}
        if token in self.vocabulary:
            alternatives[token] = scoring.SIM_EXACT
        if prefix and len(token) >= 2:
            start = bisect.bisect_left(self.sorted_vocabulary, token)
            for candidate in self.sorted_vocabulary[start : start + PREFIX_EXPANSIONS]:
                if not candidate.startswith(token):
                    break
                alternatives.setdefault(candidate, scoring.SIM_PREFIX)
        if not alternatives and len(token) >= 4 and not token.isdigit():
            seen: set[str] = set()
            for variant in (token, *deletions(token)):
                for candidate in self.deletes.get(variant, ()):
                    if candidate in seen:
                        continue
                    seen.add(candidate)
                    similarity = scoring.typo_similarity(edit_distance(token, candidate), len(token))
                    if similarity > alternatives.get(candidate, 0.0):
                        alternatives[candidate] = similarity
        if len(self._alternatives_cache) > 200_000:
            self._alternatives_cache.clear()
        self._alternatives_cache[cache_key] = alternatives
        return alternatives

    def _postings(self, token: str) -> tuple[np.ndarray, np.ndarray]:
        token_id = self.vocabulary[token]
        start, end = self.offsets[token_id], self.offsets[token_id + 1]
        return self.postings[start:end], self.posting_weights[start:end]

    def _shortlist(
        self,
        alternatives: list[dict[str, float]],
        housenumber: str | None,
        *,
        type: str | None,
        postcode: str | None,
        citycode: str | None,
        wanted: int,
        limit: int,
        memo: dict | None = None,
        memo_key=None,
    ) -> list[int]:
        """The few places worth a full score: they hold the query's rarer tokens, ranked by a
        pre-score (sum of idf x similarity, a word of the place's own name weighing more, +1 for
        holding the house number asked). The part without the house number depends on the words
        only: a batch keeps it for the lines that differ by their number alone (`memo`)."""
        if memo is not None:
            prescored = memo.get(memo_key)
            if prescored is None:
                prescored = memo[memo_key] = self._text_prescore(alternatives)
        else:
            prescored = self._text_prescore(alternatives)
        if prescored is None:
            return []
        filtered = bool(type or postcode or citycode)
        ranked = self._with_number(prescored, housenumber, None if filtered else NUMPY_KEEP)
        if filtered:
            ranked = [item for item in ranked if self._passes(item[1], type, postcode, citycode)]
        if not ranked:
            return []
        # Best pre-score first; ties go to the more important place (the lower id).
        best = heapq.nsmallest(wanted, ranked)
        floor = -PRESCORE_SHARE * -best[0][0]
        kept = [doc for negative, doc in best if negative <= floor]
        if len(kept) < limit:
            kept = [doc for _, doc in best[:limit]]
        return kept

    def _text_prescore(self, alternatives: list[dict[str, float]]):
        """The pre-score of the words, before the house number: (form, places, scores) or None."""
        size = max(self.size, 1)
        tokens: list[tuple[int, int, dict[str, float]]] = []
        for position, alts in enumerate(alternatives):
            if alts:
                tokens.append((sum(int(self.df[self.vocabulary[t]]) for t in alts), position, alts))
        if not tokens:
            return None
        tokens.sort(key=lambda item: item[:2])
        gathered: list[tuple[float, dict[str, float]]] = []
        checked: list[tuple[float, dict[str, float]]] = []
        budget = GATHER_BUDGET
        total = 0
        for rank, (df, _, alts) in enumerate(tokens):
            idf = math.log(1 + size / max(df, 1))
            if rank == 0 or df <= budget:
                budget -= df if rank else 0
                total += df
                gathered.append((idf, alts))
            elif df <= size * CHECKED_MAX_SHARE:
                checked.append((idf, alts))
        if total <= SMALL_CANDIDATES:
            return ("small", *self._prescore_small(gathered, checked))
        if self.size <= DENSE_MAX_PLACES:
            return ("arrays", *self._prescore_dense(gathered, checked))
        return ("arrays", *self._prescore_numpy(gathered, checked))

    def _with_number(self, prescored, housenumber: str | None, keep: int | None) -> list[tuple[float, int]]:
        """(-pre-score, place) with the house number's +1 added where the place holds it."""
        form, docs, scores = prescored
        if form == "small":
            if housenumber is None:
                return [(-pre, doc) for doc, pre in zip(docs, scores, strict=True)]
            keys, offsets = self.hn_keys, self._hn_off
            ranked = []
            for doc, pre in zip(docs, scores, strict=True):
                start, end = offsets[doc], offsets[doc + 1]
                if end > start and housenumber in keys[start:end]:
                    pre += 1.0
                ranked.append((-pre, doc))
            return ranked
        if housenumber is not None:
            holding = self.hn_postings.get(housenumber)
            if holding is not None:
                scores = scores + _member_weights(holding, None, docs)
        if keep is not None and len(docs) > keep:
            top = np.argpartition(docs * 1e-12 - scores, keep - 1)[:keep]
            docs, scores = docs[top], scores[top]
        return list(zip((-scores).tolist(), docs.tolist(), strict=True))

    def _passes(self, doc: int, type: str | None, postcode: str | None, citycode: str | None) -> bool:
        if citycode and self.citycode[doc] != citycode:
            return False
        if postcode and self.postcode[doc] != postcode:
            return False
        if type == "housenumber":
            return self._hn_off[doc + 1] > self._hn_off[doc]
        return not type or self.kind[doc] == type

    def _prescore_small(self, gathered, checked) -> tuple[list[int], list[float]]:
        """Few candidates: plain Python beats numpy's per-call cost."""
        scores: dict[int, float] = {}
        for idf, alts in gathered:
            for token, similarity in alts.items():
                token_id = self.vocabulary[token]
                start, end = self._offsets[token_id], self._offsets[token_id + 1]
                factor = idf * similarity
                for doc, in_name in zip(
                    self._postings_list[start:end], self._posting_weights_list[start:end], strict=True
                ):
                    scores[doc] = scores.get(doc, 0.0) + factor * in_name
        for idf, alts in checked:
            for doc in scores:
                name, city = self.name_tokens[doc], self.city_tokens[doc]
                best = 0.0
                for token, similarity in alts.items():
                    if token in name:
                        best = max(best, similarity)
                    elif token in city:
                        best = max(best, similarity * CITY_TOKEN_WEIGHT)
                if best:
                    scores[doc] += idf * best
        return list(scores), list(scores.values())

    def _prescore_dense(self, gathered, checked) -> tuple[np.ndarray, np.ndarray]:
        """Up to a few hundred thousand places: one dense score array, added to per token."""
        pre = np.zeros(self.size)
        for idf, alts in gathered:
            for token, similarity in alts.items():
                docs, in_name = self._postings(token)
                pre[docs] += in_name * (idf * similarity)  # a token's postings hold each place once
        candidates = np.flatnonzero(pre)
        for idf, alts in checked:
            for token, similarity in alts.items():
                docs, in_name = self._postings(token)
                pre[docs] += in_name * (idf * similarity)
        return candidates, pre[candidates]

    def _prescore_numpy(self, gathered, checked) -> tuple[np.ndarray, np.ndarray]:
        """Many candidates (large areas, common words): vectorised unions of the postings."""
        arrays: list[np.ndarray] = []
        weights: list[np.ndarray] = []
        for idf, alts in gathered:
            for token, similarity in alts.items():
                docs, in_name = self._postings(token)
                arrays.append(docs)
                weights.append(in_name * (idf * similarity))
        if len(arrays) == 1:
            unique, pre = arrays[0], weights[0].copy()
        else:
            unique, inverse = np.unique(np.concatenate(arrays), return_inverse=True)
            pre = np.bincount(inverse, weights=np.concatenate(weights))
        for idf, alts in checked:
            for token, similarity in alts.items():
                docs, in_name = self._postings(token)
                pre += (idf * similarity) * _member_weights(docs, in_name, unique)
        return unique, pre

    def search(
        self,
        q: str,
        *,
        limit: int = 5,
        autocomplete: bool = False,
        type: str | None = None,
        postcode: str | None = None,
        citycode: str | None = None,
        lat: float | None = None,
        lon: float | None = None,
        memo: dict | None = None,
    ) -> list[GeocodeResult]:
        """`memo`: a dict a batch hands to each of its searches, where what depends on the words
        alone (not on the house number) is kept; the answers are the same with it or without."""
        if self.size == 0:
            return []
        parsed = parse_query(q)
        if not parsed.tokens:
            return []
        prefix_last = autocomplete and not q.endswith(" ")
        last = len(parsed.tokens) - 1
        alternatives = [self._alternatives(t, prefix_last and i == last) for i, t in enumerate(parsed.tokens)]
        weights = [scoring.token_weight(t) for t in parsed.tokens]
        housenumber = parsed.housenumber
        words = (tuple(parsed.tokens), prefix_last) if memo is not None else None
        docs = self._shortlist(
            alternatives,
            housenumber,
            type=type,
            postcode=postcode,
            citycode=citycode,
            wanted=max(CANDIDATES, limit * 3),
            limit=limit,
            memo=memo,
            memo_key=words,
        )
        if not docs:
            return []
        scored: list[tuple[float, int, int]] = []
        for doc in docs:
            if memo is None:
                text = scoring.text_score(alternatives, weights, self.name_tokens[doc], self.city_tokens[doc])
            else:
                text = memo.get((words, doc))
                if text is None:
                    text = memo[(words, doc)] = scoring.text_score(
                        alternatives, weights, self.name_tokens[doc], self.city_tokens[doc]
                    )
            number = -1
            start, end = self._hn_off[doc], self._hn_off[doc + 1]
            if housenumber is not None and end > start:
                try:
                    number = self.hn_keys.index(housenumber, start, end)
                except ValueError:
                    number = -1
            if type == "housenumber" and number < 0:
                continue
            distance = None
            if lat is not None and lon is not None:
                point_lon = self.hn_lon[number] if number >= 0 else self.lon[doc]
                point_lat = self.hn_lat[number] if number >= 0 else self.lat[doc]
                distance = scoring.haversine_m(lon, lat, float(point_lon), float(point_lat))
            score = scoring.final_score(
                text,
                importance=self.importance[doc],
                housenumber_asked=housenumber is not None,
                housenumber_found=number >= 0,
                has_housenumbers=end > start,
                distance_m=distance,
            )
            scored.append((score, -doc, number))
        scored.sort(reverse=True)
        return [self._result(-negdoc, number, score) for score, negdoc, number in scored[:limit]]

    def _result(self, doc: int, number: int, score: float) -> GeocodeResult:
        name = self.name[doc]
        kind = self.kind[doc]
        city = self.city[doc]
        postcode = self.postcode[doc]
        if number >= 0:
            housenumber = self.hn_labels[number]
            street = name
            full_name = f"{housenumber} {name}"
            label_parts = [full_name, postcode, city]
            return GeocodeResult(
                label=" ".join(p for p in label_parts if p),
                score=round(score, 4),
                type="housenumber",
                id=self.hn_ids[number],
                housenumber=housenumber,
                street=street,
                name=full_name,
                postcode=postcode,
                citycode=self.citycode[doc],
                city=city,
                context=self.context[doc],
                lon=float(self.hn_lon[number]),
                lat=float(self.hn_lat[number]),
            )
        label_parts = [name] if kind == "municipality" else [name, postcode, city if city != name else None]
        return GeocodeResult(
            label=" ".join(p for p in label_parts if p),
            score=round(score, 4),
            type=kind if kind in RESULT_TYPES else "street",
            id=self.ban_id[doc],
            housenumber=None,
            street=name if kind == "street" else None,
            name=name,
            postcode=postcode,
            citycode=self.citycode[doc],
            city=city,
            context=self.context[doc],
            lon=float(self.lon[doc]),
            lat=float(self.lat[doc]),
        )

    def batch(self, queries: Sequence[str]) -> list[GeocodeResult | None]:
        answers: list[GeocodeResult | None] = []
        # Kept on the index between batches (a job sends a large file in batches of a few
        # thousand lines: the same street comes back from one batch to the next); it holds only
        # what the index's own data determines, so it never goes stale; bounded.
        memo = self._batch_memo
        for query in queries:
            if len(memo) > BATCH_MEMO_MAX:
                memo.clear()
            results = self.search(query, limit=1, memo=memo) if query and query.strip() else []
            answers.append(results[0] if results and results[0].score >= BATCH_MIN_SCORE else None)
        return answers

    # -- reverse ------------------------------------------------------------------------------

    def _square_runs(self, cx: int, cy: int, radius: int) -> tuple[np.ndarray, np.ndarray]:
        """For each row of the square of cells within `radius` of (cx, cy): where its points start
        and end in the sorted grid."""
        rows = np.arange(cy - radius, cy + radius + 1, dtype=np.int64) + 100_000
        starts = np.searchsorted(self.pt_cells, rows * 1_000_000 + (cx - radius + 100_000), side="left")
        ends = np.searchsorted(self.pt_cells, rows * 1_000_000 + (cx + radius + 100_000), side="right")
        return starts, ends

    def _square_count(self, cx: int, cy: int, radius: int) -> int:
        starts, ends = self._square_runs(cx, cy, radius)
        return int((ends - starts).sum())

    def reverse(self, *, lon: float, lat: float, limit: int = 1) -> list[GeocodeResult]:
        if len(self.pt_cells) == 0:
            return []
        cx, cy = (int(v) for v in self._cell_xy(lon, lat))
        # Cells are square in degrees: a degree of longitude is shorter than one of latitude.
        stretch = 1.0 / max(math.cos(math.radians(min(abs(lat), 89.0))), 0.01)
        # The square of cells of "radius" r around the point holds, on each of its rows, one run
        # of consecutive keys: counted with two vectorised binary searches. The smallest square
        # holding `limit` points is found by bisection (counts grow with r), then every point of
        # a square large enough that none farther can be closer is taken.
        # Squares grow from the point's own cell (doubling), so that a position among addresses,
        # the usual case, counts a few small squares rather than bisecting from the largest.
        low, high, enough = 0, 0, True
        while self._square_count(cx, cy, high) < limit:  # every square up to `high` holds too few
            if high == GRID_MAX_RING:
                enough = False
                break
            low, high = high + 1, min(GRID_MAX_RING, max(1, 2 * high))
        if not enough:
            stop_ring = GRID_MAX_RING
        else:
            while low < high:
                middle = (low + high) // 2
                if self._square_count(cx, cy, middle) >= limit:
                    high = middle
                else:
                    low = middle + 1
            # A point of a farther ring may still be closer than one found in this ring: look as
            # far as the farthest found could be.
            stop_ring = min(GRID_MAX_RING, math.ceil((low + 1) * 1.5 * stretch) + 1)
        starts, ends = self._square_runs(cx, cy, stop_ring)
        found = [
            np.arange(start, end) for start, end in zip(starts.tolist(), ends.tolist(), strict=True) if end > start
        ]
        if not found:
            return []
        points = np.concatenate(found)
        distances = _haversine_many(lon, lat, self.pt_lon[points], self.pt_lat[points])
        order = np.lexsort((points, distances))[:limit]  # nearest first, ties by position in the grid
        results = []
        for position in order.tolist():
            ref = int(self.pt_ref[points[position]])
            score = scoring.reverse_score(float(distances[position]))
            if ref >= 0:
                doc = int(np.searchsorted(self.hn_offsets, ref, side="right") - 1)
                results.append(self._result(doc, ref, score))
            else:
                results.append(self._result(-ref - 1, -1, score))
        return results


def _member_weights(postings: np.ndarray, weights: np.ndarray | None, docs: np.ndarray) -> np.ndarray:
    """For each of `docs`, the weight of its entry in the sorted `postings` (1 when no weights), or 0."""
    if len(postings) == 0:
        return np.zeros(len(docs))
    found = np.searchsorted(postings, docs)
    found[found >= len(postings)] = 0
    hit = postings[found] == docs
    if weights is None:
        return hit.astype(np.float64)
    return np.where(hit, weights[found], 0.0)


def _haversine_many(lon: float, lat: float, lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    radius_m = 6_371_008.8
    phi1 = math.radians(lat)
    phi2 = np.radians(lats)
    dphi = phi2 - phi1
    dlambda = np.radians(lons - lon)
    a = np.sin(dphi / 2) ** 2 + math.cos(phi1) * np.cos(phi2) * np.sin(dlambda / 2) ** 2
    return 2 * radius_m * np.arcsin(np.minimum(1.0, np.sqrt(a)))
