"""Pages, end to end through the test client: the DGEC imports and notifies, the holder claims and
sees their project, downloads the attestation; strangers are refused."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.personas import login
from tests.products.potentiel.conftest import NOTIFICATION_DATE
from tests.products.potentiel.factories import cre_csv, cre_row
from transition.products.potentiel.models import Periode, Projet
from transition.products.potentiel.services.notification import notify_periode

pytestmark = pytest.mark.django_db


def test_home_replaces_the_construction_page(client):
    page = client.get("/potentiel/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "en construction" not in text
    assert "Réclamer un projet" in text


def test_dgec_imports_then_notifies_from_the_pages(client, validateur, django_capture_on_commit_callbacks):
    login(client, validateur)
    bad = cre_csv([cre_row(puissance="beaucoup")])
    page = client.post("/potentiel/administration/candidatures/importer/", {"file": SimpleUploadedFile("cre.csv", bad)})
    assert page.status_code == 422
    assert "Le champ doit être un nombre positif" in page.content.decode()
    good = cre_csv([cre_row(), cre_row(numéroCRE="13", emailContact="second@example.org")])
    page = client.post(
        "/potentiel/administration/candidatures/importer/", {"file": SimpleUploadedFile("cre.csv", good)}
    )
    assert page.status_code == 200
    assert "2 lignes créées" in page.content.decode()
    periode = Periode.objects.get(appel_offres_id="PPE2 - Bâtiment", identifiant="1")
    assert "Notifier" in client.get("/potentiel/administration/periodes/").content.decode()
    url = f"/potentiel/administration/periodes/{periode.pk}/notifier/"
    assert "2 candidatures attendent" in client.get(url).content.decode()
    assert client.post(url, {"date": "2999-01-01"}).status_code == 422
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(url, {"date": "2025-01-10"})
    assert answer.status_code == 302
    progress = client.get(answer["Location"])
    assert "Terminé" in progress.content.decode()
    assert Projet.objects.filter(statut="lauréat").count() == 2


@pytest.mark.parametrize(
    "url",
    [
        "/potentiel/administration/candidatures/importer/",
        "/potentiel/administration/periodes/",
        "/potentiel/administration/",
    ],
)
def test_admin_pages_refuse_a_holder(client, porteur, url):
    login(client, porteur)
    assert client.get(url).status_code == 403


def test_a_dgec_agent_imports_but_does_not_notify(client, dgec, periode):
    login(client, dgec)
    assert client.get("/potentiel/administration/candidatures/importer/").status_code == 200
    assert client.get(f"/potentiel/administration/periodes/{periode.pk}/notifier/").status_code == 403


def test_claim_then_my_projects_and_the_attestation(client, periode, validateur, alice):
    notify_periode(periode=periode, date=NOTIFICATION_DATE, user=validateur)
    message = next(m for m in mail.outbox if m.to == ["autre@example.org"])
    code = re.search(r"Code : (\w+)", message.body).group(1)
    login(client, alice)
    assert "Aucun projet" in client.get("/potentiel/projets/").content.decode()
    page = client.get("/potentiel/projets/reclamer/?identifiant=PPE2%20-%20B%C3%A2timent%231%23%232")
    assert 'value="PPE2 - Bâtiment#1##2"' in page.content.decode()
    wrong = client.post("/potentiel/projets/reclamer/", {"identifiant": "PPE2 - Bâtiment#1##2", "code": "XXXX"})
    assert wrong.status_code == 422
    assert "ne correspondent pas" in wrong.content.decode()
    answer = client.post("/potentiel/projets/reclamer/", {"identifiant": "PPE2 - Bâtiment#1##2", "code": code})
    projet = Projet.objects.get(numero_cre="2")
    assert answer["Location"] == f"/potentiel/projets/{projet.pk}/"
    mine = client.get("/potentiel/projets/").content.decode()
    assert "Hangar de Rennes" in mine
    assert "Achèvement prévisionnel : 09/07/2027" in mine
    detail = client.get(f"/potentiel/projets/{projet.pk}/").content.decode()
    assert "Télécharger l’attestation" in detail
    pdf = client.get(f"/potentiel/projets/{projet.pk}/attestation.pdf")
    assert pdf.status_code == 200
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    other = Projet.objects.get(numero_cre="1")
    assert client.get(f"/potentiel/projets/{other.pk}/").status_code == 404
    assert client.get(f"/potentiel/projets/{other.pk}/attestation.pdf").status_code == 404


def test_dreal_sees_its_region_in_the_admin_list(client, periode, dreal_bretagne):
    login(client, dreal_bretagne)
    page = client.get("/potentiel/administration/").content.decode()
    assert "Hangar de Rennes" in page
    assert "Toitures du Prado" not in page
    rennes, marseille = Projet.objects.get(numero_cre="2"), Projet.objects.get(numero_cre="1")
    assert client.get(f"/potentiel/projets/{rennes.pk}/").status_code == 200
    assert client.get(f"/potentiel/projets/{marseille.pk}/").status_code == 404


def test_admin_list_filters(client, periode, dgec):
    login(client, dgec)
    page = client.get("/potentiel/administration/?statut=%C3%A9limin%C3%A9").content.decode()
    assert "Serres du Var" in page and "Toitures du Prado" not in page
    assert "1 projet" in page


def test_invite_from_the_project_page(client, periode, validateur, porteur):
    notify_periode(periode=periode, date=NOTIFICATION_DATE, user=validateur)
    login(client, porteur)
    projet = Projet.objects.get(numero_cre="1")
    mail.outbox.clear()
    client.post(f"/potentiel/projets/{projet.pk}/inviter/", {"email": "collegue@example.org"})
    assert mail.outbox[0].to == ["collegue@example.org"]
    link = re.search(r"(/potentiel/invitations/[^\s]+/)", mail.outbox[0].body).group(1)
    assert "Toitures du Prado" not in mail.outbox[0].body
    from tests.platform.accounts.factories import UserFactory

    colleague = UserFactory(email="collegue@example.org")
    login(client, colleague)
    assert client.post(link)["Location"] == f"/potentiel/projets/{projet.pk}/"


def test_the_contact_attaches_their_notified_projects(client, periode, validateur):
    from tests.platform.accounts.factories import UserFactory

    notify_periode(periode=periode, date=NOTIFICATION_DATE, user=validateur)
    contact = UserFactory(email="Autre@example.org")  # signed up after the notification
    login(client, contact)
    page = client.get("/potentiel/projets/").content.decode()
    assert "1 projet notifié à votre adresse" in page
    assert "Hangar de Rennes" in page
    assert client.post("/potentiel/projets/rattacher/")["Location"] == "/potentiel/projets/"
    page = client.get("/potentiel/projets/").content.decode()
    assert "notifié à votre adresse" not in page
    assert "Hangar de Rennes" in page


def test_admin_list_pages_by_cursor_forward_and_back(client, periode, dgec, monkeypatch):
    """Keyset pages ("après" / "avant" cursors on the identifiant), the DSFR pagination's links
    followed as a person would, filters kept; the total is capped."""
    monkeypatch.setattr("transition.products.potentiel.selectors.projects.PAGE_SIZE", 1)
    login(client, dgec)
    names = ["Toitures du Prado", "Hangar de Rennes", "Serres du Var"]  # identifiant order: CRE 1, 2, 3

    def shown(html):
        return [name for name in names if name in html]

    def link(html, label):
        found = re.search(r'href="\?([^"]*)">' + label + "<", html)
        return found and "?" + found.group(1).replace("&amp;", "&")

    page = client.get("/potentiel/administration/").content.decode()
    assert shown(page) == ["Toitures du Prado"] and "3 projets" in page
    assert link(page, "Précédente") is None and 'aria-disabled="true" role="link">Précédente' in page
    seen = shown(page)
    while next_url := link(page, "Suivante"):
        page = client.get("/potentiel/administration/" + next_url).content.decode()
        seen += shown(page)
    assert seen == names  # each project once, in order, and the last page has no "Suivante"
    back = []
    while previous_url := link(page, "Précédente"):
        assert "avant=" in previous_url
        page = client.get("/potentiel/administration/" + previous_url).content.decode()
        back += shown(page)
    assert back == ["Hangar de Rennes", "Toitures du Prado"]

    filtered = client.get("/potentiel/administration/?statut=class%C3%A9").content.decode()
    assert shown(filtered) == ["Toitures du Prado"]
    assert "statut=class%C3%A9" in link(filtered, "Suivante")
    monkeypatch.setattr("transition.products.potentiel.selectors.projects.COUNT_CAP", 2)
    assert "Plus de 1 000 projets" in client.get("/potentiel/administration/").content.decode()


def test_admin_list_ignores_a_forged_cursor(client, periode, dgec):
    login(client, dgec)
    page = client.get("/potentiel/administration/?apres=%27%3B--&avant=").content.decode()
    assert "Toitures du Prado" in page  # any text is a plain string comparison, never SQL
    page = client.get("/potentiel/administration/?apres=zzzz").content.decode()
    assert "Aucun projet." in page
