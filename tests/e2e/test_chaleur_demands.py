"""Browser journeys of the demands side: a demand sent after a test, handled by the operator
(whose status change reaches the requester by email), and a bulk test from upload to XLSX."""

import io

import pytest
from django.core import mail
from django.test import Client
from openpyxl import load_workbook

from tests.e2e.conftest import screenshot
from tests.fakes.geocoder import FakeGeocoder, geocode_result
from tests.platform.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from transition.products.chaleur.demo.networks import load_networks
from transition.products.chaleur.enums import Role
from transition.products.chaleur.models import Demand, Network, NetworkOperator
from transition.products.chaleur.selectors.eligibility_index import reset_index

pytestmark = pytest.mark.e2e

ROSERAIE = (-0.54408, 47.44693)  # about 40 m from the demo network 4902C


@pytest.fixture
def demo_networks(transactional_db):
    load_networks()
    reset_index()
    yield
    reset_index()


def sign_in(page, live_server, user) -> None:
    """The session of a signed-in user, injected into the browser (OIDC is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_demand_sent_after_a_test_then_handled_by_the_operator(page, live_server, demo_networks, monkeypatch):
    # The demand's address is the reverse geocoder's for its position (never the link's label).
    FakeGeocoder({"12 rue de la roseraie": geocode_result("12 Rue de la Roseraie 49000 Angers", *ROSERAIE)}).install(
        monkeypatch
    )
    roseraie = Network.objects.get(national_id="4902C")
    operator = UserFactory(email="gestionnaire@reseau.example", given_name="Sophie", family_name="Lemaire")
    organisation = OrganisationFactory(name="Énergies Angevines")
    MembershipFactory(user=operator, organisation=organisation, role=Role.GESTIONNAIRE)
    NetworkOperator.objects.create(organisation=organisation, network=roseraie)

    # A person tested the address (chosen in the autocomplete list, hence its coordinates).
    lon, lat = ROSERAIE
    page.goto(
        f"/chaleur/resultat?adresse=12+rue+de+la+Roseraie&label=12+Rue+de+la+Roseraie+49000+Angers"
        f"&lon={lon}&lat={lat}&citycode=49007&chauffage=collectif"
    )
    page.click("#chaleur-ask")
    page.wait_for_url("**/chaleur/demande/**")
    assert "Réseau de chaleur de la Roseraie" in page.inner_text("main")
    page.fill("#id_first_name", "Camille")
    page.fill("#id_last_name", "Martin")
    page.fill("#id_email", "camille.martin@example.fr")
    page.select_option("#id_structure_type", "copropriete")
    page.select_option("#id_heating_energy", "gaz")
    page.fill("#id_dwellings_count", "48")
    page.check("#id_consent", force=True)
    screenshot(page, "chaleur-demande-formulaire")
    page.click("#demand-form button[type=submit]")
    page.wait_for_url("**/chaleur/demande/envoyee/")
    assert "Votre demande est envoyée" in page.inner_text("h1")
    screenshot(page, "chaleur-demande-envoyee")
    demand = Demand.objects.get()
    assert (demand.status, demand.network_id, demand.eligible) == ("a_traiter", roseraie.pk, True)
    assert mail.outbox[-1].to == ["camille.martin@example.fr"]

    # The operator signs in, finds the demand, changes its status.
    sign_in(page, live_server, operator)
    page.goto("/chaleur/pro/demandes")
    page.fill("#id_q", "Roseraie")
    page.click("form.pro-filters button[type=submit]")
    page.wait_for_selector(".leaflet-interactive")  # the demand on the map
    screenshot(page, "chaleur-pro-demandes")
    page.click("#demands-table a:has-text('12 Rue de la Roseraie')")
    page.wait_for_url(f"**/chaleur/pro/demandes/{demand.pk}")
    page.select_option("#status-form select[name=status]", "etude_en_cours")
    page.fill("#status-form textarea[name=comment]", "Visite technique le 12 décembre.")
    page.click("#status-form button[type=submit]")
    page.wait_for_selector("text=Statut changé : Étude en cours.")
    assert page.text_content("#demand-status") == "Étude en cours"  # (the badge shows it in capitals)
    screenshot(page, "chaleur-pro-demande-statut")
    email = mail.outbox[-1]
    assert email.to == ["camille.martin@example.fr"]
    assert "Étude en cours" in email.subject and "Visite technique" in email.body


def test_bulk_test_from_upload_to_xlsx(page, live_server, demo_networks, tmp_path):
    user = UserFactory(email="bureau@etudes.example")
    MembershipFactory(user=user, role=Role.PROFESSIONNEL)
    sign_in(page, live_server, user)
    source = tmp_path / "immeubles.csv"
    source.write_text("nom;latitude;longitude\nRoseraie;47,44693;-0,54408\nAvrillé;47,52;-0,635\n", encoding="utf-8")

    page.goto("/chaleur/pro/tests-adresses")
    page.set_input_files("#bulk-upload input[type=file]", str(source))
    page.click("#bulk-upload button[type=submit]")
    page.wait_for_url("**/colonnes")
    assert "Roseraie" in page.inner_text("#bulk-preview")
    screenshot(page, "chaleur-masse-colonnes")
    page.click("#bulk-reading button[type=submit]")  # read again with the settings shown: same reading
    page.wait_for_url("**/colonnes?**")
    assert "Roseraie" in page.inner_text("#bulk-preview")
    page.click("#bulk-mapping button[type=submit]")
    page.wait_for_selector("#bulk-download")
    screenshot(page, "chaleur-masse-resultats")
    assert "dont 1 éligible" in page.inner_text("main")
    with page.expect_download() as info:
        page.click("#bulk-download")
    with open(info.value.path(), "rb") as downloaded:
        workbook = load_workbook(io.BytesIO(downloaded.read()))
    rows = list(workbook["Résultats"].values)
    assert rows[1][3] == "Réseau existant très proche" and rows[1][8] == "4902C"
    assert rows[2][4] == "Non"
    assert "Légende" in workbook.sheetnames
    assert mail.outbox[-1].to == ["bureau@etudes.example"]
