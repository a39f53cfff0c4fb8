"""The guarantees pages as the holder, the DREAL and the DGEC use them: the deposit corrected,
the attestation sent, the current guarantees modified, the history, release asked, taken in
instruction, cancelled; the agents' queue of release requests."""

import pytest
from django.urls import reverse

from tests.personas import login
from transition.products.potentiel.models import DepotGaranties, GarantiesActuelles, Mainlevee

from .conftest import pdf

pytestmark = pytest.mark.django_db


def _page(client, projet) -> str:
    return client.get(reverse("potentiel:garanties", args=[projet.pk])).content.decode()


def test_deposit_corrected_then_validated_then_modified_by_the_dgec(client, porteur, dreal, dgec, projet):
    login(client, porteur)
    client.post(
        reverse("potentiel:garanties_depot", args=[projet.pk]),
        {"type": "consignation", "date_constitution": "2026-11-01", "document": pdf("gf.pdf")},
    )
    assert "Modifier le dépôt" in _page(client, projet)
    corrected = client.post(
        reverse("potentiel:garanties_depot_modify", args=[projet.pk]),
        {"depot-type": "six-mois-après-achèvement", "depot-date_constitution": "2026-11-02"},
        follow=True,
    )
    assert "Le dépôt est modifié" in corrected.content.decode()
    assert DepotGaranties.objects.get(projet=projet).type == "six-mois-après-achèvement"
    client.logout()
    login(client, dreal)
    client.post(reverse("potentiel:garanties_depot_validate", args=[projet.pk]))
    client.logout()
    login(client, dgec)
    assert "Modifier les garanties financières actuelles" in _page(client, projet)
    wrong = client.post(
        reverse("potentiel:garanties_modify", args=[projet.pk]),
        {"modif-type": "consignation", "modif-date_echeance": "2030-01-01", "modif-date_constitution": "2026-11-01"},
        follow=True,
    )
    assert "La date d&#x27;échéance ne peut être renseignée" in wrong.content.decode()
    modified = client.post(
        reverse("potentiel:garanties_modify", args=[projet.pk]),
        {"modif-type": "consignation", "modif-date_constitution": "2026-11-01"},
        follow=True,
    )
    page = modified.content.decode()
    assert "Les garanties financières actuelles sont modifiées" in page
    assert GarantiesActuelles.objects.get(projet=projet).type == "consignation"
    assert "Historique des garanties financières" in page and "Modification des garanties financières" in page


def test_attestation_then_release_asked_instructed_cancelled(client, porteur, dreal, projet):
    login(client, dreal)
    client.post(
        reverse("potentiel:garanties_record", args=[projet.pk]),
        {"dreal-type": "consignation", "dreal-date_constitution": "2026-11-01"},
    )
    client.logout()
    login(client, porteur)
    assert "Transmettre l’attestation" in _page(client, projet)
    sent = client.post(
        reverse("potentiel:garanties_attestation", args=[projet.pk]), {"document": pdf("a.pdf")}, follow=True
    )
    assert "L’attestation est transmise." in sent.content.decode()
    page = _page(client, projet)
    assert "Transmettre l’attestation" not in page
    assert "Demander la mainlevée" not in page and "Aucune demande de mainlevée" in page  # an active project
    refused = client.post(
        reverse("potentiel:mainlevee_request", args=[projet.pk]), {"motif": "projet-achevé"}, follow=True
    )
    assert "n&#x27;est pas en statut achevé" in refused.content.decode()
    projet.statut_laureat = "achevé"
    projet.save(update_fields=["statut_laureat"])
    page = _page(client, projet)
    assert "Demander la mainlevée" in page and '<option value="projet-abandonné"' not in page
    client.post(reverse("potentiel:mainlevee_request", args=[projet.pk]), {"motif": "projet-achevé"})
    assert Mainlevee.objects.get(projet=projet).status == "demandé"
    client.logout()
    login(client, dreal)
    queue = client.get(reverse("potentiel:mainlevees")).content.decode()
    assert projet.nom_projet in queue and "Projet achevé" in queue
    client.post(reverse("potentiel:mainlevee_action", args=[projet.pk, "passer-en-instruction"]))
    assert Mainlevee.objects.get(projet=projet).status == "en-instruction"
    client.logout()
    login(client, porteur)
    assert client.get(reverse("potentiel:mainlevees")).status_code == 403
    client.post(reverse("potentiel:mainlevee_action", args=[projet.pk, "annuler"]))
    assert Mainlevee.objects.get(projet=projet).status == "annulé"
    assert "Dernière demande" not in _page(client, projet)


def test_an_incomplete_deposit_is_refused_with_what_is_missing(client, porteur, projet):
    login(client, porteur)
    refused = client.post(
        reverse("potentiel:garanties_depot", args=[projet.pk]),
        {"type": "consignation", "date_constitution": "2026-11-01"},
        follow=True,
    )
    page = refused.content.decode()
    assert "Le dépôt est incomplet" in page and "Attestation" in page
    assert not DepotGaranties.objects.filter(projet=projet).exists()
