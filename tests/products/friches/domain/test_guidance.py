"""The guidance's interpreter: suggested when every condition signal is emitted and the area covers
the site; and the property that an extra signal never takes a suggestion away."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.friches.domain.guidance import (
    Place,
    Rule,
    area_covers,
    missing_conditions,
    project_signals,
    suggested,
)

ARDENNES = Place(departement="08", region="44")

RULES = [
    Rule("partout"),
    Rule("pollution", conditions=frozenset({"pollution_suspectee"})),
    Rule("pollution-proprio-public", conditions=frozenset({"pollution_suspectee", "propriete_publique"})),
    Rule("ardennes", departements=frozenset({"08"})),
    Rule("grand-est", regions=frozenset({"44"})),
    Rule("bretagne", regions=frozenset({"53"})),
    Rule("marne-ou-grand-est", departements=frozenset({"51"}), regions=frozenset({"44"})),
    Rule("pv-en-bretagne", conditions=frozenset({"usage:photovoltaique"}), regions=frozenset({"53"})),
]


@pytest.mark.parametrize(
    ("signals", "place", "expected"),
    [
        (set(), ARDENNES, ["partout", "ardennes", "grand-est", "marne-ou-grand-est"]),
        ({"pollution_suspectee"}, ARDENNES, ["partout", "pollution", "ardennes", "grand-est", "marne-ou-grand-est"]),
        (
            {"pollution_suspectee", "propriete_publique"},
            Place("29", "53"),
            ["partout", "pollution", "pollution-proprio-public", "bretagne"],
        ),
        ({"usage:photovoltaique"}, Place("29", "53"), ["partout", "bretagne", "pv-en-bretagne"]),
        ({"usage:photovoltaique"}, ARDENNES, ["partout", "ardennes", "grand-est", "marne-ou-grand-est"]),
        (set(), Place(None, None), ["partout"]),
    ],
)
def test_table(signals, place, expected):
    assert [r.key for r in suggested(RULES, signals, place)] == expected


@pytest.mark.parametrize(
    ("rule", "place", "covers"),
    [
        (Rule("x"), Place("08", "44"), True),
        (Rule("x", departements=frozenset({"08"})), Place("08", "44"), True),
        (Rule("x", departements=frozenset({"51"})), Place("08", "44"), False),
        (Rule("x", regions=frozenset({"44"})), Place("08", "44"), True),
        (Rule("x", departements=frozenset({"51"}), regions=frozenset({"11"})), Place("08", "44"), False),
        (Rule("x", departements=frozenset({"08"})), Place(None, None), False),
    ],
)
def test_area(rule, place, covers):
    assert area_covers(rule, place) is covers


def test_project_signals_add_the_intended_uses():
    assert project_signals({"a"}, ["renaturation"]) == {"a", "usage:renaturation"}


def test_missing_conditions_say_what_a_rule_waits_for():
    assert missing_conditions(RULES[2], {"pollution_suspectee"}) == {"propriete_publique"}


_tags = st.sampled_from(["a", "b", "c", "d", "usage:renaturation", "pollution", "x y"])
_codes = st.sampled_from(["08", "51", "29", "2A", "974"])
_regions = st.sampled_from(["44", "53", "94", "04"])
_rules = st.lists(
    st.builds(
        Rule,
        key=st.integers(),
        conditions=st.frozensets(_tags, max_size=3),
        departements=st.frozensets(_codes, max_size=2),
        regions=st.frozensets(_regions, max_size=2),
    ),
    max_size=12,
)
_places = st.builds(Place, departement=st.one_of(st.none(), _codes), region=st.one_of(st.none(), _regions))


@given(_rules, st.frozensets(_tags), _tags, _places)
def test_an_extra_signal_never_removes_a_suggestion(rules, signals, extra, place):
    before = suggested(rules, signals, place)
    after = suggested(rules, signals | {extra}, place)
    assert all(rule in after for rule in before)


@given(_rules, st.frozensets(_tags), _places)
def test_a_suggestion_has_all_its_conditions_and_covers_the_site(rules, signals, place):
    for rule in suggested(rules, signals, place):
        assert rule.conditions <= signals
        assert area_covers(rule, place)
    for rule in rules:
        if rule not in suggested(rules, signals, place):
            assert not (rule.conditions <= signals) or not area_covers(rule, place)
