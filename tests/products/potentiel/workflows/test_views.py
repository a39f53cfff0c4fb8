"""The pages, as the holder and the agents use them (Django test client)."""

import datetime as dt
import html

import pytest
from django.urls import reverse

from tests.personas import login
from transition.platform.geo.domain.territory import region_name
from transition.products.potentiel.models import Demande, GestionnaireReseau

from .conftest import pdf

pytestmark = pytest.mark.django_db


def test_holder_asks_a_delai_the_dreal_grants_it_the_letter_downloads(client, porteur, dreal, projet):
    login(client, porteur)
    page = client.get(reverse("potentiel:projet_demandes", args=[projet.pk]))
    assert page.status_code == 200
    assert "instruite par la DREAL de la région du projet" in page.content.decode()
    form = client.get(reverse("potentiel:demande_new", args=[projet.pk, "delai"]))
    assert "Une demande" in form.content.decode()
    refused = client.post(
        reverse("potentiel:demande_new", args=[projet.pk, "delai"]), {"mois": "12", "reason": "Retard", "documents": []}
    )
    assert refused.status_code == 400
    assert "Joignez au moins une pièce justificative." in refused.content.decode()
    response = client.post(
        reverse("potentiel:demande_new", args=[projet.pk, "delai"]),
        {"mois": "12", "reason": "Retard du raccordement", "documents": [pdf("justificatif.pdf")]},
    )
    demande = Demande.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "potentiel:demande_detail", args=[demande.pk]
    )

    client.logout()
    login(client, dreal)
    queue = client.get(reverse("potentiel:instruction"))
    assert queue.status_code == 200 and projet.nom_projet in queue.content.decode()
    assert f"{region_name(projet.region)} ({projet.region})" in queue.content.decode()  # a name, not a code
    detail = client.get(reverse("potentiel:demande_detail", args=[demande.pk]))
    assert "Enregistrer la décision et produire le courrier" in detail.content.decode()
    client.post(reverse("potentiel:demande_action", args=[demande.pk, "passer-en-instruction"]))
    decided = client.post(
        reverse("potentiel:demande_decision", args=[demande.pk]),
        {"decision": "accorder", "motifs": "Retard justifié par le gestionnaire de réseau."},
    )
    assert decided.status_code == 302
    projet.refresh_from_db()
    assert projet.date_achevement_previsionnelle == dt.date(2027, 1, 14)

    client.logout()
    login(client, porteur)
    letter = client.get(reverse("potentiel:demande_letter", args=[demande.pk]))
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    assert b"".join(letter.streaming_content).startswith(b"%PDF")
    piece = client.get(reverse("potentiel:demande_document", args=[demande.pk, demande.documents.get().pk]))
    assert piece.status_code == 200 and b"".join(piece.streaming_content).startswith(b"%PDF")


def test_strangers_and_other_regions_see_nothing(client, porteur, other_dreal, projet):
    login(client, porteur)
    client.post(
        reverse("potentiel:demande_new", args=[projet.pk, "delai"]),
        {"mois": "3", "reason": "Retard", "documents": [pdf()]},
    )
    demande = Demande.objects.get()
    client.logout()
    login(client, other_dreal)
    assert client.get(reverse("potentiel:demande_detail", args=[demande.pk])).status_code == 404
    assert projet.nom_projet not in client.get(reverse("potentiel:instruction")).content.decode()
    assert client.get(reverse("potentiel:garanties", args=[projet.pk])).status_code == 404
    refused = client.post(
        reverse("potentiel:demande_decision", args=[demande.pk]), {"decision": "accorder", "motifs": "x"}
    )
    assert refused.status_code == 404
    demande.refresh_from_db()
    assert demande.status == "demandé"


def test_a_holder_cannot_reach_the_queue(client, porteur):
    login(client, porteur)
    assert client.get(reverse("potentiel:instruction")).status_code == 403


def test_impossible_change_is_explained_before_filing(client, porteur, projet):
    login(client, porteur)
    client.post(
        reverse("potentiel:demande_new", args=[projet.pk, "abandon"]),
        {"reason": "Projet non rentable", "documents": [pdf()]},
    )
    page = client.get(reverse("potentiel:demande_new", args=[projet.pk, "delai"]))
    assert (
        "Impossible de faire un changement car une demande d&#x27;abandon est en cours pour le projet"
        in page.content.decode()
    )
    assert client.get(reverse("potentiel:demande_new", args=[projet.pk, "inconnu"])).status_code == 404


