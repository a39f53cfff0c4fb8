"""Potentiel's core pages in a browser (no console error, no CSP violation): the DGEC imports the
CRE's file and notifies the period; the contact claims the project with the emailed code, sees
it among their projects with its planned completion, and downloads the attestation."""

import re

import pytest
from django.core import mail
from django.test import Client

from tests.e2e.conftest import screenshot
from tests.platform.accounts.factories import OrganisationFactory, UserFactory
from tests.products.potentiel.factories import cre_csv, cre_row
from transition.platform.accounts.models import Membership

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_import_notify_claim_and_download(page, live_server, tmp_path):
    validateur = UserFactory(email="validatrice@developpement-durable.gouv.fr")
    Membership.objects.create(
        user=validateur, organisation=OrganisationFactory(), product="potentiel", role="dgec-validateur"
    )
    path = tmp_path / "cre.csv"
    path.write_bytes(cre_csv([cre_row(), cre_row(numéroCRE="2", emailContact="second@example.org", codePostal="1000")]))

    sign_in(page, live_server, validateur)
    page.goto("/potentiel/")
    screenshot(page, "potentiel-home")
    page.get_by_role("link", name="Importer des candidatures").click()
    page.set_input_files("input[type=file]", str(path))
    page.get_by_role("button", name="Vérifier et importer").click()
    page.get_by_text("2 lignes créées").wait_for()
    screenshot(page, "potentiel-import")
    page.get_by_role("link", name="Voir les périodes et les notifier").click()
    page.get_by_role("link", name="Notifier").click()
    page.get_by_label("Date de notification").fill("2025-01-10")
    page.get_by_role("button", name="Notifier 2 candidatures").click()
    page.get_by_text("Terminé").wait_for()
    screenshot(page, "potentiel-notification")

    message = next(m for m in mail.outbox if m.to == ["porteur@example.org"])
    code = re.search(r"Code : (\w+)", message.body).group(1)
    link = re.search(r"(/potentiel/projets/reclamer/\S+)", message.body).group(1)
    sign_in(page, live_server, UserFactory(email="associee@example.org"))
    page.goto(link)
    page.get_by_label("Code").fill(code)
    screenshot(page, "potentiel-claim")
    page.get_by_role("button", name="Ajouter à mes projets").click()
    page.get_by_role("heading", name="Du boulodrome de Marseille").wait_for()
    screenshot(page, "potentiel-projet")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger l’attestation (PDF)").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.goto("/potentiel/projets/")
    assert "09/07/2027" in page.content()
    screenshot(page, "potentiel-mes-projets")
