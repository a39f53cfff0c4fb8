"""What Potentiel holds about a person's account, for "Mes données": the projects they hold and
how they got them, the invitations they sent. Erasing removes their accesses and the addresses
of the invitations they sent or received; the projects themselves are the State's record of a
tender (the CRE's file), kept under its legal obligation and not tied to the account."""

from django.db import transaction

from transition.platform.audit.services import event_record

from ..models import Demande, Invitation, ProjetAccess

PRODUCT = "potentiel"
ERASED_EMAIL = "adresse-effacee@invalid"


def personal_data_export(user) -> dict:
    return {
        "projets": [
            {
                "identifiant": a.projet.identifiant,
                "nom": a.projet.nom_projet,
                "obtenu_par": a.via,
                "depuis": a.granted_at.isoformat(),
                "retire_le": a.revoked_at.isoformat() if a.revoked_at else None,
            }
            for a in ProjetAccess.objects.filter(user=user).select_related("projet")
        ],
        "demandes_deposees": [
            {
                "projet": d.projet.identifiant,
                "nature": d.kind,
                "forme": d.mode,
                "statut": d.status,
                "raison": d.reason,
                "le": d.filed_at.isoformat(),
            }
            for d in Demande.objects.filter(filed_by=user).select_related("projet")
        ],
        "invitations_envoyees": [
            {"projet": i.projet.identifiant, "a": i.email, "le": i.created_at.isoformat()}
            for i in Invitation.objects.filter(invited_by=user).select_related("projet")
        ],
    }


def personal_data_erase(user) -> None:
    with transaction.atomic():
        accesses, _ = ProjetAccess.objects.filter(user=user).delete()
        sent = Invitation.objects.filter(invited_by=user).update(email=ERASED_EMAIL, invited_by=None)
        received = Invitation.objects.filter(email=user.email.lower()).update(email=ERASED_EMAIL)
        event_record(
            actor=None,
            action="potentiel.personal_data_erase",
            target=("accounts.user", user.pk),
            product=PRODUCT,
            payload={"accesses": accesses, "invitations": sent + received},
        )