def test_workflow_pages_render(client, porteur, dreal, projet, enedis):
    login(client, porteur)
    for name in ("garanties", "raccordement", "achevement"):
        response = client.get(reverse(f"potentiel:{name}", args=[projet.pk]))
        assert response.status_code == 200, name
    client.post(reverse("potentiel:raccordement_gestionnaire", args=[projet.pk]), {"gestionnaire": enedis.pk})
    bad = client.post(
        reverse("potentiel:raccordement_dossier_add", args=[projet.pk]), {"reference": "OUE 1"}, follow=True
    )
    assert "Le format de la référence du dossier de raccordement est invalide" in bad.content.decode()
    client.post(reverse("potentiel:raccordement_dossier_add", args=[projet.pk]), {"reference": "OUE-RP-2024-000001"})
    assert GestionnaireReseau.objects.get(pk=enedis.pk).raccordements.get().dossiers.count() == 1
    deposited = client.post(
        reverse("potentiel:garanties_depot", args=[projet.pk]),
        {"type": "consignation", "date_constitution": "2026-11-01", "document": pdf("gf.pdf")},
        follow=True,
    )
    assert "Vos garanties financières sont déposées" in deposited.content.decode()
    client.logout()
    login(client, dreal)
    validated = client.post(reverse("potentiel:garanties_depot_validate", args=[projet.pk]), follow=True)
    assert "Les garanties financières sont validées." in validated.content.decode()


def test_completion_page(client, porteur, projet):
    login(client, porteur)
    response = client.post(
        reverse("potentiel:achevement_submit", args=[projet.pk]),
        {"date_achevement": "2026-11-01", "attestation": pdf("a.pdf"), "rapport": pdf("r.pdf")},
        follow=True,
    )
    assert "le projet est achevé" in response.content.decode()
    projet.refresh_from_db()
    assert projet.statut_laureat == "achevé"


def test_grd_csv_page(client, grd):
    login(client, grd)
    assert client.get(reverse("potentiel:grd_csv")).status_code == 200
    response = client.post(reverse("potentiel:grd_csv"), {"fichier": pdf("dates.csv", b"reference;date\n")})
    assert response.status_code == 400
    assert "Colonnes manquantes" in response.content.decode()


def test_completion_page_for_the_administration_and_the_holder(client, porteur, dgec, projet):
    login(client, dgec)
    page = client.get(reverse("potentiel:achevement", args=[projet.pk])).content.decode()
    assert "Enregistrer la date d’achèvement réel" in page
    recorded = client.post(
        reverse("potentiel:achevement_act", args=[projet.pk, "date-reelle"]),
        {"date_achevement": "2026-11-01"},
        follow=True,
    )
    assert "La date d’achèvement réel est enregistrée" in recorded.content.decode()
    refused = client.post(
        reverse("potentiel:achevement_act", args=[projet.pk, "modification"]),
        {"date_transmission": "2040-01-01", "raison": "Relecture"},
        follow=True,
    )
    assert "La date de transmission au Cocontractant ne peut pas être une date future" in refused.content.decode()
    modified = client.post(
        reverse("potentiel:achevement_act", args=[projet.pk, "modification"]),
        {"date_achevement": "2026-10-15", "raison": "Date corrigée par le cocontractant"},
        follow=True,
    )
    assert "L’achèvement est modifié" in modified.content.decode()
    client.logout()
    login(client, porteur)
    page = client.get(reverse("potentiel:achevement", args=[projet.pk])).content.decode()
    assert "restent à transmettre" in page and "Modifier l’achèvement" not in page
    recorded = client.post(
        reverse("potentiel:achevement_act", args=[projet.pk, "attestation"]),
        {"attestation": pdf("a.pdf"), "rapport": pdf("r.pdf", b"%PDF-1.4\n% r\n")},
        follow=True,
    )
    assert "L’attestation de conformité est enregistrée." in recorded.content.decode()
    same = client.post(
        reverse("potentiel:achevement_act", args=[projet.pk, "attestation-modification"]),
        {"attestation": pdf("a.pdf"), "rapport": pdf("r.pdf", b"%PDF-1.4\n% r\n")},
        follow=True,
    )
    assert "Aucune modification n'a été transmise" in html.unescape(same.content.decode())
    assert client.post(reverse("potentiel:achevement_act", args=[projet.pk, "inconnu"])).status_code == 404
