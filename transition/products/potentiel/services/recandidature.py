"""The holder transmits the proof of recandidature after an abandon granted « avec
recandidature »: another of their projects, notified within the original's window, named by its identifiant. Kept with the
abandon request (its history and the audit chain), the DGEC told by email."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from transition.platform.accounts import permissions as platform_permissions
from transition.platform.audit.services import event_record

from .. import notifications, permissions
from ..domain.changes import Authority
from ..domain.recandidature import ProofFacts, check_proof
from ..models import Demande, DemandeEvent, Projet
from ..selectors.recandidature import abandon_of, held_projects, proof_of

PRODUCT = "potentiel"
EVENT = "Preuve de recandidature transmise"


def preuve_transmit(*, user, projet: Projet, preuve_identifiant: str) -> Demande:
    platform_permissions.require(user, permissions.PROJET_ACT, projet)
    identifiant = (preuve_identifiant or "").strip()[:300]
    with transaction.atomic():
        abandon = abandon_of(projet)
        if abandon is not None:
            abandon = Demande.objects.select_for_update().get(pk=abandon.pk)
        proof = held_projects(user, projet).filter(identifiant=identifiant).first()
        same = identifiant == projet.identifiant
        check_proof(
            ProofFacts(
                abandon_status=abandon.status_enum if abandon else None,
                with_recandidature=bool(abandon and abandon.payload.get("recandidature")),
                already_transmitted=proof_of(abandon) is not None,
                proof_found=proof is not None or same,
                proof_is_abandoned_project=same,
                proof_notified_on=proof.date_notification if proof is not None else None,
            )
        )
        abandon.payload = {
            **abandon.payload,
            "preuve_recandidature": {
                "identifiant": proof.identifiant,
                "nom_projet": proof.nom_projet,
                "transmise_le": timezone.now().isoformat(),
                "transmise_par": user.pk,
            },
        }
        abandon.save(update_fields=["payload", "updated_at"])
        DemandeEvent.objects.create(
            demande=abandon,
            action="transmettre-preuve-recandidature",
            status_before=abandon.status,
            status_after=abandon.status,
            actor=user,
            comment=f"Preuve de recandidature : {proof.identifiant_lisible}",
        )
        event_record(
            actor=user,
            action="potentiel.abandon.preuve-recandidature",
            target=abandon,
            product=PRODUCT,
            payload={"projet": projet.identifiant, "preuve": proof.identifiant},
        )
        notifications.notify_authority(
            projet=projet,
            authority=Authority.DGEC,
            event=EVENT,
            message="Le porteur a transmis un projet comme preuve de recandidature après l’abandon.",
            path=reverse("potentiel:demande_detail", args=[abandon.pk]),
        )
    return abandon
