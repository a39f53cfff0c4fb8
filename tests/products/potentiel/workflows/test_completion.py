"""Completion: the attestation of conformity marks the project achevé."""

import datetime as dt

import pytest

from transition.products.potentiel.domain.completion import CompletionRefused
from transition.products.potentiel.models import TachePlanifiee
from transition.products.potentiel.services.completion import achevement_transmit

from .conftest import pdf

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 27)


def test_attestation_marks_the_project_achieved(porteur, projet):
    TachePlanifiee.objects.create(projet=projet, kind="rappel-achèvement-un-mois", due_on=dt.date(2026, 12, 14))
    TachePlanifiee.objects.create(projet=projet, kind="échoir-garanties", due_on=dt.date(2027, 1, 1))
    with pytest.raises(
        CompletionRefused, match="L'attestation de conformité et le rapport du contrôleur sont obligatoires"
    ):
        achevement_transmit(
            user=porteur, projet=projet, completed_on=dt.date(2026, 11, 1), attestation=pdf(), rapport=None, today=TODAY
        )
    with pytest.raises(CompletionRefused, match="ne peut pas être antérieure à la date de notification"):
        achevement_transmit(
            user=porteur,
            projet=projet,
            completed_on=dt.date(2023, 1, 1),
            attestation=pdf(),
            rapport=pdf("r.pdf"),
            today=TODAY,
        )
    achevement_transmit(
        user=porteur,
        projet=projet,
        completed_on=dt.date(2026, 11, 1),
        attestation=pdf(),
        rapport=pdf("r.pdf"),
        today=TODAY,
    )
    projet.refresh_from_db()
    assert projet.statut_laureat == "achevé" and projet.date_achevement_reelle == dt.date(2026, 11, 1)
    assert not TachePlanifiee.objects.filter(projet=projet, status="planifiée").exists()
    with pytest.raises(CompletionRefused, match="Le projet est déjà achevé"):
        achevement_transmit(
            user=porteur,
            projet=projet,
            completed_on=dt.date(2026, 11, 1),
            attestation=pdf(),
            rapport=pdf("r.pdf"),
            today=TODAY,
        )
