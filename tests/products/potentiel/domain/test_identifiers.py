import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.potentiel.domain.identifiers import InvalidIdentifier, build, parse


@pytest.mark.parametrize(
    ("text", "ao", "periode", "famille", "numero", "lisible"),
    [
        ("PPE2 - Eolien#1##23", "PPE2 - Eolien", "1", "", "23", "PPE2 - Eolien-P1-23"),
        (
            "CRE4 - Bâtiment#13#2#CRE4-B-13-7",
            "CRE4 - Bâtiment",
            "13",
            "2",
            "CRE4-B-13-7",
            "CRE4 - Bâtiment-P13-F2-CRE4-B-13-7",
        ),
    ],
)
def test_parse_and_build(text, ao, periode, famille, numero, lisible):
    ident = parse(text)
    assert (ident.appel_offre, ident.periode, ident.famille, ident.numero_cre) == (ao, periode, famille, numero)
    assert str(ident) == text
    assert ident.lisible == lisible
    assert build(ao, periode, famille or None, numero) == ident


@pytest.mark.parametrize("text", ["", "AO#1#23", "AO#1#2#3#4", "#1##23", "AO##1#23", "AO#1##", "AO #1##2"])
def test_malformed_identifiers_are_refused(text):
    with pytest.raises(InvalidIdentifier):
        parse(text)


part = st.text(st.characters(blacklist_characters="#", blacklist_categories=("Cs",)), min_size=1, max_size=20).filter(
    lambda s: s == s.strip() and s.strip()
)


@given(part, part, st.one_of(st.just(""), part), part)
def test_round_trip(ao, periode, famille, numero):
    ident = build(ao, periode, famille, numero)
    assert parse(str(ident)) == ident
