"""The Friches journey in a browser: a commune registers a site (the map places it and draws its
outline), opens a project and answers the questionnaire, sees the steps with contacts and funds and
the fit of each use; an advisor of the territory joins and recommends; the commune marks a step done;
the stats move."""

import pytest
from django.test import Client

from tests.e2e.conftest import screenshot
from tests.products.friches.factories import advisor, porteur
from transition.products.friches.demo import referentials, survey
from transition.products.friches.models import Project, ProjectStep, Site

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_a_commune_from_its_site_to_a_step_crossed_with_an_advisor(page, live_server):
    survey.load()
    referentials.load()
    mayor = porteur(email="maire@revin.example", given_name="Claire", family_name="Lambert")
    julien = advisor(email="julien@ddt08.example", given_name="Julien", family_name="Mercier")

    page.goto("/stats/friches/")
    assert page.locator("main").inner_text().count("Étapes franchies") >= 1

    # The commune registers its site: a click on the map places it, four clicks draw its outline.
    sign_in(page, live_server, mayor)
    page.goto("/friches/sites/nouveau/")
    page.fill("#id_name", "Ancienne fonderie des Hauts-Buttés")
    page.select_option("#id_site_type", "friche industrielle")
    page.fill("#id_commune_name", "Revin")
    page.fill("#id_commune_insee", "08363")
    page.fill("#id_lon", "4.6402")
    page.fill("#id_lat", "49.9386")
    page.evaluate("document.querySelector('[data-friches-picker]').leafletMap.setView([49.9386, 4.6402], 17)")
    page.click("#friches-draw")
    box = page.locator("[data-friches-picker]").bounding_box()
    for dx, dy in ((-80, -60), (80, -60), (80, 60), (-80, 60)):
        page.mouse.click(box["x"] + box["width"] / 2 + dx, box["y"] + box["height"] / 2 + dy)
    page.click("#friches-draw")
    assert page.input_value("#id_outline_wkt").startswith("POLYGON((")
    page.select_option("#id_owner_kind", "public")
    page.check("#id_intended_uses_5", force=True)  # renaturation
    screenshot(page, "friches-site-formulaire")
    page.click("#site-form button[type=submit]")
    page.wait_for_url("**/friches/sites/*/")
    site = Site.objects.get(name="Ancienne fonderie des Hauts-Buttés")
    assert site.outline is not None and site.surface_m2 > 1000
    assert "Quel usage convient à ce site" in page.inner_text("main")
    assert page.locator("#mutabilite table").first.locator("tbody tr").count() == 7

    # It opens a project and answers the questionnaire, pausing once.
    page.click("text=Ouvrir un projet sur ce site")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/questionnaire/*/")
    page.check("input[name=values][value=collectivite]", force=True)
    page.fill("#id_comment", "Acquis par la ville en 2019")
    page.click("button[name=pause]")
    page.wait_for_url("**/friches/projets/*/")
    project = Project.objects.get()
    page.click("text=Reprendre le questionnaire")
    answers = {
        "polluer": "suspectee",
        "diagnostic de pollution": "non",
        "état sont les bâtiments": "degrade",
        "amiante": "nsp",
    }
    for _ in range(12):
        if "/reponses/" in page.url:
            break
        heading = page.inner_text("h1")
        choice = next((value for words, value in answers.items() if words in heading.lower()), None)
        radios = page.locator("input[name=values]")
        if choice and page.locator(f"input[name=values][value={choice}]").count():
            page.check(f"input[name=values][value={choice}]", force=True)
        else:
            radios.first.check(force=True)
        page.click("button[name=next]")
        page.wait_for_load_state()
    assert "/reponses/" in page.url
    screenshot(page, "friches-reponses")

    # The path: steps with their actions, the contacts and funds of the step, the fit of each use.
    page.goto(f"/friches/projets/{project.pk}/")
    main = page.inner_text("main")
    assert "Faire réaliser un diagnostic de pollution des sols" in main and "Usage le mieux adapté" in main
    step = page.locator("#etape-connaitre")
    step.locator("summary").click()  # the step's contacts, funds and resources
    knowing = step.inner_text()
    assert "ADEME — direction régionale Grand Est" in knowing and "Aide aux études de pollution (exemple)" in knowing
    screenshot(page, "friches-projet")

    # An advisor of the Ardennes joins and recommends.
    sign_in(page, live_server, julien)
    page.goto("/friches/conseil/")
    page.click(f"form[action='/friches/projets/{project.pk}/rejoindre/'] button")
    page.wait_for_url(f"**/friches/projets/{project.pk}/")
    page.click("text=Recommander une action")
    page.select_option("#id_step", "connaitre")
    page.fill("#id_title", "Rencontrer l’EPF pour un portage")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/friches/projets/{project.pk}/*")
    assert "Rencontrer l’EPF pour un portage" in page.inner_text("main")

    # The commune marks the first step's action done: the step is crossed, in place.
    sign_in(page, live_server, mayor)
    page.goto(f"/friches/projets/{project.pk}/")
    step = page.locator("#etape-reperer")
    step.locator("select").first.select_option("faite")
    step.locator("button").first.click()
    page.wait_for_selector("#etape-reperer .fr-badge--success")
    assert ProjectStep.objects.get(project=project, step="reperer").crossed_at is not None
    screenshot(page, "friches-etape-franchie")

    page.goto("/stats/friches/")
    text = page.inner_text("main")
    assert "Collectivités accompagnées" in text and "Projets actifs" in text
    screenshot(page, "friches-stats")
