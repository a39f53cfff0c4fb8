"""The journeys of issue 15 in a browser: a network's page and its correction, the comparator, a
partner's embed framed by its site (and refused elsewhere), the requester's space, a city page."""

import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client
from playwright.sync_api import expect

from tests.a11y import crawl
from tests.e2e.conftest import screenshot
from tests.personas import login
from tests.platform.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.products.chaleur.factories import DemandFactory
from transition.platform.geo.models import Commune, Departement, Region
from transition.products.chaleur.demo.network_pages import load_network_pages
from transition.products.chaleur.demo.networks import load_networks
from transition.products.chaleur.enums import DemandEventKind, Role
from transition.products.chaleur.models import DemandEvent, EmbedPartner, Network, NetworkOperator

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(settings):
    settings.MAP_TILES_URL = ""  # no outside tile server
    load_networks()
    return Network.objects.get(national_id="4902C")


def sign_in(page, live_server, user, *, verified=False) -> None:
    client = login(Client(), user, verified=verified)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_network_page_correction_accepted_by_staff(page, live_server, demo, charlie):
    operator = UserFactory(email="gestionnaire@reseau.example")
    organisation = OrganisationFactory(name="Énergies Angevines")
    MembershipFactory(user=operator, organisation=organisation, product="chaleur", role=Role.GESTIONNAIRE)
    NetworkOperator.objects.create(organisation=organisation, network=demo)

    sign_in(page, live_server, operator)
    page.goto(f"/chaleur/reseaux/{demo.national_id}")
    expect(page.locator("#network-map")).to_have_attribute("data-feature-count", "1")
    page.locator("#network-correct-link").click()
    page.get_by_label("Adresse électronique de contact").fill("raccordement@energies-angevines.fr")
    page.get_by_label("Justification").fill("Adresse du service raccordement depuis janvier.")
    page.get_by_role("button", name="Envoyer la correction").click()
    expect(page.get_by_text("l’équipe la vérifie avant de l’appliquer")).to_be_visible()
    screenshot(page, "chaleur-correction-sent")

    page.context.clear_cookies()
    sign_in(page, live_server, charlie, verified=True)
    page.goto("/chaleur/pro/corrections")
    page.locator("#corrections-pending a").first.click()
    expect(page.locator("#correction-changes")).to_contain_text("raccordement@energies-angevines.fr")
    page.get_by_role("button", name="Accepter et appliquer").click()
    expect(page.get_by_text("Correction acceptée")).to_be_visible()

    page.context.clear_cookies()
    page.goto(f"/chaleur/reseaux/{demo.national_id}")
    expect(page.locator("#network-contact")).to_contain_text("raccordement@energies-angevines.fr")


def test_comparator(page, live_server, demo):
    page.goto("/chaleur/comparateur")
    page.get_by_label("Nombre de logements").fill("40")
    page.get_by_label("Identifiant du réseau de chaleur (facultatif)").fill(demo.national_id)
    page.get_by_role("button", name="Comparer").click()
    expect(page.locator("#comparator-table tbody tr")).not_to_have_count(0)
    page.get_by_role("button", name="Hypothèses et sources").click()
    expect(page.locator("#comparator-assumptions")).to_contain_text("Base Empreinte 2023")
    screenshot(page, "chaleur-comparator")


