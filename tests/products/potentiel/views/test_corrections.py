"""The correction page: a DGEC validateur corrects a candidature from the project's page, before or
after the notification; the import's rules refuse in French; the audit chain records it."""

import pytest
from django.core import mail

from tests.personas import login
from tests.products.potentiel.conftest import NOTIFICATION_DATE
from transition.platform.audit.models import Event
from transition.products.potentiel.models import Projet, ProjetAccess
from transition.products.potentiel.services.notification import notify_periode

pytestmark = pytest.mark.django_db


def url(projet) -> str:
    return f"/potentiel/projets/{projet.pk}/candidature/correction/"


def form_data(page) -> dict:
    """The form as the page fills it (every field's current text)."""
    return dict(page.context["form"].initial)


def test_the_validateur_corrects_a_candidature_before_notification(client, periode, validateur):
    projet = Projet.objects.get(numero_cre="1")
    login(client, validateur)
    detail = client.get(f"/potentiel/projets/{projet.pk}/").content.decode()
    assert "Corriger la candidature" in detail
    page = client.get(url(projet))
    assert page.status_code == 200
    assert "Régénérer l’attestation" not in page.content.decode()
    data = form_data(page) | {"nomCandidat": "Soleil de Provence SAS", "latitude": "43.2965", "longitude": "5.3698"}
    answer = client.post(url(projet), data)
    assert answer.status_code == 302
    projet.refresh_from_db()
    assert projet.nom_candidat == "Soleil de Provence SAS"
    assert projet.details["coordonnées"] == {"latitude": 43.2965, "longitude": 5.3698}
    event = Event.objects.filter(action="potentiel.candidature_correction").get()
    assert event.payload["identifiant"] == projet.identifiant
    assert "Candidat" in event.payload["colonnes"]
    assert "Soleil de Provence" not in str(event.payload)  # no personal data in the chain


def test_refusals_are_shown_in_french_and_nothing_changes(client, periode, validateur):
    projet = Projet.objects.get(numero_cre="1")
    login(client, validateur)
    data = form_data(client.get(url(projet)))
    page = client.post(url(projet), data)
    assert page.status_code == 422
    assert "La candidature ne contient aucune modification" in page.content.decode()
    page = client.post(url(projet), data | {"typeGarantiesFinancières": "exemption", "dateÉchéanceGf": ""})
    assert page.status_code == 422
    assert "pas disponible pour cet appel d" in page.content.decode()
    assert Projet.objects.get(pk=projet.pk).type_garanties == "avec-date-échéance"


def test_after_notification_the_attestation_is_regenerated_on_demand(client, periode, validateur, porteur):
    notify_periode(periode=periode, date=NOTIFICATION_DATE, user=validateur)
    projet = Projet.objects.get(numero_cre="1")
    assert ProjetAccess.objects.filter(projet=projet, user=porteur).exists()  # the candidature's contact
    before = projet.attestation_sha256
    login(client, validateur)
    data = form_data(client.get(url(projet)))
    page = client.post(url(projet), data | {"statut": "Éliminé", "motifÉlimination": "Erreur"})
    assert page.status_code == 422
    assert "ne peut être modifié après la notification" in page.content.decode()
    mail.outbox.clear()
    answer = client.post(url(projet), data | {"nomProjet": "Toitures du Prado Sud", "regenerate": "on"})
    assert answer.status_code == 302
    projet.refresh_from_db()
    assert projet.nom_projet == "Toitures du Prado Sud"
    assert projet.attestation_sha256 and projet.attestation_sha256 != before
    assert [m.to for m in mail.outbox] == [[porteur.email]]
    assert "Attestation de désignation modifiée" in mail.outbox[0].subject
    other = Projet.objects.get(numero_cre="2")
    kept = other.attestation_sha256
    client.post(url(other), form_data(client.get(url(other))) | {"adresse2": "Bâtiment B"})
    other.refresh_from_db()
    assert other.adresse2 == "Bâtiment B" and other.attestation_sha256 == kept


@pytest.mark.parametrize("who", ["dgec", "porteur", "dreal_paca"])
def test_only_a_validateur_corrects(client, periode, who, request):
    projet = Projet.objects.get(numero_cre="1")
    login(client, request.getfixturevalue(who))
    assert client.get(url(projet)).status_code == 403
    assert client.post(url(projet), {"nomCandidat": "x"}).status_code == 403
