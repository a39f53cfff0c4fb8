"""A figure's unit agrees with its number, the French way: 0 and 1 take the singular."""

import pytest

from transition.platform.impact.templatetags.impact_tags import unit_for


@pytest.mark.parametrize(
    ("unit", "value", "expected"),
    [
        ("collectivités", 1, "collectivité"),
        ("collectivités", 0, "collectivité"),
        ("collectivités", 2, "collectivités"),
        ("sites", 1.5, "site"),
        ("ha", 1, "ha"),
        ("%", 1, "%"),
        ("t CO₂/an", 1, "t CO₂/an"),
        ("mois", 1, "mois"),
        ("sites", None, "sites"),
    ],
)
def test_unit_for(unit, value, expected):
    assert unit_for(unit, value) == expected


@pytest.mark.django_db
def test_the_stats_page_says_1_collectivite(client):
    from tests.products.friches.factories import SiteFactory, porteur
    from transition.products.friches.services.projects import project_create

    mayor = porteur()
    project_create(actor=mayor, site=SiteFactory(), organisation=mayor.organisation, name="Parc")
    html = client.get("/stats/friches/").content.decode()
    assert "Aujourd’hui : <strong>1 collectivité</strong>" in html
    assert '<span class="impact-figure__unit">collectivité</span>' in html
