"""The "Mes demandes" layer of the public map: for those the back-office lets see demands, never
for anonymous visitors or people without a chaleur role."""

import pytest
from django.urls import reverse

from tests.platform.accounts.factories import UserFactory

from ..factories import DemandFactory, collectivite_make, network_fixture, network_make, operator_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

MAP = reverse("chaleur:map")
GEOJSON = reverse("chaleur:pro_demands_geojson")


def test_an_anonymous_map_has_no_demands_layer(client):
    html = client.get(MAP).content.decode()
    assert "data-demands-url" not in html
    assert 'id="layer-demandes"' not in html
    assert GEOJSON not in html


def test_a_person_without_a_chaleur_role_gets_no_demands_layer(client):
    client.force_login(UserFactory())
    html = client.get(MAP).content.decode()
    assert "data-demands-url" not in html and GEOJSON not in html


def test_an_operator_map_exposes_the_demands_layer(client, operator):
    client.force_login(operator.user)
    html = client.get(MAP).content.decode()
    assert f'data-demands-url="{GEOJSON}"' in html
    assert 'id="layer-demandes"' in html and "Mes demandes" in html


def test_a_collectivite_sees_the_layer_too(client):
    # Same rule as the back-office (chaleur.pro_access): a collectivité reads its territory's demands.
    client.force_login(collectivite_make(["49007"]))
    assert f'data-demands-url="{GEOJSON}"' in client.get(MAP).content.decode()


def test_the_layer_serves_the_operator_own_demands_with_what_the_popup_shows(client, operator):
    other = network_make(national_id="6901C", line=[(4.83, 45.76), (4.84, 45.76)])
    mine = DemandFactory(network=operator.network, address="10 rue Mienne", status="etude_en_cours")
    DemandFactory(network=other, address="99 rue Autre")
    DemandFactory(network=None, address="55 rue Sans Réseau")
    client.force_login(operator.user)
    [feature] = client.get(GEOJSON).json()["features"]
    assert feature["properties"]["id"] == mine.pk
    assert feature["properties"]["address"] == "10 rue Mienne"
    assert feature["properties"]["status"] == "Étude en cours"
    assert feature["properties"]["url"] == reverse("chaleur:pro_demand_detail", args=[mine.pk])


def test_the_layer_data_is_refused_to_anonymous_visitors(client):
    response = client.get(GEOJSON)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
