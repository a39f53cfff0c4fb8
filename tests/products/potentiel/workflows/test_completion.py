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


def test_the_administration_records_the_date_then_the_holder_the_attestation(porteur, dgec, dreal, projet):
    from django.core import mail
    from django.core.exceptions import PermissionDenied

    from transition.platform.audit.models import Event
    from transition.products.potentiel.services.completion import (
        achevement_date_record,
        achevement_modify,
        attestation_modify,
        attestation_record,
    )

    TachePlanifiee.objects.create(projet=projet, kind="rappel-gf-à-transmettre", due_on=dt.date(2027, 1, 1))
    with pytest.raises(PermissionDenied):
        achevement_date_record(user=porteur, projet=projet, completed_on=dt.date(2026, 11, 1), today=TODAY)
    with pytest.raises(CompletionRefused, match="Le projet n'est pas achevé"):
        attestation_record(user=porteur, projet=projet, attestation=pdf(), rapport=pdf("r.pdf", PDF_2))
    sent = len(mail.outbox)
    achevement_date_record(user=dgec, projet=projet, completed_on=dt.date(2026, 11, 1), today=TODAY)
    projet.refresh_from_db()
    assert projet.statut_laureat == "achevé" and projet.date_achevement_reelle == dt.date(2026, 11, 1)
    assert not TachePlanifiee.objects.filter(projet=projet, status="planifiée").exists()
    assert {porteur.email, dreal.email} <= {to for m in mail.outbox[sent:] for to in m.to}
    with pytest.raises(CompletionRefused, match="L'attestation de conformité n'est pas transmise"):
        attestation_modify(user=porteur, projet=projet, attestation=pdf(), rapport=pdf("r.pdf", PDF_2))
    attestation_record(user=porteur, projet=projet, attestation=pdf(), rapport=pdf("r.pdf", PDF_2))
    with pytest.raises(CompletionRefused, match="sont déjà présents pour ce projet"):
        attestation_record(user=porteur, projet=projet, attestation=pdf(), rapport=pdf("r.pdf", PDF_2))
    with pytest.raises(CompletionRefused, match="Aucune modification n'a été transmise"):
        attestation_modify(user=porteur, projet=projet, attestation=pdf(), rapport=pdf("r.pdf", PDF_2))
    attestation_modify(user=porteur, projet=projet, attestation=pdf(), rapport=pdf("r2.pdf", PDF_2 + b"%3"))
    with pytest.raises(CompletionRefused, match="Aucune modification n'a été apportée"):
        achevement_modify(user=dgec, projet=projet, reason="Relecture", completed_on=dt.date(2026, 11, 1), today=TODAY)
    with pytest.raises(
        CompletionRefused, match="La date de transmission au Cocontractant ne peut pas être une date future"
    ):
        achevement_modify(user=dgec, projet=projet, reason="Relecture", transmitted_on=dt.date(2040, 1, 1), today=TODAY)
    achevement_modify(
        user=dgec, projet=projet, reason="Date corrigée par EDF OA", completed_on=dt.date(2026, 10, 1), today=TODAY
    )
    projet.refresh_from_db()
    assert projet.date_achevement_reelle == dt.date(2026, 10, 1)
    actions = set(Event.objects.filter(object_id=str(projet.pk)).values_list("action", flat=True))
    assert {
        "potentiel.achevement.date_enregistree",
        "potentiel.achevement.attestation_enregistree",
        "potentiel.achevement.attestation_modifiee",
        "potentiel.achevement.modifie",
    } <= actions


PDF_2 = b"%PDF-1.4\n% rapport\n%%EOF\n"


def test_a_project_achieved_without_its_completion_gets_it_from_the_administration(porteur, dgec, projet):
    from transition.products.potentiel.models import Achevement
    from transition.products.potentiel.services.completion import achevement_modify, attestation_record

    projet.statut_laureat = "achevé"  # as the demonstration or an import writes it
    projet.save(update_fields=["statut_laureat"])
    with pytest.raises(CompletionRefused, match="La date d’achèvement réel du projet n’est pas connue"):
        attestation_record(user=porteur, projet=projet, attestation=pdf(), rapport=pdf("r.pdf", PDF_2))
    achevement_modify(user=dgec, projet=projet, reason="Date connue", completed_on=dt.date(2026, 9, 1), today=TODAY)
    assert Achevement.objects.get(projet=projet).date_achevement == dt.date(2026, 9, 1)
    attestation_record(user=porteur, projet=projet, attestation=pdf(), rapport=pdf("r.pdf", PDF_2))
    assert Achevement.objects.get(projet=projet).has_attestation
