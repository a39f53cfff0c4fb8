"""Who holds a project: the claim code emailed at notification, claiming with it (or by the
candidature's contact address, which a signed-in person has proven), invitations by a holder,
and removing accesses (a change of producteur removes them)."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from transition.platform.accounts import permissions
from transition.platform.audit.services import event_record

from ..domain.identifiers import InvalidIdentifier, parse
from ..enums import AccessVia
from ..models import ClaimCode, Invitation, Projet, ProjetAccess
from ..permissions import PROJET_ACT

PRODUCT = "potentiel"
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
CODE_LENGTH = 10
MAX_FAILED_ATTEMPTS = 5
INVITATION_DAYS = 30
CLAIM_REFUSED = "Ce numéro de projet et ce code ne correspondent pas."


def _hash(value: str, salt: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"{salt}:{value}".encode(), hashlib.sha256).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def claim_code_issue(projet: Projet) -> str:
    """A new code for `projet` (replacing any previous one); only its keyed hash is stored."""
    return claim_codes_issue([projet])[projet.pk]


def claim_codes_issue(projets: list[Projet]) -> dict[int, str]:
    """`claim_code_issue` for many projects at once (a batch of a notification): one DELETE and
    one INSERT instead of two queries per project; returns each project's new code by pk."""
    codes = {projet.pk: "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)) for projet in projets}
    now = timezone.now()
    ClaimCode.objects.filter(projet__in=[projet.pk for projet in projets]).delete()
    ClaimCode.objects.bulk_create(
        ClaimCode(
            projet=projet,
            code_hash=_hash(codes[projet.pk], projet.identifiant),
            email=projet.email_contact,
            created_at=now,
        )
        for projet in projets
    )
    return codes


def access_grant(*, projet: Projet, user, via: str, by=None) -> ProjetAccess:
    existing = ProjetAccess.objects.filter(projet=projet, user=user, revoked_at__isnull=True).first()
    if existing:
        return existing
    access = ProjetAccess.objects.create(projet=projet, user=user, via=via, granted_by=by)
    event_record(
        actor=by or user,
        action="potentiel.acces_donne",
        target=projet,
        payload={"utilisateur": user.pk, "par": via},
        product=PRODUCT,
    )
    return access


def find_projet(identifiant: str) -> Projet | None:
    """A project from its identifiant `AO#Période#Famille#NuméroCRE` (None when unknown)."""
    try:
        ident = parse((identifiant or "").strip())
    except InvalidIdentifier:
        return None
    return Projet.objects.filter(identifiant=str(ident)).select_related("periode", "appel_offres").first()


def projet_claim(*, user, identifiant: str, code: str = "") -> Projet:
    """Give `user` access to the project: with the code emailed at notification, or without a
    code when the user's own (verified) address is the candidature's contact. Raises
    ValidationError with a message that says nothing of which part was wrong."""
    projet = find_projet(identifiant)
    if projet is None or not projet.notified:
        raise ValidationError(CLAIM_REFUSED)
    if user.email.lower() == projet.email_contact.lower():
        access_grant(projet=projet, user=user, via=AccessVia.CONTACT)
        return projet
    with transaction.atomic():
        claim = ClaimCode.objects.select_for_update().filter(projet=projet).first()
        if claim is None or claim.failed_attempts >= MAX_FAILED_ATTEMPTS:
            raise ValidationError(
                "Trop d’essais pour ce projet : demandez un nouveau code à la DGEC ou à la DREAL."
                if claim
                else CLAIM_REFUSED
            )
        if not hmac.compare_digest(claim.code_hash, _hash(normalise_code(code), projet.identifiant)):
            claim.failed_attempts += 1
            claim.save(update_fields=["failed_attempts"])
            failed = True
        else:
            claim.last_used_at = timezone.now()
            claim.save(update_fields=["last_used_at"])
            access_grant(projet=projet, user=user, via=AccessVia.CLAIM)
            failed = False
    if failed:
        raise ValidationError(CLAIM_REFUSED)
    return projet


def projets_claim_as_contact(*, user, projets) -> int:
    """Give `user` access to each project whose contact address is theirs; how many were added."""
    added = 0
    for projet in projets:
        if projet.email_contact.lower() != user.email.lower():
            continue
        if not ProjetAccess.objects.filter(projet=projet, user=user, revoked_at__isnull=True).exists():
            access_grant(projet=projet, user=user, via=AccessVia.CONTACT)
            added += 1
    return added


def invitation_create(*, projet: Projet, email: str, by) -> tuple[Invitation, str]:
    """A holder invites someone by address; the token goes in the email, its hash is stored."""
    permissions.require(by, PROJET_ACT, projet)
    email = (email or "").strip().lower()
    if "@" not in email:
        raise ValidationError("Saisissez une adresse électronique valide.")
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        projet=projet,
        email=email,
        token_hash=_hash(token, "invitation"),
        invited_by=by,
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    return invitation, token


def invitation_find(token: str) -> Invitation | None:
    return (
        Invitation.objects.filter(token_hash=_hash(token or "", "invitation"))
        .select_related("projet", "projet__periode")
        .first()
    )


def invitation_accept(*, token: str, user) -> Projet:
    invitation = invitation_find(token)
    if invitation is None:
        raise ValidationError("Cette invitation n’existe pas.")
    if invitation.accepted_at is not None:
        raise ValidationError("Cette invitation a déjà été acceptée.")
    if invitation.expires_at < timezone.now():
        raise ValidationError("Cette invitation a expiré : demandez-en une nouvelle.")
    if invitation.email != user.email.lower():
        raise PermissionDenied("Cette invitation a été envoyée à une autre adresse.")
    with transaction.atomic():
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        access_grant(projet=invitation.projet, user=user, via=AccessVia.INVITATION, by=invitation.invited_by)
    return invitation.projet


def accesses_revoke(*, projet: Projet, reason: str, by=None) -> int:
    """Remove every holder's access (e.g. after a change of producteur); returns how many."""
    count = ProjetAccess.objects.filter(projet=projet, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_reason=reason[:200]
    )
    if count:
        event_record(
            actor=by,
            action="potentiel.acces_retires",
            target=projet,
            payload={"motif": reason, "nombre": count},
            product=PRODUCT,
        )
    return count
