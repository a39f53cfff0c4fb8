"""How well a place answers a query, as a score between 0 and 1.

A query token may be matched by several index tokens, each with a similarity: 1 for the same
word, less for a word one typo away or a word the token starts (autocomplete). The score mixes
how much of the query the place explains and how much of the place's name the query names.
"""

import math
from collections.abc import Mapping, Sequence

# Similarity of an index token to a query token, by how they differ.
SIM_EXACT = 1.0
SIM_PREFIX = 0.9
SIM_TYPO_1 = 0.8
SIM_TYPO_2 = 0.6

# Share of the final score taken by each part.
QUERY_WEIGHT = 0.55
NAME_WEIGHT = 0.35
CITY_WEIGHT = 0.10
IMPORTANCE_WEIGHT = 0.03
GEO_WEIGHT = 0.1
# A house number asked for but missing from the street: the street answers, scored lower.
MISSING_HOUSENUMBER_FACTOR = 0.8
# A house number asked for and the answer is a municipality or a place without numbers.
NO_HOUSENUMBERS_FACTOR = 0.7


_WEIGHTS: dict[str, float] = {}


def token_weight(token: str) -> float:
    """Longer words say more than short ones; numbers (postcodes) count like a long word."""
    weight = _WEIGHTS.get(token)
    if weight is None:
        weight = float(min(len(token), 8)) if not token.isdigit() else 6.0
        if len(_WEIGHTS) < 500_000:
            _WEIGHTS[token] = weight
    return weight


def typo_similarity(distance: int, length: int) -> float:
    """Similarity of two words `distance` edits apart; 0 when too far for a word of this length."""
    if distance == 0:
        return SIM_EXACT
    if distance == 1 and length >= 4:
        return SIM_TYPO_1
    if distance == 2 and length >= 8:
        return SIM_TYPO_2
    return 0.0


def text_score(
    query: Sequence[Mapping[str, float]],
    query_weights: Sequence[float],
    name: Sequence[str],
    city: Sequence[str],
) -> float:
    """Text similarity of a place (name tokens, then city and postcode tokens) to a query.

    `query[i]` maps the index tokens that may stand for the i-th query token to their similarity.
    """
    if not query:
        return 0.0
    doc = (*name, *city)
    total_weight = 0.0
    explained = 0.0
    name_hit: set[str] = set()
    city_hit = False
    for alternatives, weight in zip(query, query_weights, strict=True):
        total_weight += weight
        best = 0.0
        best_token = None
        for token in doc:
            similarity = alternatives.get(token, 0.0)
            if similarity > best:
                best = similarity
                best_token = token
        if best_token is not None:
            explained += weight * best
            if best_token in name:
                name_hit.add(best_token)
            else:
                city_hit = True
    query_part = explained / total_weight
    if name:
        name_weight = 0.0
        for token in name:
            name_weight += _WEIGHTS.get(token) or token_weight(token)
        hit_weight = 0.0
        for token in name_hit:
            hit_weight += _WEIGHTS.get(token) or token_weight(token)
        name_part = hit_weight / name_weight
    else:
        name_part = 0.0
    # Naming the city is good; not naming it is neutral, so that "12 rue x" stays a good query.
    city_part = 1.0 if city_hit or not city else 0.5
    return QUERY_WEIGHT * query_part + NAME_WEIGHT * name_part + CITY_WEIGHT * city_part


def final_score(
    text: float,
    *,
    importance: float = 0.0,
    housenumber_asked: bool = False,
    housenumber_found: bool = False,
    has_housenumbers: bool = True,
    distance_m: float | None = None,
) -> float:
    """Combine the text score with the house number, the place's importance and the distance to
    the point the query is biased towards; clipped to [0, 1]."""
    score = text * (1 - IMPORTANCE_WEIGHT) + IMPORTANCE_WEIGHT * min(max(importance, 0.0), 1.0)
    if housenumber_asked and not housenumber_found:
        score *= MISSING_HOUSENUMBER_FACTOR if has_housenumbers else NO_HOUSENUMBERS_FACTOR
    if distance_m is not None:
        proximity = math.exp(-distance_m / 10_000.0)
        score = score * (1 - GEO_WEIGHT) + GEO_WEIGHT * proximity
    return min(max(score, 0.0), 1.0)


def reverse_score(distance_m: float) -> float:
    """1 on the point, 0.5 at 100 m, towards 0 far away."""
    return 1.0 / (1.0 + max(distance_m, 0.0) / 100.0)


def haversine_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    radius_m = 6_371_008.8
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * radius_m * math.asin(min(1.0, math.sqrt(a)))
