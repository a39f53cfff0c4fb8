"""Completion: the holder transmits the attestation of conformity and the controller's report
with the completion date; the project becomes « achevé », its reminders and guarantee expiry stop."""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from transition.platform.accounts import permissions as platform_permissions
from transition.platform.audit.services import event_record

from .. import notifications, permissions
from ..domain import completion as rules
from ..domain.completion import CompletionFacts, CompletionRefused
from ..enums import StatutLaureat
from ..models import Achevement, Projet
from .documents import DocumentRefused, document_check
from .schedule import COMPLETION_KINDS, tasks_cancel

PRODUCT = "potentiel"


def completion_facts(projet: Projet) -> CompletionFacts:
    achevement = Achevement.objects.filter(projet=projet).first()
    return CompletionFacts(
        statut=projet.statut,
        statut_laureat=projet.statut_laureat or "actif",
        notified_on=projet.date_notification,
        has_attestation=bool(achevement and achevement.has_attestation),
    )


def achevement_transmit(
    *, user, projet: Projet, completed_on: date, attestation, rapport, today: date | None = None
) -> Achevement:
    platform_permissions.require(user, permissions.PROJET_ACT, projet)
    today = today or timezone.localdate()
    try:
        docs = [document_check(f) for f in (attestation, rapport) if f is not None]
    except DocumentRefused as refused:
        raise CompletionRefused(refused.message) from None
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        rules.check_transmit(completion_facts(projet), completed_on, today, has_documents=len(docs) == 2)
        attestation_doc, rapport_doc = docs
        achevement = Achevement(
            projet=projet,
            date_achevement=completed_on,
            transmitted_by=user,
            attestation_name=attestation_doc.name,
            attestation_sha256=attestation_doc.sha256,
            rapport_name=rapport_doc.name,
            rapport_sha256=rapport_doc.sha256,
        )
        achevement.attestation.save(attestation_doc.name, attestation_doc.as_file(), save=False)
        achevement.rapport.save(rapport_doc.name, rapport_doc.as_file(), save=False)
        achevement.save()
        projet.statut_laureat = StatutLaureat.ACHEVE
        projet.date_achevement_reelle = completed_on
        projet.save(update_fields=["statut_laureat", "date_achevement_reelle"])
        tasks_cancel(
            projet=projet,
            kinds=[*COMPLETION_KINDS.values(), "échoir-garanties", "rappel-gf-à-transmettre"],
            outcome="projet achevé",
        )
        event_record(
            actor=user,
            action="potentiel.achevement.transmis",
            target=projet,
            product=PRODUCT,
            payload={
                "projet": projet.identifiant,
                "date": completed_on,
                "documents": [attestation_doc.sha256, rapport_doc.sha256],
            },
        )
        notifications.notify_authority(
            projet=projet,
            authority="dreal",
            event="Attestation de conformité transmise",
            message="Le porteur a transmis l’attestation de conformité : le projet est achevé.",
            path=reverse("potentiel:achevement", args=[projet.pk]),
        )
        notifications.notify_holders(  # the holders' acknowledgement
            projet=projet,
            event="Mise à jour de la date d'achèvement",
            message="L’attestation de conformité est enregistrée : le projet est achevé.",
            path=reverse("potentiel:achevement", args=[projet.pk]),
        )
    return achevement
