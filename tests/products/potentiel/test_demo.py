"""The demo: two appels d'offres, a notified period, projects at every stage; loading twice changes nothing."""

import datetime as dt

import pytest

from transition.products.potentiel.demo import demo_load
from transition.products.potentiel.enums import Statut, StatutLaureat
from transition.products.potentiel.models import Demande, DossierRaccordement, Projet, ProjetAccess

pytestmark = pytest.mark.django_db


def test_demo_is_complete_and_idempotent(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    demo_load()
    projets = Projet.objects.all()
    assert set(projets.values_list("appel_offres_id", flat=True)) == {"PPE2 - Sol", "PPE2 - Eolien"}
    notified = projets.filter(date_notification__isnull=False)
    assert set(notified.values_list("periode__identifiant", flat=True)) == {"1"}
    assert all(p.attestation and len(p.attestation_sha256) == 64 for p in notified)
    waiting = projets.filter(date_notification__isnull=True)
    assert set(waiting.values_list("statut", flat=True)) == {Statut.CLASSE, Statut.ELIMINE}
    assert set(notified.filter(statut=Statut.LAUREAT).values_list("statut_laureat", flat=True)) == set(StatutLaureat)
    assert notified.filter(statut=Statut.ELIMINE).exists()
    assert {(d.kind, d.status) for d in Demande.objects.all()} == {
        ("délai", "demandé"),
        ("délai", "accordé"),
        ("abandon", "accordé"),
        ("recours", "demandé"),
    }
    moved = Projet.objects.get(numero_cre="102", appel_offres_id="PPE2 - Sol")
    assert moved.date_achevement_previsionnelle == dt.date(2028, 1, 13)  # 14/03/2025 + 30 months − 1 day + 4 months
    assert DossierRaccordement.objects.filter(mise_en_service__isnull=False).exists()
    assert ProjetAccess.objects.filter(user__email="contact@soleil-garrigue.example").exists()
    counts = (Projet.objects.count(), Demande.objects.count(), DossierRaccordement.objects.count())
    demo_load()
    assert counts == (Projet.objects.count(), Demande.objects.count(), DossierRaccordement.objects.count())
