"""The local index on its own (no database): autocomplete, typos, filters, bias, reverse."""

import pytest

from tests.platform.geo.conftest import TINY_CSV, TINY_NDJSON
from transition.platform.geo.ban_files import read_ban_files
from transition.platform.geo.local_index import AddressIndex, NumberRow, PlaceRow


@pytest.fixture(scope="module")
def index():
    data = read_ban_files([TINY_NDJSON])
    places = [
        PlaceRow(
            p.ban_id, p.ban_id, p.kind, p.name, p.postcode, p.citycode, p.city, p.context, p.lon, p.lat, p.importance
        )
        for p in data.places.values()
    ]
    numbers = [NumberRow(n.place_ban_id, n.ban_id, n.housenumber, n.lon, n.lat) for n in data.numbers.values()]
    return AddressIndex(places, numbers)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("12 rue parad", "13206_t001_00012"),
        ("3 bd saint-mi", "75105_t004_00003"),
        ("48 la caneb", "13201_t002_00048"),
    ],
)
def test_autocomplete_completes_the_last_word(index, query, expected):
    assert index.search(query, autocomplete=True, limit=1)[0].id == expected


def test_without_autocomplete_a_prefix_is_not_a_word(index):
    typed = index.search("rue parad", limit=1)[0]
    completed = index.search("rue parad", autocomplete=True, limit=1)[0]
    assert completed.id == "13206_t001"
    assert typed.score < 0.5 < 0.8 < completed.score


@pytest.mark.parametrize(
    "query",
    ["12 rue pardis marseille", "12 rue paradsi marseille", "12 reu paradis marseille", "12 rue paradis marseile"],
)
def test_small_typos(index, query):
    assert index.search(query, limit=1)[0].id == "13206_t001_00012"


def test_missing_house_number_falls_back_to_the_street(index):
    result = index.search("999 rue paradis marseille", limit=1)[0]
    assert (result.type, result.id) == ("street", "13206_t001")
    assert result.score < index.search("12 rue paradis marseille", limit=1)[0].score


def test_filters(index):
    assert index.search("rue paradis", postcode="75005") == []
    assert index.search("rue paradis", citycode="75105") == []
    assert index.search("paris", type="municipality")[0].id == "75056"
    assert all(r.type == "street" for r in index.search("paris", type="street", limit=5))


def test_lat_lon_bias_picks_the_nearer_of_two_equal_names():
    def place(key, city, citycode, lon, lat):
        return PlaceRow(key, key, "street", "Rue de la Paix", "", citycode, city, "", lon, lat, 0.5)

    index = AddressIndex([place("a", "Marseille", "13201", 5.38, 43.29), place("b", "Paris", "75102", 2.33, 48.87)], [])
    assert index.search("rue de la paix", lat=48.87, lon=2.33, limit=1)[0].id == "b"
    assert index.search("rue de la paix", lat=43.29, lon=5.38, limit=1)[0].id == "a"


def test_reverse_nearest_first_and_far_away_empty(index):
    results = index.reverse(lon=2.3438, lat=48.8527, limit=2)
    assert results[0].id == "75105_t004_00003"
    assert results[0].score == pytest.approx(1.0, abs=0.01)
    assert results[1].score < results[0].score
    assert index.reverse(lon=-150.0, lat=10.0) == []


def test_reverse_finds_a_place_without_numbers(index):
    assert index.reverse(lon=5.3431, lat=43.2161)[0].id == "13207_t008"


def test_csv_and_ndjson_give_the_same_point():
    data = read_ban_files([TINY_CSV])
    assert (data.numbers["13206_t001_00012"].lon, data.numbers["13206_t001_00012"].lat) == (5.3769, 43.2921)


def test_empty_index():
    index = AddressIndex([], [])
    assert index.search("rue paradis") == []
    assert index.reverse(lon=5.0, lat=43.0) == []
    assert index.batch(["rue paradis"]) == [None]


def test_a_batch_answers_as_each_search_does(index):
    """batch() keeps what depends on the words alone between lines that differ by their number:
    the answers are those of search() line by line, whatever the number (held or not)."""
    streets = ["rue paradis marseille", "bd saint michel", "la canebiere", "rue parad", "avenue inconnue"]
    queries = [f"{n} {street}" for street in streets for n in (1, 3, 12, 48, 999, "12bis")] + ["", "  ", "paris"]
    queries += list(reversed(queries))
    expected = []
    for query in queries:
        found = index.search(query, limit=1) if query.strip() else []
        expected.append(found[0] if found and found[0].score >= 0.5 else None)
    assert index.batch(queries) == expected
    assert any(expected)


def test_reverse_gives_the_same_answer_from_near_and_from_far(index):
    # Squares grow from the position's own cell: a position among addresses and one with none
    # around it both get their nearest, nearest first.
    near = index.reverse(lon=5.3806, lat=43.2927, limit=3)
    assert near and [r.score for r in near] == sorted((r.score for r in near), reverse=True)
    assert index.reverse(lon=-30.0, lat=10.0, limit=1) == []
