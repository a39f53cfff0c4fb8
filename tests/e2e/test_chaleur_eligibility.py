"""Test an address in the browser and read the answer; the map, the networks, a network's page.

Every page is watched by the `page` fixture: a console error or a CSP violation fails the test.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.products.chaleur.factories import demo_geocoder
from transition.platform.geo.projection import to_wgs84
from transition.products.chaleur.demo.networks import load_networks

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(monkeypatch, settings):
    settings.MAP_TILES_URL = ""  # no outside tile server: the networks alone
    demo_geocoder(monkeypatch)  # the live server runs in this process: it answers from the table
    load_networks()


def test_test_an_address_and_read_the_result(page, demo):
    page.goto("/chaleur/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Un réseau de chaleur passe-t-il près de chez vous")
    screenshot(page, "chaleur-home")

    page.get_by_label("Adresse du bâtiment").press_sequentially("1 rue de la dé", delay=20)
    suggestion = page.get_by_role("option", name="1 rue de la Démo 49000 Angers")
    expect(suggestion).to_be_visible()
    suggestion.click()
    page.get_by_text("Chauffage collectif").click()
    page.get_by_role("button", name="Tester cette adresse").click()

    expect(page).to_have_url(re.compile(r"/chaleur/resultat\?"))
    result = page.locator("#chaleur-result")
    expect(result).to_have_attribute("data-eligibility-type", "dans_pdp_reseau_existant")
    expect(result.get_by_role("heading")).to_have_text(
        "Bonne nouvelle : votre adresse est raccordable à un réseau de chaleur"
    )
    facts = page.locator("#chaleur-network-facts")
    expect(facts).to_contain_text("Réseau de chaleur de Belle-Beille (4901C)")
    expect(facts).to_contain_text("Énergies Angevines")
    expect(facts).to_contain_text("72 %")
    expect(page.locator("#chaleur-pdp")).to_contain_text("Une obligation de raccordement peut s’appliquer")
    screenshot(page, "chaleur-result")


def test_a_typed_address_is_geocoded_by_the_server(page, demo):
    page.goto("/chaleur/")
    page.get_by_label("Adresse du bâtiment").fill("8 rue de la démo")
    page.get_by_text("Chauffage individuel").click()
    page.get_by_role("button", name="Tester cette adresse").click()
    expect(page.locator("#chaleur-result")).to_have_attribute("data-eligibility-type", "trop_eloigne")
    expect(page.locator("#chaleur-result")).to_contain_text("Aucun réseau de chaleur connu à proximité")


def test_unknown_address_says_so(page, demo):
    page.goto("/chaleur/")
    page.get_by_label("Adresse du bâtiment").fill("999 chemin introuvable")
    page.get_by_role("button", name="Tester cette adresse").click()
    expect(page.locator("#chaleur-adresse-error")).to_contain_text("Adresse introuvable : vérifiez-la")


def test_map_shows_the_networks_and_a_card(page, demo):
    # Leaflet draws on a canvas (preferCanvas): wait for the layers' answers.
    with page.expect_response(lambda r: "/chaleur/api/v1/map/chaleur" in r.url and r.status == 200):
        page.goto("/chaleur/carte?lat=47.4786&lon=-0.5938&zoom=15")
    expect(page.locator("#chaleur-map-status")).to_have_text("")
    page.wait_for_timeout(300)  # the canvas redraws after the last layer arrives
    screenshot(page, "chaleur-map")
    expect(page.locator("#chaleur-map-search-error")).to_be_hidden()
    # A click on the trace opens the network's card, with a link to its page.
    lon, lat = to_wgs84(429269 + 125, 6714903 + 20)  # on the first leg of the Belle-Beille trace
    x, y = page.evaluate(
        "([lat, lon]) => { const p = document.getElementById('chaleur-map').leafletMap"
        ".latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
        [lat, lon],
    )
    box = page.locator("#chaleur-map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    card = page.locator(".chaleur-card")
    expect(card).to_contain_text("Réseau de chaleur de Belle-Beille")
    expect(card.get_by_role("link", name="Voir la fiche du réseau")).to_have_attribute("href", "/chaleur/reseaux/4901C")
    page.keyboard.press("Escape")
    page.get_by_label("Centrer la carte sur une adresse").fill("2 rue de la démo")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.locator(".leaflet-popup-content", has_text="2 rue de la Démo 49000 Angers")).to_be_visible()


def test_networks_list_and_page(page, demo):
    page.goto("/chaleur/reseaux")
    expect(page.locator("#network-count")).to_have_text("5 réseaux")
    page.get_by_label("Rechercher un réseau, une commune, un gestionnaire ou un identifiant").fill("Belle-Beille")
    page.get_by_role("button", name="Afficher").click()
    expect(page.locator("#network-count")).to_have_text("1 réseau")
    page.get_by_role("link", name="Réseau de chaleur de Belle-Beille").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Réseau de chaleur de Belle-Beille")
    expect(page.locator("#network-energy-mix")).to_contain_text("Biomasse")
    screenshot(page, "chaleur-network")
