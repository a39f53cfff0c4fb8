"""A network's page: its own map, contacts, documents; corrections proposed by its operator,
applied only when staff accepts with the second factor; each step in the audit chain."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.personas import login
from transition.platform.audit.models import Event
from transition.products.chaleur.models import NetworkContact, NetworkCorrection, NetworkFile

from ..factories import network_fixture, network_make, operator_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _form(network, **overrides):
    data = {
        "network__name": network.name,
        "network__gestionnaire": network.gestionnaire,
        "network__classified": "inconnu",
        "network__renewable_rate_pct": "65",
        "network__co2_kg_per_kwh": "0,08",
        "reason": "Rapport annuel 2025 du délégataire.",
    }
    data.update(overrides)
    return data


def test_the_page_has_its_map_and_no_correction_link_for_the_public(client, network):
    network.communes = "Grenoble"
    network.save()
    html = client.get(reverse("chaleur:network_detail", args=[network.national_id])).text
    assert 'id="network-map"' in html and 'id="network-geometry"' in html
    assert "n’a pas encore publié ses coordonnées" in html
    assert 'href="/chaleur/villes/grenoble">Grenoble</a>' in html
    assert "network-correct-link" not in html
    assert client.get(reverse("chaleur:network_correct", args=[network.national_id])).status_code == 302  # sign in


def test_another_operator_cannot_propose(client, network, operator):
    other = network_make(national_id="3809C", line=[(5.6, 45.2), (5.61, 45.2)])
    login(client, operator.user)
    assert client.get(reverse("chaleur:network_correct", args=[other.national_id])).status_code == 403


def test_propose_then_staff_accepts(client, network, operator, charlie):
    login(client, operator.user)
    page = client.get(reverse("chaleur:network_detail", args=[network.national_id])).text
    assert "network-correct-link" in page
    upload = SimpleUploadedFile("tarifs.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("chaleur:network_correct", args=[network.national_id]),
        _form(
            network,
            network__renewable_rate_pct="72,5",
            contact__email="raccordement@reseau.fr",
            contact__website="https://reseau.fr",
            document=upload,
            document_title="Grille tarifaire 2026",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    correction = NetworkCorrection.objects.get()
    assert correction.changes == {
        "network.renewable_rate_pct": {"from": 65.0, "to": 72.5},
        "contact.email": {"from": "", "to": "raccordement@reseau.fr"},
        "contact.website": {"from": "", "to": "https://reseau.fr"},
    }
    network.refresh_from_db()
    assert network.renewable_rate_pct == 65.0  # nothing applied yet
    assert not NetworkFile.objects.filter(published=True).exists()
    assert Event.objects.filter(action="chaleur.network_correction_proposed").exists()

    # Staff without the second factor cannot decide.
    login(client, charlie, verified=False)
    assert client.get(reverse("chaleur:pro_corrections")).status_code == 403
    assert client.post(reverse("chaleur:pro_correction_accept", args=[correction.pk])).status_code == 403

    login(client, charlie, verified=True)
    assert "Grille tarifaire 2026" in client.get(reverse("chaleur:pro_correction_detail", args=[correction.pk])).text
    document = correction.document
    staff_download = client.get(reverse("chaleur:network_file", args=[network.national_id, document.pk]))
    assert staff_download.status_code == 200
    mail.outbox.clear()
    response = client.post(reverse("chaleur:pro_correction_accept", args=[correction.pk]), {"comment": "Merci."})
    assert response.status_code == 302
    network.refresh_from_db()
    assert network.renewable_rate_pct == 72.5
    assert NetworkContact.objects.get(network=network).email == "raccordement@reseau.fr"
    accepted = Event.objects.get(action="chaleur.network_correction_accepted")
    assert accepted.payload["changes"] == {"network.renewable_rate_pct": {"from": 65.0, "to": 72.5}}
    assert accepted.payload["contact_fields"] == ["contact.email", "contact.website"]
    assert accepted.actor_id == charlie.pk
    [email] = mail.outbox
    assert email.to == [operator.user.email] and "acceptée" in email.subject

    # The public page shows it all.
    client.logout()
    html = client.get(reverse("chaleur:network_detail", args=[network.national_id])).text
    assert "raccordement@reseau.fr" in html and "Grille tarifaire 2026" in html
    download = client.get(reverse("chaleur:network_file", args=[network.national_id, document.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF-")
    # Twice is refused.
    login(client, charlie, verified=True)
    response = client.post(reverse("chaleur:pro_correction_accept", args=[correction.pk]))
    assert "déjà été examinée" in response.text


def test_refusal_needs_a_reason_and_changes_nothing(client, network, operator, charlie):
    login(client, operator.user)
    client.post(
        reverse("chaleur:network_correct", args=[network.national_id]), _form(network, network__name="Nouveau nom")
    )
    correction = NetworkCorrection.objects.get()
    login(client, charlie, verified=True)
    assert (
        "pourquoi" in client.post(reverse("chaleur:pro_correction_refuse", args=[correction.pk]), {"comment": " "}).text
    )
    client.post(reverse("chaleur:pro_correction_refuse", args=[correction.pk]), {"comment": "Source introuvable."})
    correction.refresh_from_db()
    network.refresh_from_db()
    assert correction.status == "refusee" and network.name != "Nouveau nom"
    assert Event.objects.filter(action="chaleur.network_correction_refused").exists()


def test_a_stale_correction_is_not_applied(client, network, operator, charlie):
    login(client, operator.user)
    client.post(
        reverse("chaleur:network_correct", args=[network.national_id]), _form(network, network__renewable_rate_pct="70")
    )
    network.renewable_rate_pct = 68.0  # a re-import changed it meanwhile
    network.save()
    login(client, charlie, verified=True)
    response = client.post(reverse("chaleur:pro_correction_accept", args=[NetworkCorrection.objects.get().pk]))
    assert "ont changé depuis la proposition" in response.text
    network.refresh_from_db()
    assert network.renewable_rate_pct == 68.0


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"network__renewable_rate_pct": "150"}, "entre 0 et 100"),
        ({"reason": ""}, "Expliquez la correction"),
        ({}, "Rien n’a changé"),
        ({"document": "not-a-pdf", "document_title": "X"}, "doit être un fichier PDF"),
        ({"document": "pdf", "document_title": ""}, "Donnez un titre"),
    ],
)
def test_bad_proposals_are_refused_in_french(client, network, operator, overrides, message):
    login(client, operator.user)
    data = _form(network, **overrides)
    if data.get("document") == "not-a-pdf":
        data["document"] = SimpleUploadedFile("x.pdf", b"<html>", content_type="application/pdf")
    elif data.get("document") == "pdf":
        data["document"] = SimpleUploadedFile("x.pdf", PDF, content_type="application/pdf")
    response = client.post(reverse("chaleur:network_correct", args=[network.national_id]), data)
    assert response.status_code == 200 and message in response.text
    assert not NetworkCorrection.objects.exists() and not NetworkFile.objects.exists()


def test_unpublished_documents_are_not_public(client, network):
    document = NetworkFile(network=network, title="Brouillon", size_bytes=len(PDF))
    document.file.save("brouillon.pdf", io.BytesIO(PDF), save=True)
    assert client.get(reverse("chaleur:network_file", args=[network.national_id, document.pk])).status_code == 404