@contextmanager
def host_page(html: str):
    """A partner's site: a real server on the loopback (Chromium blocks a page that is not on a local
    address from framing one that is), answering `html` at every path."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = html.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_embed_framed_by_its_partner_and_refused_elsewhere(page, live_server, demo):
    embed = f"{live_server.url}/chaleur/integration/angers/formulaire"
    html = f'<!doctype html><title>Partenaire</title><iframe id="f" src="{embed}" width="600" height="600"></iframe>'
    with host_page(html) as partner_site, host_page(html) as other_site:
        EmbedPartner.objects.create(name="Angers Loire Métropole", slug="angers", origins=[partner_site])
        # The browser fixture refuses every request outside the live server: these two sites are ours.
        for site in (partner_site, other_site):
            page.route(f"{site}/**", lambda route: route.continue_())
        page.goto(partner_site)
        expect(
            page.frame_locator("#f").get_by_text("Un réseau de chaleur passe-t-il près de chez vous ?")
        ).to_be_visible()
        screenshot(page, "chaleur-embed")

        page.goto(other_site)
        page.wait_for_timeout(1000)
        assert all("Un réseau de chaleur" not in frame.content() for frame in page.frames[1:])
        refused = [p for p in page.problems if "frame-ancestors" in p]
        assert refused, page.problems
        page.problems.clear()  # the refusal is what this test wanted


def test_requester_space(page, live_server, demo):
    requester = UserFactory(email="camille@example.fr")
    demand = DemandFactory(email="camille@example.fr", network=demo, status="etude_en_cours")
    DemandEvent.objects.create(
        demand=demand, kind=DemandEventKind.EMAIL, text="Pouvez-vous nous envoyer vos factures ?"
    )
    sign_in(page, live_server, requester)
    page.goto("/chaleur/mes-demandes")
    page.get_by_role("link", name=demand.reference).click()
    expect(page.locator("#requester-status")).to_have_text("Étude en cours")
    expect(page.locator("#requester-timeline")).to_contain_text("Pouvez-vous nous envoyer vos factures ?")
    page.get_by_label("Votre message au gestionnaire du réseau").fill("Les voici en pièce jointe par courriel.")
    page.get_by_role("button", name="Envoyer").click()
    expect(page.get_by_text("Message envoyé au gestionnaire du réseau.")).to_be_visible()
    expect(page.locator("#requester-timeline")).to_contain_text("Les voici")


def test_city_page(page, live_server, demo):
    region, _ = Region.objects.get_or_create(code="52", defaults={"name": "Pays de la Loire"})
    departement, _ = Departement.objects.get_or_create(code="49", defaults={"name": "Maine-et-Loire", "region": region})
    Commune.objects.get_or_create(
        code="49007", defaults={"name": "Angers", "search_name": "angers", "departement": departement}
    )
    page.goto("/chaleur/villes/angers")
    expect(page.get_by_role("heading", name="Les réseaux de chaleur à Angers")).to_be_visible()
    expect(page.locator("#city-networks")).not_to_have_count(0)
    screenshot(page, "chaleur-city")


def test_embedded_map_draws_the_partners_networks(page, live_server, demo):
    partner = EmbedPartner.objects.create(
        name="Angers Loire Métropole", slug="angers", origins=["https://www.angers.fr"]
    )
    partner.networks.add(demo)
    page.goto("/chaleur/integration/angers/carte")
    expect(page.locator("#embed-map")).to_have_attribute("data-network-count", "1")
    expect(page.locator("#embed-network-list")).to_contain_text(demo.name)


def test_the_new_pages_pass_axe(page, live_server, demo):
    """axe-core (WCAG 2.1 A and AA, desktop and phone) on the pages of issue 15; the site-wide
    crawl (test_accessibility.py) reaches most of them too, this one is quick to run alone."""
    load_network_pages()
    region, _ = Region.objects.get_or_create(code="52", defaults={"name": "Pays de la Loire"})
    departement, _ = Departement.objects.get_or_create(code="49", defaults={"name": "Maine-et-Loire", "region": region})
    Commune.objects.get_or_create(
        code="49007", defaults={"name": "Angers", "search_name": "angers", "departement": departement}
    )
    requester = UserFactory(email="camille@example.fr")
    DemandFactory(email="camille@example.fr", network=demo, status="etude_en_cours")
    starts = [
        "/chaleur/comparateur?type=residentiel&logements=30&dpe=D&chauffage=collectif&actuel=gaz_coll_cond&reseau=4901C&tous=on",
        "/chaleur/villes",
        "/chaleur/villes/angers",
        "/chaleur/reseaux/4901C",
        "/chaleur/integration/demo/formulaire",
        "/chaleur/integration/demo/carte",
    ]
    checked, violations = crawl(page, starts, limit=len(starts))
    sign_in(page, live_server, requester)
    more, found = crawl(page, ["/chaleur/mes-demandes"], limit=2)
    checked += more
    violations += found
    page.problems[:] = [p for p in page.problems if "Failed to load resource" not in p]
    assert len(checked) >= 7, checked
    assert not violations, "\n".join(violations)
