import pytest
from hypothesis import given
from hypothesis import strategies as st

from transition.products.carbure.domain.quantities import QuantityError, Unit, parse_unit, quantities_from

ETH = {"density_kg_l": 0.778, "lhv_mj_l": 21.0}  # ethanol in the referential
EMHV = {"density_kg_l": 0.892, "lhv_mj_l": 33.0}


@pytest.mark.parametrize(
    ("amount", "unit", "biofuel", "expected"),
    [
        (34500, Unit.LITRE, ETH, (34500.0, 26841.0, 724500.0)),  # sample carbure-101
        (34500, Unit.LITRE, EMHV, (34500.0, 30774.0, 1138500.0)),  # sample carbure-103
        (5000, Unit.LITRE, ETH, (5000.0, 3890.0, 105000.0)),  # sample carbure-002
        (3890, Unit.KILOGRAM, ETH, (5000.0, 3890.0, 105000.0)),
        (105000, Unit.MEGAJOULE, ETH, (5000.0, 3890.0, 105000.0)),
        (1000.456, Unit.LITRE, ETH, (1000.46, 778.36, 21009.66)),
        (1000, Unit.KILOGRAM, ETH, (1285.35, 1000.0, 26992.35)),
    ],
)
def test_conversions(amount, unit, biofuel, expected):
    q = quantities_from(amount, unit, **biofuel)
    assert (q.volume_l, q.weight_kg, q.lhv_amount_mj) == expected


def test_a_biofuel_without_density_needs_litres():
    with pytest.raises(QuantityError):
        quantities_from(10, Unit.KILOGRAM, density_kg_l=0.0, lhv_mj_l=0.0)
    assert quantities_from(10, Unit.LITRE, density_kg_l=0.0, lhv_mj_l=0.0).volume_l == 10.0


@pytest.mark.parametrize(
    ("text", "unit"), [("l", Unit.LITRE), (" KG ", Unit.KILOGRAM), ("MJ", Unit.MEGAJOULE), ("t", None), ("", None)]
)
def test_units(text, unit):
    assert parse_unit(text) == unit


@given(st.floats(min_value=1, max_value=1e7), st.sampled_from([ETH, EMHV]))
def test_litres_round_trip_through_kilograms(volume, biofuel):
    from_litres = quantities_from(volume, Unit.LITRE, **biofuel)
    back = quantities_from(from_litres.weight_kg, Unit.KILOGRAM, **biofuel)
    # Two roundings of 0.005 each, amplified by the density.
    assert abs(back.volume_l - from_litres.volume_l) <= 0.02
