"""Grid connection: dossiers, formats, commissioning by the grid operator (page, API, CSV)."""

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied

from transition.platform.accounts.api_tokens import api_token_issue
from transition.products.potentiel.domain.grid import GridRefused
from transition.products.potentiel.models import DossierRaccordement
from transition.products.potentiel.services import grid as services
from transition.products.potentiel.services.grid_imports import commissioning_csv_import
from transition.products.potentiel.services.requests import demande_file

from .conftest import pdf

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def dossier(porteur, projet, enedis):
    services.gestionnaire_set(user=porteur, projet=projet, gestionnaire_code=enedis.pk)
    return services.dossier_add(
        user=porteur,
        projet=projet,
        reference="OUE-RP-2024-000123",
        dcr_date=dt.date(2024, 3, 1),
        dcr_document=pdf("accuse.pdf"),
        today=TODAY,
    )


def test_reference_checked_against_the_operator_format(porteur, projet, enedis, dossier):
    with pytest.raises(GridRefused, match="Le format de la référence du dossier de raccordement est invalide"):
        services.dossier_add(user=porteur, projet=projet, reference="ENEDIS OUE-RP-2024-000124", today=TODAY)
    with pytest.raises(GridRefused, match="déjà référencé"):
        services.dossier_add(user=porteur, projet=projet, reference="OUE-RP-2024-000123", today=TODAY)
    with pytest.raises(GridRefused, match="La date de l'accusé de réception ne peut pas être une date future"):
        services.dossier_add(
            user=porteur, projet=projet, reference="OUE-RP-2024-000125", dcr_date=dt.date(2027, 1, 1), today=TODAY
        )


def test_commissioning_by_the_grid_operator_once(grd, porteur, dgec, projet, dossier):
    with pytest.raises(PermissionDenied):
        services.mise_en_service_set(
            user=porteur, projet=projet, reference=dossier.reference, day=dt.date(2025, 6, 1), today=TODAY
        )
    with pytest.raises(GridRefused, match="ne peut pas être antérieure à la date de désignation du projet"):
        services.mise_en_service_set(
            user=grd, projet=projet, reference=dossier.reference, day=dt.date(2023, 6, 1), today=TODAY
        )
    with pytest.raises(GridRefused, match="ne peut pas être une date future"):
        services.mise_en_service_set(
            user=grd, projet=projet, reference=dossier.reference, day=dt.date(2027, 6, 1), today=TODAY
        )
    result = services.mise_en_service_set(
        user=grd, projet=projet, reference=dossier.reference, day=dt.date(2025, 6, 1), today=TODAY
    )
    assert result.project_date == dt.date(2025, 6, 1)
    with pytest.raises(
        GridRefused, match="La date de mise en service a déjà été transmise pour ce dossier de raccordement"
    ):
        services.mise_en_service_set(
            user=grd, projet=projet, reference=dossier.reference, day=dt.date(2025, 7, 1), today=TODAY
        )
    corrected = services.mise_en_service_set(
        user=dgec, projet=projet, reference=dossier.reference, day=dt.date(2025, 7, 1), today=TODAY
    )
    assert corrected.project_date == dt.date(2025, 7, 1)
    with pytest.raises(
        GridRefused,
        match="Le gestionnaire de réseau ne peut être modifié car le raccordement a une date de mise en service",
    ):
        services.gestionnaire_set(user=porteur, projet=projet, gestionnaire_code="10XFR-RTE------Q")
    with pytest.raises(GridRefused, match="La demande complète de raccordement du dossier ne peut pas être modifiée"):
        services.dossier_update(
            user=porteur, projet=projet, reference=dossier.reference, dcr_date=dt.date(2024, 3, 2), today=TODAY
        )


def test_modifying_a_commissioning_date_needs_one(dgec, projet, dossier):
    with pytest.raises(GridRefused, match="Le dossier de raccordement n'est pas en service"):
        services.mise_en_service_set(
            user=dgec, projet=projet, reference=dossier.reference, day=dt.date(2025, 6, 1), today=TODAY, modify=True
        )
    assert DossierRaccordement.objects.get(pk=dossier.pk).mise_en_service is None


def test_an_incomplete_dcr_is_completed_after_commissioning(grd, porteur, projet, enedis):
    services.gestionnaire_set(user=porteur, projet=projet, gestionnaire_code=enedis.pk)
    services.dossier_add(user=porteur, projet=projet, reference="OUE-RP-2024-000200", today=TODAY)
    services.mise_en_service_set(
        user=grd, projet=projet, reference="OUE-RP-2024-000200", day=dt.date(2025, 6, 1), today=TODAY
    )
    completed = services.dossier_update(
        user=porteur,
        projet=projet,
        reference="OUE-RP-2024-000200",
        dcr_date=dt.date(2024, 3, 1),
        dcr_document=pdf("accuse.pdf"),
        today=TODAY,
    )
    assert completed.dcr_sha256 and completed.dcr_date == dt.date(2024, 3, 1)
    with pytest.raises(GridRefused, match="La demande complète de raccordement du dossier ne peut pas être modifiée"):
        services.dossier_update(
            user=porteur, projet=projet, reference="OUE-RP-2024-000200", dcr_date=dt.date(2024, 3, 2), today=TODAY
        )


