from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.carbure.domain.ghg import (
    RED_II_FROM,
    TERMS,
    applicable_reduction,
    ghg_of,
    is_red_ii,
    normalised_term,
    reduction_against,
)


@pytest.mark.parametrize(
    ("terms", "total", "red_i", "red_ii"),
    [
        # The original's API cases (sample carbure-101, -103, -104).
        ({"eec": 22, "el": 1, "ep": 1, "etd": 1, "eu": 1}, 26.0, 68.97, 72.34),
        ({"eec": 1, "el": 1, "ep": 32, "etd": 1, "eu": 1}, 36.0, 57.04, 61.7),
        ({"eec": 1, "el": 1, "ep": 1, "etd": 5.1, "eu": 1}, 9.1, 89.14, 90.32),
        # RED II default values of sugar-beet ethanol (no biogas, natural gas boiler).
        ({"eec": 9.6, "ep": 26.3, "etd": 2.3}, 38.2, 54.42, 59.36),
        # Savings are subtracted; el keeps its sign.
        ({"eec": 10, "el": -3, "ep": 10, "etd": 2, "esca": 1, "eccs": 1, "eccr": 1, "eee": 1}, 15.0, 82.1, 84.04),
        ({}, 0.0, 100.0, 100.0),
    ],
)
def test_totals_and_reductions(terms, total, red_i, red_ii):
    ghg = ghg_of(terms)
    assert (ghg.total, ghg.reduction, ghg.reduction_red_ii) == (total, red_i, red_ii)


def test_rounding_is_the_originals():
    # round() of a binary float, as the original: 0.125 is exact and rounds half to even.
    assert ghg_of({"eec": 0.125}).total == 0.12
    assert reduction_against(83.8 * 0.5, 83.8) == 50.0


@pytest.mark.parametrize(
    ("delivery", "expected"),
    [(date(2021, 6, 30), "red_i"), (RED_II_FROM, "red_ii"), (date(2025, 1, 1), "red_ii"), (None, "red_ii")],
)
def test_red_ii_from_july_2021(delivery, expected):
    chosen = applicable_reduction(delivery_date=delivery, reduction=1.0, reduction_red_ii=2.0)
    assert chosen == {"red_i": 1.0, "red_ii": 2.0}[expected]
    assert is_red_ii(delivery) == (expected == "red_ii")


@pytest.mark.parametrize(("name", "value", "stored"), [("el", -4.5, -4.5), ("eec", -4.5, 4.5), ("eee", -1, 1.0)])
def test_only_el_keeps_its_sign(name, value, stored):
    assert normalised_term(name, value) == stored


term_values = st.floats(min_value=-200, max_value=200, allow_nan=False, allow_infinity=False)
all_terms = st.fixed_dictionaries(dict.fromkeys(TERMS, term_values))


@given(all_terms)
def test_total_is_the_rounded_signed_sum(raw):
    terms = {name: normalised_term(name, value) for name, value in raw.items()}
    ghg = ghg_of(terms)
    emissions = terms["eec"] + terms["el"] + terms["ep"] + terms["etd"] + terms["eu"]
    savings = terms["esca"] + terms["eccs"] + terms["eccr"] + terms["eee"]
    assert abs(ghg.total - (emissions - savings)) <= 0.005 + 1e-9
    assert ghg.total == round(ghg.total, 2)
    assert all(terms[name] >= 0 for name in TERMS if name != "el")


@given(all_terms)
def test_reductions_follow_the_total(raw):
    ghg = ghg_of({name: normalised_term(name, value) for name, value in raw.items()})
    assert abs(ghg.reduction - (1 - ghg.total / 83.8) * 100) <= 0.005 + 1e-9
    assert abs(ghg.reduction_red_ii - (1 - ghg.total / 94.0) * 100) <= 0.005 + 1e-9
    # Against a higher comparator, a positive total saves more and a negative one less.
    if ghg.total > 0:
        assert ghg.reduction_red_ii >= ghg.reduction
    elif ghg.total < 0:
        assert ghg.reduction_red_ii <= ghg.reduction


@given(all_terms, st.sampled_from(("eec", "ep", "etd", "eu")), st.floats(min_value=0.01, max_value=50))
def test_more_emissions_never_save_more(raw, name, extra):
    terms = {n: normalised_term(n, v) for n, v in raw.items()}
    before = ghg_of(terms)
    after = ghg_of({**terms, name: terms[name] + extra})
    assert after.total >= before.total
    assert after.reduction_red_ii <= before.reduction_red_ii


@given(all_terms, st.sampled_from(("esca", "eccs", "eccr", "eee")), st.floats(min_value=0.01, max_value=50))
def test_more_savings_never_save_less(raw, name, extra):
    terms = {n: normalised_term(n, v) for n, v in raw.items()}
    assert ghg_of({**terms, name: terms[name] + extra}).reduction_red_ii >= ghg_of(terms).reduction_red_ii
