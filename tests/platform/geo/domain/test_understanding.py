"""A geocoder's best guess reads as the typed address, or is said to be a guess."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.platform.geo.domain.understanding import understood_as_typed


@pytest.mark.parametrize(
    ("typed", "found", "score", "understood"),
    [
        ("12 rue des Lilas, Angers", "12 Rue de Frémur 49000 Angers", 0.57, False),  # another street
        ("12 rue des Lilas, Angers", "12 Rue des Lilas 49000 Angers", 0.57, False),  # a low score alone
        ("12 avenue Jean XXIII, Angers", "12 Avenue Jean XXIII 49000 Angers", 0.98, True),
        ("12 av jean 23 angers", "12 Avenue Jean XXIII 49000 Angers", 0.73, True),  # abbreviation, numerals
        ("12 bd victor beausier angers", "12 Boulevard Victor Beaussier 49000 Angers", 0.9, True),  # a typo
        ("12 rue jean jaures trelaze", "12 Rue Jean Jaurès 49800 Trélazé", 0.98, True),  # accents
        ("14 rue de fremur angers", "12 Rue de Frémur 49000 Angers", 0.9, False),  # another number
        ("12 rue de fremur 49100 angers", "12 Rue de Frémur 49000 Angers", 0.9, False),  # another postcode
        ("12 rue de fremur angers", "Rue de Frémur 49000 Angers", 0.9, False),  # the street, no number
        ("rue de fremur angers", "Rue de Frémur 49000 Angers", 0.98, True),
        ("12 rue de fremur paris", "12 Rue de Frémur 49000 Angers", 0.8, False),  # another city
    ],
)
def test_understood_as_typed(typed, found, score, understood):
    assert understood_as_typed(typed, found, score) is understood


@given(st.text(max_size=60), st.floats(min_value=0, max_value=1))
def test_its_own_label_is_understood_when_confident(label, score):
    assert understood_as_typed(label, label, score) is (score >= 0.7)