def test_no_dcr_change_while_an_abandonment_is_pending(porteur, dgec, projet, dossier):
    demande_file(
        user=porteur,
        projet=projet,
        kind="abandon",
        values={},
        reason="Projet non rentable",
        documents=[pdf()],
        today=TODAY,
    )
    with pytest.raises(GridRefused, match="Impossible de faire un changement car une demande d'abandon est en cours"):
        services.dossier_update(
            user=dgec, projet=projet, reference=dossier.reference, dcr_date=dt.date(2024, 3, 2), today=TODAY
        )


def test_once_achieved_only_the_dgec_changes_the_operator_or_the_dcr(porteur, dgec, projet, dossier):
    projet.statut_laureat = "achevé"
    projet.save()
    with pytest.raises(GridRefused, match="Impossible de faire un changement pour un projet achevé"):
        services.gestionnaire_set(user=porteur, projet=projet, gestionnaire_code="10XFR-RTE------Q")
    with pytest.raises(GridRefused, match="Impossible de faire un changement pour un projet achevé"):
        services.dossier_update(
            user=porteur, projet=projet, reference=dossier.reference, dcr_date=dt.date(2024, 3, 2), today=TODAY
        )
    services.dossier_update(
        user=dgec, projet=projet, reference=dossier.reference, dcr_date=dt.date(2024, 3, 2), today=TODAY
    )
    services.gestionnaire_set(user=dgec, projet=projet, gestionnaire_code="10XFR-RTE------Q")


def test_cdc_2022_extension_moves_the_planned_completion(grd, porteur, dossier, projet):
    projet.cahier_des_charges = "30/08/2022"
    projet.date_notification = dt.date(2019, 10, 30)
    projet.date_achevement_previsionnelle = dt.date(2020, 1, 1)
    projet.save()
    result = services.mise_en_service_set(
        user=grd, projet=projet, reference=dossier.reference, day=dt.date(2023, 9, 10), today=TODAY
    )
    projet.refresh_from_db()
    assert result.completion_moved_to == dt.date(2021, 7, 1) == projet.date_achevement_previsionnelle


def test_grid_operator_api(client, enedis, dossier, projet):
    token, raw = api_token_issue(organisation=enedis.organisation, scope="potentiel:grd", name="SI Enedis")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    listed = client.get("/potentiel/api/v1/grd/dossiers?sans_mise_en_service=true", **auth)
    assert listed.status_code == 200
    assert listed.json()["results"][0]["referenceDossier"] == "OUE-RP-2024-000123"
    body = {
        "identifiantProjet": projet.identifiant,
        "referenceDossier": dossier.reference,
        "dateMiseEnService": "2025-06-01",
    }
    sent = client.post(
        "/potentiel/api/v1/grd/mises-en-service", json.dumps(body), content_type="application/json", **auth
    )
    assert sent.status_code == 200, sent.content
    assert sent.json()["dateMiseEnService"] == "2025-06-01"
    again = client.post(
        "/potentiel/api/v1/grd/mises-en-service", json.dumps(body), content_type="application/json", **auth
    )
    assert again.status_code == 422
    assert again.json() == {
        "code": "refused",
        "message": "La date de mise en service a déjà été transmise pour ce dossier de raccordement",
        "errors": [],
    }
    assert client.get("/potentiel/api/v1/grd/dossiers").status_code == 401


def test_grid_operator_api_refuses_another_operators_dossier(client, dossier, projet):
    from tests.platform.accounts.factories import OrganisationFactory
    from transition.products.potentiel.models import GestionnaireReseau

    rte = GestionnaireReseau.objects.get(raison_sociale="RTE")
    rte.organisation = OrganisationFactory(name="RTE")
    rte.save()
    _, raw = api_token_issue(organisation=rte.organisation, scope="potentiel:grd", name="SI RTE")
    body = {
        "identifiantProjet": projet.identifiant,
        "referenceDossier": dossier.reference,
        "dateMiseEnService": "2025-06-01",
    }
    response = client.post(
        "/potentiel/api/v1/grd/mises-en-service",
        json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 403
    assert client.get("/potentiel/api/v1/grd/dossiers", HTTP_AUTHORIZATION=f"Bearer {raw}").json()["count"] == 0


def test_csv_validated_whole_then_written(grd, dossier, projet):
    bad = f"identifiantProjet;referenceDossier;dateMiseEnService\n{projet.identifiant};{dossier.reference};2025-06-01\n{projet.identifiant};INCONNU;2025-06-01\n{projet.identifiant};{dossier.reference};31/02/2025\n"
    report = commissioning_csv_import(user=grd, source=bad.encode(), filename="dates.csv", today=TODAY)
    assert not report.ok
    assert [str(p) for p in report.errors] == [
        "Ligne 3, colonne « referenceDossier » : Le dossier n'est pas référencé dans le raccordement de ce projet",
        "Ligne 4, colonne « dateMiseEnService » : date invalide : attendue au format AAAA-MM-JJ ou JJ/MM/AAAA",
    ]
    assert DossierRaccordement.objects.get(pk=dossier.pk).mise_en_service is None
    good = (
        f"identifiantProjet;referenceDossier;dateMiseEnService\n{projet.identifiant};{dossier.reference};01/06/2025\n"
    )
    report = commissioning_csv_import(user=grd, source=good.encode("cp1252"), filename="dates.csv", today=TODAY)
    assert report.ok and report.updated == 1
    assert DossierRaccordement.objects.get(pk=dossier.pk).mise_en_service == dt.date(2025, 6, 1)


def test_csv_missing_columns(grd):
    report = commissioning_csv_import(
        user=grd, source=b"reference;date\nA;2025-01-01\n", filename="dates.csv", today=TODAY
    )
    assert "Colonnes manquantes" in report.errors[0].message
