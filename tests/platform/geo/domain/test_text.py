import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.platform.geo.domain.text import (
    ParsedQuery,
    deletions,
    edit_distance,
    fold,
    housenumber_key,
    name_tokens,
    parse_query,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rue de l'Église", "rue de l eglise"),
        ("  BOULEVARD   Saint-Michel ", "boulevard saint michel"),
        ("Cœur Œillet Ærø", "coeur oeillet aero"),
        ("L’Haÿ-les-Roses", "l hay les roses"),
        ("Nouméa", "noumea"),
        ("12bis, allée", "12bis allee"),
        ("", ""),
    ],
)
def test_fold(text, expected):
    assert fold(text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Boulevard Saint-Michel", ("boulevard", "saint", "michel")),
        ("bd st michel", ("boulevard", "saint", "michel")),
        ("Av. du Général de Gaulle", ("avenue", "general", "gaulle")),
        ("r de la paix", ("rue", "paix")),
        ("Chem. des Vignes", ("chemin", "vignes")),
        ("imp des lilas", ("impasse", "lilas")),
        ("rte de Lyon", ("route", "lyon")),
        ("Fbg Saint-Antoine", ("faubourg", "saint", "antoine")),
        ("pl du 8 mai 1945", ("place", "8", "mai", "1945")),
        ("rdpt des anges", ("rond", "point", "anges")),
        ("Rue du 1er Mai", ("rue", "premier", "mai")),
    ],
)
def test_name_tokens(name, expected):
    assert name_tokens(name) == expected


@pytest.mark.parametrize(
    ("number", "suffix", "expected"),
    [("12", "", "12"), ("0012", "", "12"), ("12", "bis", "12b"), ("12bis", "", "12b"), ("3", "TER", "3t"),
     ("7", "quater", "7q"), ("5", "a", "5a"), ("2 B", "", "2b")],
)  # fmt: skip
def test_housenumber_key(number, suffix, expected):
    assert housenumber_key(number, suffix) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("12 rue paradis marseille", ParsedQuery(("rue", "paradis", "marseille"), "12", None)),
        ("12 bis r paradis 13006 marseille", ParsedQuery(("rue", "paradis", "13006", "marseille"), "12b", "13006")),
        ("12bis bd st michel", ParsedQuery(("boulevard", "saint", "michel"), "12b", None)),
        ("12 b rue paradis", ParsedQuery(("rue", "paradis"), "12b", None)),
        ("12 r des sapins", ParsedQuery(("rue", "sapins"), "12", None)),
        ("0007 rue x", ParsedQuery(("rue", "x"), "7", None)),
        ("rue du 8 mai 1945", ParsedQuery(("rue", "8", "mai", "1945"), None, None)),
        ("residence les pins 4 rue des lilas", ParsedQuery(("residence", "pins", "rue", "lilas"), "4", None)),
        ("75011 paris", ParsedQuery(("75011", "paris"), None, "75011")),
        ("PARIS", ParsedQuery(("paris",), None, None)),
        ("", ParsedQuery((), None, None)),
    ],
)
def test_parse_query(query, expected):
    assert parse_query(query) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("paradis", "paradis", 0), ("paradis", "paradiss", 1), ("paradis", "parqdis", 1), ("paradis", "paardis", 1),
     ("canebiere", "canebeire", 1), ("roquette", "roqette", 1), ("abc", "xyz", 3), ("", "abc", 3)],
)  # fmt: skip
def test_edit_distance(a, b, expected):
    assert edit_distance(a, b) == expected


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", max_size=12)


@given(st.text(max_size=60))
def test_fold_is_idempotent_ascii_lower(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.lower()
    assert folded.isascii()
    assert "  " not in folded


@given(st.text(max_size=60))
def test_name_tokens_never_hold_stopwords_or_spaces(text):
    for token in name_tokens(text):
        assert token and " " not in token
        assert token not in {"de", "la", "le", "les", "du", "des"}


@given(words, words)
def test_edit_distance_is_symmetric_and_bounded(a, b):
    distance = edit_distance(a, b, limit=99)
    assert distance == edit_distance(b, a, limit=99)
    assert abs(len(a) - len(b)) <= distance <= max(len(a), len(b))
    assert (distance == 0) == (a == b)


@given(words.filter(lambda w: len(w) >= 2))
def test_each_deletion_is_one_edit_away(word):
    for variant in deletions(word):
        assert len(variant) == len(word) - 1
        assert edit_distance(word, variant) == 1


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["", "bis", "ter", "quater", "a", "b"]))
def test_parse_query_finds_any_house_number_before_a_street(number, suffix):
    parsed = parse_query(f"{number} {suffix} rue des lilas paris")
    assert parsed.housenumber == housenumber_key(str(number), suffix)
    assert parsed.tokens == ("rue", "lilas", "paris")
