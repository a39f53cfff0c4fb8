import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.platform.accounts.domain.siret import is_valid_siren, is_valid_siret, siren_of


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("13002526500013", True),  # DINUM
        ("130 025 265 00013", True),
        ("13002526500014", False),
        ("1300252650001", False),
        ("1300252650001a", False),
        ("35600000000047", True),  # La Poste: digits add up to a multiple of 5
        ("35600000000048", False),
        ("", False),
        ("１３００２５２６５０００１３", False),  # full-width digits are not ASCII
    ],
)
def test_siret(value, valid):
    assert is_valid_siret(value) is valid


@pytest.mark.parametrize(("value", "valid"), [("130025265", True), ("130025266", False), ("13002526", False)])
def test_siren(value, valid):
    assert is_valid_siren(value) is valid


@given(st.text(alphabet="0123456789", min_size=14, max_size=14))
def test_a_valid_siret_has_a_valid_siren_unless_la_poste(value):
    if is_valid_siret(value) and not value.startswith("356000000"):
        assert is_valid_siren(siren_of(value))


@given(st.text(alphabet="0123456789", min_size=14, max_size=14), st.integers(0, 13), st.integers(1, 9))
def test_changing_one_digit_breaks_the_key(value, position, delta):
    if not is_valid_siret(value) or value.startswith("356000000"):
        return
    changed = value[:position] + str((int(value[position]) + delta) % 10) + value[position + 1 :]
    assert not is_valid_siret(changed)
