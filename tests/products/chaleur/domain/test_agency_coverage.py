import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.chaleur.domain.agency_coverage import (
    AgencyArea,
    covering_agency,
    departement_of,
    normalise_departement,
)

AREAS = [
    AgencyArea(id=3, communes=frozenset(), departements=frozenset({"13"})),
    AgencyArea(id=5, communes=frozenset({"13055"}), departements=frozenset()),
    AgencyArea(id=1, communes=frozenset(), departements=frozenset({"13", "84"})),
    AgencyArea(id=9, communes=frozenset(), departements=frozenset({"2A", "971"})),
]


@pytest.mark.parametrize(
    ("citycode", "dep"),
    [
        ("13055", "13"),
        ("01001", "01"),
        ("2A004", "2A"),
        ("2b033", "2B"),
        ("97105", "971"),
        ("98818", "988"),
        ("", ""),
        ("123", ""),
    ],
)
def test_departement_of(citycode, dep):
    assert departement_of(citycode) == dep


@pytest.mark.parametrize(
    ("citycode", "agency"),
    [
        ("13055", 5),  # a commune listed wins over its département
        ("13001", 1),  # two agencies on the département: the lowest id, whatever the order
        ("84007", 1),
        ("2A004", 9),
        ("97105", 9),
        ("75056", None),
        ("", None),
    ],
)
def test_covering_agency(citycode, agency):
    assert covering_agency(AREAS, citycode) == agency
    assert covering_agency(list(reversed(AREAS)), citycode) == agency


def test_normalise_departement():
    assert normalise_departement(" 1 ") == "01"
    assert normalise_departement("2a") == "2A"


@given(st.permutations(AREAS), st.sampled_from(["13055", "13001", "84007", "2A004", "75056"]))
def test_answer_never_depends_on_order(areas, code):
    assert covering_agency(areas, code) == covering_agency(AREAS, code)
