"""The public map: its base map (the Géoplateforme's tiles, intercepted: never the internet) or,
offline, a notice and names on the map; cards that stay open; the list beside the map, filtered
like it. For an operator: "Mes demandes" on top of the networks, with a card leading to the demand
in the back-office; anonymous visitors get no such layer and make no such request."""

import json

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.platform.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.products.chaleur.factories import DemandFactory
from transition.products.chaleur.demo.networks import load_networks
from transition.products.chaleur.enums import Role
from transition.products.chaleur.models import Network, NetworkOperator

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROSERAIE = (-0.54408, 47.44693)  # about 40 m from the demo network 4902C
GEOJSON = "/chaleur/pro/demandes/carte.geojson"


@pytest.fixture
def demo():
    load_networks()


def sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def click_at(page, lon: float, lat: float) -> None:
    x, y = page.evaluate(
        "([lat, lon]) => { const p = document.getElementById('chaleur-map').leafletMap"
        ".latLngToContainerPoint([lat, lon]); return [p.x, p.y]; }",
        [lat, lon],
    )
    box = page.locator("#chaleur-map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_an_operator_sees_their_demands_on_the_map(page, live_server, demo):
    roseraie = Network.objects.get(national_id="4902C")
    operator = UserFactory(email="gestionnaire@reseau.example")
    organisation = OrganisationFactory(name="Énergies Angevines")
    MembershipFactory(user=operator, organisation=organisation, product="chaleur", role=Role.GESTIONNAIRE)
    NetworkOperator.objects.create(organisation=organisation, network=roseraie)
    lon, lat = ROSERAIE
    demand = DemandFactory(
        network=roseraie, address="12 Rue de la Roseraie 49000 Angers", lon=lon, lat=lat, status="etude_en_cours"
    )
    DemandFactory(network=None, address="1 rue d’ailleurs 38000 Grenoble")  # not theirs

    sign_in(page, live_server, operator)
    with page.expect_response(lambda r: GEOJSON in r.url and r.status == 200):
        page.goto(f"/chaleur/carte?lat={lat}&lon={lon}&zoom=16")
    expect(page.locator("#chaleur-map")).to_have_attribute("data-demands-count", "1")
    expect(page.get_by_label("Mes demandes")).to_be_checked()
    page.wait_for_timeout(300)  # the canvas redraws
    screenshot(page, "chaleur-map-operateur")

    click_at(page, lon, lat)
    card = page.locator(".chaleur-card")
    expect(card).to_contain_text("Statut : Étude en cours")
    expect(card).to_contain_text("12 Rue de la Roseraie 49000 Angers")
    expect(card.get_by_role("link", name="Ouvrir la demande")).to_have_attribute(
        "href", f"/chaleur/pro/demandes/{demand.pk}"
    )
    page.keyboard.press("Escape")

    # The toggle hides the layer: a click on the same spot no longer opens the demand.
    page.get_by_label("Mes demandes").uncheck(force=True)  # DSFR draws the box over the input
    page.wait_for_timeout(300)
    click_at(page, lon, lat)
    expect(page.locator(".chaleur-card", has_text="Demande n°")).to_have_count(0)


def test_an_anonymous_visitor_gets_no_demands_layer(page, demo):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    with page.expect_response(lambda r: "/chaleur/api/v1/map/chaleur" in r.url and r.status == 200):
        page.goto("/chaleur/carte?lat=47.4469&lon=-0.5441&zoom=15")
    expect(page.locator("#chaleur-map-status")).to_have_text("")
    expect(page.locator("#layer-demandes")).to_have_count(0)
    assert not [url for url in requests if "/pro/" in url]


def test_the_base_map_is_plan_ign_with_its_attribution_and_french_controls(page, demo):
    with page.expect_response(lambda r: "/chaleur/api/v1/map/chaleur" in r.url and r.status == 200):
        page.goto("/chaleur/carte?lat=47.4469&lon=-0.5441&zoom=15")
    expect(page.locator(".leaflet-tile-loaded").first).to_be_attached()
    tiles = [url for url in page.outside_requests if url.startswith("https://data.geopf.fr/wmts?")]
    assert tiles and all("LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2" in url for url in tiles)
    assert set(page.outside_requests) == set(tiles)  # nothing else left the site
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("© IGN – Plan IGN")
    expect(page.get_by_role("button", name="Zoom avant")).to_be_visible()
    expect(page.get_by_role("button", name="Zoom arrière")).to_be_visible()
    expect(page.locator(".transition-map-offline")).to_have_count(0)
    screenshot(page, "chaleur-map-fond")


def test_offline_the_map_says_so_and_names_what_it_draws(page, demo):
    page.tiles_offline = True
    page.goto("/chaleur/carte?lat=47.4469&lon=-0.5441&zoom=14")
    expect(page.locator(".transition-map-offline")).to_contain_text("Le fond de carte ne s’affiche pas")
    expect(page.locator(".transition-map-label", has_text="Réseau de chaleur de la Roseraie").first).to_be_visible()
    screenshot(page, "chaleur-map-hors-ligne")
    # The failed tiles are the expected console errors; anything else (CSP, script) still fails.
    page.problems[:] = [p for p in page.problems if "Failed to load resource" not in p]


def test_a_card_stays_open_while_the_map_moves_and_reloads(page, demo):
    lon, lat = ROSERAIE
    with page.expect_response(lambda r: "/chaleur/api/v1/map/chaleur" in r.url and r.status == 200):
        page.goto(f"/chaleur/carte?lat={lat}&lon={lon}&zoom=16")
    page.wait_for_timeout(300)
    page.get_by_role("button", name="Voir sur la carte : Réseau de chaleur de la Roseraie").click()
    card = page.locator(".leaflet-popup .chaleur-card")
    expect(card).to_contain_text("Réseau de chaleur de la Roseraie")
    # The map moves (the card's pan, a drag): the layers reload, the card stays.
    with page.expect_response(lambda r: "/chaleur/api/v1/map/chaleur" in r.url and r.status == 200):
        page.evaluate("document.getElementById('chaleur-map').leafletMap.panBy([30, 20])")
    page.wait_for_timeout(300)
    expect(card).to_be_visible()
    # (dispatched: after the pan, the top of the card may sit under the search bar above the map)
    page.get_by_role("button", name="Fermer la fiche").dispatch_event("click")
    expect(card).to_have_count(0)


def test_the_list_beside_the_map_has_every_layer_and_follows_the_filters(page, demo):
    with page.expect_response(lambda r: "/chaleur/api/v1/map/pdp" in r.url and r.status == 200):
        page.goto("/chaleur/carte?lat=47.47&lon=-0.56&zoom=12")
    listing = page.locator("#chaleur-map-list")
    for heading in ("Réseaux de chaleur", "Réseaux en construction", "Périmètres de développement prioritaire"):
        expect(listing.get_by_role("heading", name=heading)).to_be_visible()
    expect(listing).to_contain_text("Réseau de chaleur de la Roseraie")
    expect(listing).to_contain_text("PDP — Réseau de chaleur de Belle-Beille")
    expect(listing).to_contain_text("Monplaisir")
    screenshot(page, "chaleur-map-liste")
    # A filter the Roseraie network does not meet takes it off the map and the list.
    page.get_by_label("Contenu CO₂ au plus (g/kWh)").fill("1")
    page.get_by_label("Contenu CO₂ au plus (g/kWh)").press("Enter")
    expect(listing).not_to_contain_text("Réseau de chaleur de la Roseraie")
    # Unticking a layer takes its section off the list.
    page.locator("label[for='layer-pdp']").click()
    expect(listing.get_by_role("heading", name="Périmètres de développement prioritaire")).to_have_count(0)


def test_the_geocoder_s_label_is_shown_as_text_not_html(page, demo):
    """Issue 9, finding 11: the label found by the address search went into the popup as HTML."""
    label = '<img src="/x" id="injecte">8 Rue de la Roseraie 49100 Angers'
    page.route(
        "**/chaleur/api/v1/address-search*",
        lambda route: route.fulfill(
            status=200,
            content_type="application/json",
            body=json.dumps([{"label": label, "citycode": "49007", "lon": -0.54408, "lat": 47.44693}]),
        ),
    )
    page.goto("/chaleur/carte")
    page.fill("#chaleur-map-search input[name=q]", "8 rue de la roseraie angers")
    page.locator("#chaleur-map-search button[type=submit]").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text('<img src="/x" id="injecte">8 Rue de la Roseraie')
    expect(page.locator("#injecte")).to_have_count(0)
