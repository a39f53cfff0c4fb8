import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.platform.geo.domain import scoring


def alts(*tokens):
    return [{t: 1.0} for t in tokens]


def text(query, name, city=()):
    return scoring.text_score(alts(*query), [scoring.token_weight(t) for t in query], name, city)


def test_exact_match_scores_one():
    assert text(("rue", "paradis", "marseille"), ("rue", "paradis"), ("marseille",)) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("better", "worse"),
    [
        # the whole name named beats part of it
        ((("rue", "paradis"), ("rue", "paradis"), ()), (("rue", "paradis"), ("rue", "paradis", "haut"), ())),
        # the right city beats another one
        ((("paradis", "marseille"), ("paradis",), ("marseille",)), (("paradis", "marseille"), ("paradis",), ("aix",))),
        # a street whose name is the query beats a street of the city named like the query
        ((("pouembout",), ("pouembout",), ("98825",)), (("pouembout",), ("avenue", "pouembout"), ("pouembout",))),
    ],
)
def test_orderings(better, worse):
    assert text(*better) > text(*worse)


def test_missing_city_is_neutral_enough():
    assert text(("rue", "paradis"), ("rue", "paradis"), ("marseille",)) >= 0.9


def test_typo_similarity_table():
    assert scoring.typo_similarity(0, 3) == 1.0
    assert scoring.typo_similarity(1, 4) == scoring.SIM_TYPO_1
    assert scoring.typo_similarity(1, 3) == 0.0
    assert scoring.typo_similarity(2, 8) == scoring.SIM_TYPO_2
    assert scoring.typo_similarity(2, 6) == 0.0


def test_final_score_house_number():
    found = scoring.final_score(0.9, housenumber_asked=True, housenumber_found=True)
    street_only = scoring.final_score(0.9, housenumber_asked=True, housenumber_found=False)
    no_numbers = scoring.final_score(0.9, housenumber_asked=True, housenumber_found=False, has_housenumbers=False)
    assert found > street_only > no_numbers


def test_geo_bias_prefers_the_near():
    near = scoring.final_score(0.8, distance_m=100)
    far = scoring.final_score(0.8, distance_m=100_000)
    assert near > far


def test_haversine_known_distance():
    # Paris (Notre-Dame) to Marseille (Vieux-Port): about 661 km.
    assert scoring.haversine_m(2.3499, 48.8530, 5.3698, 43.2951) == pytest.approx(661_000, rel=0.01)


unit = st.floats(min_value=0, max_value=1)
token = st.text(alphabet="abcdefgh0123", min_size=1, max_size=8)


@given(
    st.lists(st.tuples(token, unit), min_size=1, max_size=5),
    st.lists(token, max_size=5),
    st.lists(token, max_size=3),
)
def test_text_score_between_0_and_1(query, name, city):
    alternatives = [{t: s} for t, s in query]
    weights = [scoring.token_weight(t) for t, _ in query]
    value = scoring.text_score(alternatives, weights, tuple(name), tuple(city))
    assert 0.0 <= value <= 1.0 + 1e-9


@given(
    unit,
    unit,
    st.booleans(),
    st.booleans(),
    st.booleans(),
    st.one_of(st.none(), st.floats(min_value=0, max_value=1e7)),
)
def test_final_score_between_0_and_1(text_value, importance, asked, found, has_numbers, distance):
    value = scoring.final_score(
        text_value,
        importance=importance,
        housenumber_asked=asked,
        housenumber_found=found,
        has_housenumbers=has_numbers,
        distance_m=distance,
    )
    assert 0.0 <= value <= 1.0
    assert not math.isnan(value)


@given(st.floats(min_value=0, max_value=1e7), st.floats(min_value=0, max_value=1e7))
def test_reverse_score_decreases_with_distance(a, b):
    if a <= b:
        assert scoring.reverse_score(a) >= scoring.reverse_score(b)
