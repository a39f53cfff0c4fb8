"""CoMobi in the browser: a driver offers a regular trip and a passenger finds and contacts
them; a mediator enters a phoned-in request, confirms a trip, marks it done, and the figures
move."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.e2e.conftest import screenshot
from tests.platform.accounts.factories import UserFactory
from tests.products.comobi.factories import PersonFactory, mediator_make, offer_make, territory_make
from transition.products.comobi.enums import CarpoolStatus, RequestStatus
from transition.products.comobi.models import Carpool, Offer, TripRequest
from transition.products.comobi.selectors.matching import index_forget

pytestmark = pytest.mark.e2e


@pytest.fixture
def territory(transactional_db):
    index_forget()
    yield territory_make(slug="causses", name="Causses du Quercy")
    index_forget()


def sign_in(page, live_server, user) -> None:
    """The session of a signed-in user, injected into the browser (sign-in is tested elsewhere)."""
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def pick_place(page, field_id: str, typed: str, label: str) -> None:
    """Type in a place field and choose in the list the territory's names come first in."""
    page.fill(f"#{field_id}", typed)
    page.locator(f"#{field_id.removesuffix('_0')}-suggestions [role=option]", has_text=label).first.click()


def tick(page, input_id: str) -> None:
    """DSFR draws checkboxes and radios over their label: a person clicks the label."""
    page.click(f"label[for={input_id}]")


def monday_after(days: int = 7):
    day = timezone.localdate() + timedelta(days=days)
    return day + timedelta(days=(7 - day.weekday()) % 7)


def test_a_driver_offers_a_regular_trip_and_a_passenger_finds_and_contacts_them(page, live_server, territory):
    driver = UserFactory(email="josiane.delmas@exemple.fr", given_name="Josiane", family_name="Delmas")
    sign_in(page, live_server, driver)
    page.goto("/comobi/causses/")
    page.click("text=Proposer un trajet")
    # first time here: who are you, how to reach you (then back to the offer)
    page.fill("#id_phone", "06 12 34 56 78")
    tick(page, "id_direct_contact")
    tick(page, "terms")
    page.click("button:has-text('Enregistrer')")
    page.wait_for_url("**/conducteur/nouveau/")
    pick_place(page, "id_origin_0", "Gram", "Gramat")
    pick_place(page, "id_destination_0", "hopital", "Hôpital de Figeac")
    tick(page, "id_weekdays_0")
    tick(page, "id_weekdays_3")
    page.fill("#id_departure_time", "07:45")
    page.fill("#id_return_time", "17:30")
    page.fill("#id_max_extra_minutes", "15")
    screenshot(page, "comobi-offre")
    page.click("button:has-text('Enregistrer le trajet')")
    page.wait_for_url("**/conducteur/")
    assert "Gramat → Hôpital de Figeac" in page.inner_text("main")
    assert "Lundi et jeudi" in page.inner_text("main")
    offer = Offer.objects.get()
    assert offer.weekdays == 0b1001

    passenger = UserFactory(email="marcel.lacoste@exemple.fr", given_name="Marcel", family_name="Lacoste")
    sign_in(page, live_server, passenger)
    page.goto("/comobi/causses/recherche/")
    pick_place(page, "id_origin_0", "Gram", "Gramat")
    pick_place(page, "id_destination_0", "Figeac", "Figeac")
    page.fill("#id_day", monday_after().isoformat())
    page.click("button:has-text('Rechercher')")
    results = page.inner_text("main")
    assert "Josiane D." in results and "Delmas" not in results and "06 12 34 56 78" not in results
    assert "Moins de 5 minutes de détour" in results
    screenshot(page, "comobi-recherche")
    page.click("text=Enregistrer ma demande")
    page.fill("#id_phone", "07 12 23 34 45")
    tick(page, "terms")
    page.click("button:has-text('Enregistrer')")
    page.wait_for_url("**/demandes/nouvelle/**")
    page.click("button:has-text('Voir les conducteurs')")
    page.wait_for_url("**/demandes/*/")
    page.click("button:has-text('Voir ses coordonnées')")
    assert "06 12 34 56 78" in page.inner_text("#coordonnees ~ div")
    screenshot(page, "comobi-coordonnees")
    request = TripRequest.objects.get()
    assert request.status == RequestStatus.RECHERCHE


def test_a_mediator_enters_a_phoned_in_request_confirms_a_trip_marks_it_done_and_the_figures_move(
    page, live_server, territory
):
    mediator = mediator_make(territory, given_name="Martine", family_name="Lacombe", email="martine@causses.example.fr")
    driver = PersonFactory(
        territory=territory, first_name="Thierry", last_name="Bouscarel", direct_contact_consent_at=None
    )
    offer_make(driver, "Assier", "Figeac", weekdays=tuple(range(7)))  # every day
    sign_in(page, live_server, mediator)
    page.goto("/stats/comobi/")
    done_before = page.locator(".impact-figure, .fr-card", has_text="Trajets effectués").first.inner_text()

    page.goto("/comobi/causses/mediation/")
    page.click("a:has-text('Saisir un appel')")
    page.fill("#id_p-first_name", "Yvette")
    page.fill("#id_p-last_name", "Pradel")
    page.fill("#id_p-phone", "05 65 34 12 01")
    tick(page, "id_p-data_consent")
    pick_place(page, "id_r-origin_0", "Livern", "Livernon")
    pick_place(page, "id_r-destination_0", "hopital", "Hôpital de Figeac")
    page.fill("#id_r-day", timezone.localdate().isoformat())
    page.select_option("#id_r-reason", "medical")
    page.click("button:has-text('Enregistrer et chercher un conducteur')")
    page.wait_for_url("**/mediation/demandes/*/")
    main = page.inner_text("main")
    assert "Thierry Bouscarel" in main and driver.phone[3:5] in main.replace(" ", "")
    screenshot(page, "comobi-mediation-demande")
    block = page.locator(".comobi-result", has_text="Thierry Bouscarel").first
    block.locator("select[name=answer]").select_option("accepte")
    block.locator("button:has-text('Noter ce contact')").click()
    page.wait_for_url("**/mediation/demandes/*/**")
    block = page.locator(".comobi-result", has_text="Thierry Bouscarel").first
    block.locator("input[name=day]").fill(timezone.localdate().isoformat())
    block.locator("input[name=pickup_time]").fill("23:30")
    block.locator("button:has-text('Confirmer ce trajet')").click()
    assert "Trajet confirmé" in page.inner_text(".fr-alert--success")
    page.click("button:has-text('Effectué')")
    assert Carpool.objects.get().status == CarpoolStatus.EFFECTUEE
    assert TripRequest.objects.get().status == RequestStatus.CLOSE

    page.goto("/stats/comobi/")
    done_after = page.locator(".impact-figure, .fr-card", has_text="Trajets effectués").first.inner_text()
    assert done_after != done_before and "1" in done_after
    screenshot(page, "comobi-statistiques")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_territory_page_blocks_do_not_run_over_the_footer(page, live_server, territory, width):
    """The "Proposer un trajet" block sat in a DSFR card that stretched over the footer."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/comobi/causses/")
    box = page.locator("main").get_by_role("link", name="Proposer un trajet")
    links = page.locator("main").get_by_role("link", name="Conditions d’utilisation")
    footer_top = page.locator("footer").first.bounding_box()["y"]
    assert box.bounding_box()["y"] < links.bounding_box()["y"] < footer_top
    block = page.locator(".comobi-box")
    assert block.bounding_box()["y"] + block.bounding_box()["height"] < links.bounding_box()["y"]
    screenshot(page, f"comobi-territory-{width}")
