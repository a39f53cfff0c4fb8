"""The public map for an operator: "Mes demandes" on top of the networks, with a popup leading to
the demand in the back-office; anonymous visitors get no such layer and make no such request."""

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
def demo(settings):
    settings.MAP_TILES_URL = ""  # no outside tile server
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
