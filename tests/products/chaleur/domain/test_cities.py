import pytest

from transition.products.chaleur.domain.cities import city_slug, names_match, share_pct


@pytest.mark.parametrize(
    "name, slug",
    [
        ("Grenoble", "grenoble"),
        ("Saint-Barthélemy-d'Anjou", "saint-barthelemy-d-anjou"),
        ("L'Haÿ-les-Roses", "l-hay-les-roses"),
        ("Œuilly", "oeuilly"),
        ("  Trélazé ", "trelaze"),
    ],
)
def test_city_slug(name, slug):
    assert city_slug(name) == slug


@pytest.mark.parametrize(
    "commune, listed, expected",
    [
        ("Échirolles", "Grenoble, Échirolles", True),
        ("Echirolles", "grenoble;ECHIROLLES", True),
        ("Grenoble", "Grenoble-sur-Mer", False),
        ("Saint-Martin", "St-Martin", False),
        ("Angers", "", False),
    ],
)
def test_names_match(commune, listed, expected):
    assert names_match(commune, listed) is expected


@pytest.mark.parametrize("part, whole, expected", [(0, 0, None), (1, 3, 33), (2, 3, 67), (5, 5, 100)])
def test_share_pct(part, whole, expected):
    assert share_pct(part, whole) == expected
