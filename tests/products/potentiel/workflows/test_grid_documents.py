"""Grid connection through the services and the page: references corrected, dossiers deleted,
documents transmitted, replaced and deleted, the DREAL acting as the original lets it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tests.personas import login
from transition.products.potentiel.domain.grid import GridRefused
from transition.products.potentiel.models import DossierRaccordement
from transition.products.potentiel.services import grid as services
from transition.products.potentiel.services import grid_documents

from .conftest import pdf

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 27)
REFERENCE = "OUE-RP-2024-000001"


@pytest.fixture
def dossier(porteur, projet, enedis):
    services.gestionnaire_set(user=porteur, projet=projet, gestionnaire_code=enedis.pk)
    return services.dossier_add(
        user=porteur, projet=projet, reference=REFERENCE, dcr_date=dt.date(2024, 3, 1), dcr_document=pdf(), today=TODAY
    )


def test_documents_transmitted_replaced_deleted(porteur, dgec, projet, dossier):
    signed = dt.date(2024, 5, 2)
    grid_documents.document_transmit(
        user=porteur, projet=projet, reference=REFERENCE, kind="proposition-technique-et-financière",
        upload=pdf("ptf.pdf"), signed_on=signed, today=TODAY,
    )  # fmt: skip
    with pytest.raises(GridRefused, match="convention-de-raccordement-directe pour ce dossier"):
        grid_documents.document_transmit(
            user=porteur, projet=projet, reference=REFERENCE, kind="convention-de-raccordement-directe",
            upload=pdf(), signed_on=signed, today=TODAY,
        )  # fmt: skip
    with pytest.raises(GridRefused, match="Il n'existe pas de document de ce type"):
        grid_documents.document_replace(
            user=porteur, projet=projet, reference=REFERENCE, kind="convention-de-raccordement", upload=pdf()
        )
    with pytest.raises(GridRefused, match="ne peut pas être une date future"):
        grid_documents.document_replace(
            user=porteur, projet=projet, reference=REFERENCE, kind="proposition-technique-et-financière",
            signed_on=dt.date(2027, 1, 1), today=TODAY,
        )  # fmt: skip
    replaced = grid_documents.document_replace(
        user=porteur, projet=projet, reference=REFERENCE, kind="proposition-technique-et-financière",
        upload=pdf("ptf-2.pdf", b"%PDF-1.4\n%autre\n%%EOF\n"), today=TODAY,
    )  # fmt: skip
    assert replaced.ptf_date == signed and replaced.ptf_sha256 != dossier.ptf_sha256
    services.mise_en_service_set(user=dgec, projet=projet, reference=REFERENCE, day=dt.date(2025, 1, 2), today=TODAY)
    with pytest.raises(GridRefused, match="ne peut pas être modifié car celui-ci est déjà mis en service"):
        grid_documents.document_delete(
            user=porteur, projet=projet, reference=REFERENCE, kind="proposition-technique-et-financière"
        )
    deleted = grid_documents.document_delete(
        user=dgec, projet=projet, reference=REFERENCE, kind="proposition-technique-et-financière"
    )
    assert not deleted.ptf_sha256 and deleted.ptf_date is None


def test_reference_corrected_and_dossier_deleted(porteur, dgec, dreal, other_dreal, projet, dossier):
    services.dossier_reference_update(
        user=dreal, projet=projet, reference=REFERENCE, new_reference="OUE-RP-2024-000002"
    )
    with pytest.raises(GridRefused, match="Le format de la référence du dossier de raccordement est invalide"):
        services.dossier_reference_update(
            user=porteur, projet=projet, reference="OUE-RP-2024-000002", new_reference="OUE 2"
        )
    with pytest.raises(PermissionDenied):
        services.dossier_reference_update(
            user=other_dreal, projet=projet, reference="OUE-RP-2024-000002", new_reference="OUE-RP-2024-000003"
        )
    services.mise_en_service_set(
        user=dgec, projet=projet, reference="OUE-RP-2024-000002", day=dt.date(2025, 1, 2), today=TODAY
    )
    with pytest.raises(GridRefused, match="dispose déjà d'une date de mise en service"):
        services.dossier_reference_update(
            user=porteur, projet=projet, reference="OUE-RP-2024-000002", new_reference="OUE-RP-2024-000003"
        )
    with pytest.raises(GridRefused, match="Un dossier avec une date de mise en service ne peut pas être supprimé"):
        services.dossier_delete(user=porteur, projet=projet, reference="OUE-RP-2024-000002")
    services.dossier_delete(user=dgec, projet=projet, reference="OUE-RP-2024-000002")
    projet.raccordement.refresh_from_db()
    assert projet.raccordement.mise_en_service is None
    assert not DossierRaccordement.objects.filter(raccordement__projet=projet).exists()


def test_the_page_corrects_transmits_and_deletes(client, porteur, projet, dossier):
    login(client, porteur)
    page = client.get(reverse("potentiel:raccordement", args=[projet.pk])).content.decode()
    assert "Corriger la référence" in page and "Transmettre : convention de raccordement directe" in page
    sent = client.post(
        reverse("potentiel:raccordement_document", args=[projet.pk, "transmettre"]),
        {"reference": REFERENCE, "type": "convention-de-raccordement", "date_signature": "2024-06-01",
         "document": pdf("convention.pdf")},
        follow=True,
    )  # fmt: skip
    assert "Le document est transmis." in sent.content.decode()
    assert "Supprimer : convention de raccordement" in sent.content.decode()
    refused = client.post(
        reverse("potentiel:raccordement_document", args=[projet.pk, "transmettre"]),
        {"reference": REFERENCE, "type": "convention-de-raccordement-directe", "date_signature": "2024-06-01",
         "document": pdf()},
        follow=True,
    )  # fmt: skip
    assert "Il est impossible de transmettre un document de type convention-de-raccordement-directe" in (
        refused.content.decode()
    )
    client.post(
        reverse("potentiel:raccordement_document", args=[projet.pk, "supprimer"]),
        {"reference": REFERENCE, "type": "convention-de-raccordement"},
    )
    assert not DossierRaccordement.objects.get(reference=REFERENCE).convention_sha256
    corrected = client.post(
        reverse("potentiel:raccordement_dossier_reference", args=[projet.pk]),
        {"reference": REFERENCE, "nouvelle_reference": "OUE-RP-2024-000009"},
        follow=True,
    )
    assert "La référence du dossier est corrigée." in corrected.content.decode()
    client.post(reverse("potentiel:raccordement_dossier_delete", args=[projet.pk]), {"reference": "OUE-RP-2024-000009"})
    assert not DossierRaccordement.objects.filter(raccordement__projet=projet).exists()
    assert client.post(reverse("potentiel:raccordement_document", args=[projet.pk, "inconnue"])).status_code == 404


def test_the_dreal_of_the_region_edits_the_page(client, dreal, other_dreal, projet, dossier):
    login(client, dreal)
    assert "Corriger la référence" in client.get(reverse("potentiel:raccordement", args=[projet.pk])).content.decode()
    client.logout()
    login(client, other_dreal)
    page = client.get(reverse("potentiel:raccordement", args=[projet.pk]))
    assert page.status_code == 404 or "Corriger la référence" not in page.content.decode()
