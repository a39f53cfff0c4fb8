"""The comparator's page: a blank form, a result with every assumption, the network's own figures,
French errors."""

import pytest
from django.urls import reverse

from transition.products.chaleur.models import Network

pytestmark = pytest.mark.django_db
URL = reverse("chaleur:comparator")


def test_blank_form(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Comparer le coût et les émissions" in response.text
    assert 'id="comparator-table"' not in response.text


def test_result_with_a_network(client):
    Network.objects.create(
        import_key="id:4901C",
        national_id="4901C",
        name="Réseau de la Roseraie",
        average_price_eur_per_mwh=90.0,
        average_price_housing_eur_per_mwh=85.0,
        co2_kg_per_kwh=0.09,
    )
    response = client.get(
        URL,
        {"type": "residentiel", "logements": 30, "dpe": "D", "chauffage": "collectif", "reseau": "4901c", "tous": "on"},
    )
    html = response.text
    assert response.status_code == 200 and 'id="comparator-table"' in html
    assert 'data-mode="reseau"' in html and 'data-mode="pac_air_eau_coll"' in html
    assert "Prix de la chaleur de « Réseau de la Roseraie »" in html and "85 € TTC/MWh" in html
    assert "Base Empreinte 2023" in html and "FEDENE 2024" in html
    assert "Par logement" in html


def test_fossil_only_when_not_everything(client):
    html = client.get(URL, {"type": "residentiel", "logements": 10, "dpe": "E", "chauffage": "collectif"}).text
    assert 'data-mode="gaz_coll_cond"' in html and 'data-mode="pac_air_eau_coll"' not in html
    assert "Prix non publié" in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"type": "tertiaire", "activite": "bureaux"}, "Indiquez la surface chauffée"),
        ({"type": "residentiel", "dpe": "D"}, "Indiquez le nombre de logements"),
        ({"type": "residentiel", "logements": "abc"}, "Saisissez un nombre entier"),
        ({"type": "residentiel", "logements": 3, "reseau": "9999Z"}, "Aucun réseau de chaleur n’a cet identifiant"),
        ({"type": "villa"}, "Sélectionnez un choix valide"),
    ],
)
def test_errors_in_french(client, params, message):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert message in response.text
    assert response.text.count("<title>Erreur") == 1


def test_gap_with_the_current_heating(client):
    params = {"type": "residentiel", "logements": 20, "dpe": "E", "chauffage": "collectif", "actuel": "fioul_coll"}
    html = client.get(URL, params).text
    assert "Écart avec le chauffage actuel" in html and "actuel</span>" in html
    # Not among the modes shown: no gap column rather than empty cells.
    html = client.get(URL, {**params, "actuel": "pac_air_eau_indiv"}).text
    assert "Écart avec le chauffage actuel" not in html
