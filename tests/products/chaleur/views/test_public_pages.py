"""Public pages: test an address, its result, the map, the list and a network's page."""

import re

import pytest
from django.urls import reverse

from transition.products.chaleur.demo.networks import load_networks
from transition.products.chaleur.domain.eligibility import EligibilityType
from transition.products.chaleur.domain.eligibility_messages import Heating, result_message
from transition.products.chaleur.models import Network

from ..factories import DEMO_KIND_OF, demo_geocoder

pytestmark = pytest.mark.django_db


@pytest.fixture
def geocoder(monkeypatch):
    return demo_geocoder(monkeypatch)


@pytest.fixture
def demo():
    load_networks()


def test_home_has_the_form(client):
    page = client.get(reverse("chaleur:home"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="adresse"' in html and 'value="collectif"' in html and 'value="individuel"' in html
    assert 'data-geo-url="/api/geo/search"' in html and "geo/address-autocomplete.js" in html


@pytest.mark.parametrize("address", sorted(DEMO_KIND_OF))
@pytest.mark.parametrize("heating", ["collectif", "individuel"])
def test_every_type_reads_in_french(client, demo, geocoder, address, heating):
    page = client.get(reverse("chaleur:eligibility_result"), {"adresse": address, "chauffage": heating})
    assert page.status_code == 200
    html = page.content.decode()
    kind = DEMO_KIND_OF[address]
    assert f'data-eligibility-type="{kind}"' in html
    message = result_message(EligibilityType(kind), Heating(heating), distance_m=None)
    assert message.title.replace("’", "&#x27;") in html or message.title in html
    if kind == "dans_pdp_reseau_existant":
        assert "obligation de raccordement peut s’appliquer" in html
        assert "Énergies Angevines" in html and "72 %" in html and "64 g/kWh" in html
        assert "Réseau classé" in html
    if kind != "trop_eloigne":
        assert "Réseau" in html or "réseau" in html


def test_result_from_a_chosen_suggestion_skips_geocoding(client, demo, monkeypatch):
    demo_geocoder(monkeypatch, broken=True)
    page = client.get(
        reverse("chaleur:eligibility_result"),
        {
            "adresse": "1 rue X Angers",
            "adresse_label": "1 rue X Angers",
            "adresse_lon": "-0.59380",
            "adresse_lat": "47.47860",
            "adresse_citycode": "49007",
        },
    )
    assert page.status_code == 200
    assert 'data-eligibility-type="dans_pdp_reseau_existant"' in page.content.decode()


def test_a_result_linked_with_its_position(client, demo, monkeypatch):
    demo_geocoder(monkeypatch, broken=True)  # no geocoding needed
    page = client.get(
        reverse("chaleur:eligibility_result"),
        {"adresse": "Rue X", "label": "1 rue X Angers", "lon": "-0.59380", "lat": "47.47860", "citycode": "49007"},
    )
    html = page.content.decode()
    assert 'data-eligibility-type="dans_pdp_reseau_existant"' in html and "1 rue X Angers" in html


def test_an_address_understood_otherwise_says_so_and_offers_the_candidates(client, demo):
    """The local geocoder of the demo: Angers has no rue des Lilas."""
    html = client.get(reverse("chaleur:eligibility_result"), {"adresse": "12 rue des Lilas, Angers"}).content.decode()
    assert 'Nous avons compris : <span id="chaleur-tested-address">12 Rue de Frémur 49000 Angers</span>' in html
    assert "Vous avez saisi « 12 rue des Lilas, Angers »" in html
    assert ">12 Rue de Normandie 49000 Angers</a>" in html  # another candidate, one click away
    assert "lon=" in html and "citycode=49007" in html
    assert 'href="/chaleur/?adresse=12+rue+des+Lilas%2C+Angers">Corriger l’adresse' in html
    retype = client.get("/chaleur/?adresse=12+rue+des+Lilas%2C+Angers").content.decode()
    assert 'value="12 rue des Lilas, Angers"' in retype


def test_the_forms_example_is_an_address_of_the_demo_understood_as_typed(client, demo):
    home = client.get(reverse("chaleur:home")).content.decode()
    example = home.split("par exemple : ")[1].split("<")[0].strip()
    html = client.get(reverse("chaleur:eligibility_result"), {"adresse": example}).content.decode()
    assert "Nous avons compris" not in html
    assert "12 Avenue Jean XXIII 49000 Angers" in html and 'data-eligibility-type="reseau_existant_tres_proche"' in html


def test_address_not_found(client, demo, geocoder):
    page = client.get(reverse("chaleur:eligibility_result"), {"adresse": "999 chemin inconnu"})
    assert page.status_code == 200
    assert "Adresse introuvable : vérifiez-la ou choisissez-la dans la liste proposée." in page.content.decode()


def test_geocoder_down(client, demo, monkeypatch):
    demo_geocoder(monkeypatch, broken=True)
    page = client.get(reverse("chaleur:eligibility_result"), {"adresse": "1 rue de la démo"})
    assert "La recherche d&#x27;adresse est indisponible pour le moment" in page.content.decode()


def test_demand_button_links_with_the_address(client, demo, geocoder):
    page = client.get(reverse("chaleur:eligibility_result"), {"adresse": "1 rue de la démo", "chauffage": "individuel"})
    html = page.content.decode()
    try:
        url = reverse("chaleur:demand_create")
    except Exception:
        pytest.skip("la demande de raccordement n’est pas encore branchée")
    assert (
        f'href="{url}?lat=47.4786&amp;lon=-0.5938&amp;label=1+rue+de+la+D%C3%A9mo+49000+Angers&amp;citycode=49007&amp;heating=individuel"'
        in html
    )


def test_map_page_loads_leaflet_from_the_app_and_the_platform_base_map(client, settings):
    html = client.get(reverse("chaleur:map")).content.decode()
    assert "/static/leaflet/leaflet.js" in html and "geo/basemap.js" in html and "chaleur/map.js" in html
    assert 'data-tiles-url="https://data.geopf.fr/wmts?' in html
    assert 'data-tiles-attribution="© IGN – Plan IGN (Géoplateforme)"' in html
    scripts = re.findall(r'<script[^>]+src="([^"]+)"', html)  # a random nonce may spell "cdn"
    assert scripts and all(src.startswith("/static/") for src in scripts)
    settings.MAP_TILES_URL = ""  # no base map: said by the map itself (basemap.js)
    assert 'data-tiles-url=""' in client.get(reverse("chaleur:map")).content.decode()


def test_network_list_search_sort_and_paging(client, demo):
    html = client.get(reverse("chaleur:network_list")).content.decode()
    assert "5 réseaux" in html and "Réseau de chaleur de Belle-Beille" in html
    html = client.get(reverse("chaleur:network_list"), {"q": "roseraie"}).content.decode()
    assert "1 réseau" in html and "Belle-Beille" not in html
    html = client.get(reverse("chaleur:network_list"), {"tri": "enr"}).content.decode()
    assert html.index("Belle-Beille") < html.index("Roseraie") < html.index("Trélazé")
    html = client.get(reverse("chaleur:network_list"), {"type": "froid"}).content.decode()
    assert "1 réseau" in html and "Saint-Serge" in html
    for i in range(30):
        Network.objects.create(import_key=f"t{i}", national_id=f"99{i:02d}C", name=f"Réseau test {i}")
    html = client.get(reverse("chaleur:network_list"), {"q": "test"}).content.decode()
    assert "Page suivante" in html and "page=2" in html


def test_network_page(client, demo):
    page = client.get(reverse("chaleur:network_detail", args=["4901C"]))
    assert page.status_code == 200
    html = page.content.decode()
    for text in (
        "Biomasse",
        "63,3 %",
        "Résidentiel",
        "88,4 € TTC/MWh",
        "64 g/kWh",
        "Réseau classé",
        "Périmètre de développement prioritaire",
        "Énergies Angevines",
    ):
        assert text in html, text
    assert client.get(reverse("chaleur:network_detail", args=["0000C"])).status_code == 404


def test_network_list_sorts_names_as_french_readers_expect(client, demo):
    html = client.get(reverse("chaleur:network_list")).content.decode()
    assert html.index("Réseau de chaleur de la Roseraie") < html.index("Réseau de chaleur de Trélazé")
