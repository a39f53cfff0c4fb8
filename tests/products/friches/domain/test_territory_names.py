import pytest

from transition.products.friches.domain.territory_names import departement_label, region_label, territory_label


@pytest.mark.parametrize(
    ("departements", "regions", "expected"),
    [
        (["08"], [], "Ardennes (08)"),
        (["08", "51"], ["44"], "Ardennes (08), Marne (51) ; Grand Est"),
        ([], ["44"], "Grand Est"),
        ([], [], ""),
        (["2A"], [], "Corse-du-Sud (2A)"),
    ],
)
def test_territory_label(departements, regions, expected):
    assert territory_label(departements, regions) == expected


def test_unknown_codes_stay_readable():
    assert departement_label("00") == "00"
    assert region_label("99") == "région 99"
