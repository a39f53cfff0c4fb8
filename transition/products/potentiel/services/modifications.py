"""Corrections outside the request lifecycle: the administration modifies a lauréat directly
(actionnaire, producteur, puissance, représentant légal), the instructor corrects the requested
value before granting it, and the holder corrects the producer's identification number.

Each function is one transaction, checks its permission and writes an audit event with the
values before and after. The rules are in `domain/modifications.py`. The holders and the DREAL
of the project's région are told by email; the agent who acted is not written to (the page shows
the result).
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.urls import reverse

from transition.platform.accounts import permissions as platform_permissions
from transition.platform.audit.services import event_record

from .. import notifications, permissions
from ..domain import lifecycle
from ..domain.changes import Authority, ChangeKind, ChangeRefused, check_power_values
from ..domain.modifications import (
    ModificationFacts,
    check_admin_modification,
    check_identification_change,
    check_instructor_correction,
    producer_values,
)
from ..models import Demande, Projet
from ..selectors.requests import pending_kinds, power_change
from .requests import NOUNS, apply_value, demande_decide, values_check

PRODUCT = "potentiel"


def _current(projet: Projet, kind: ChangeKind) -> dict:
    if kind is ChangeKind.PRODUCTEUR:
        return {"producteur": projet.nom_candidat, "numero_identification": projet.numero_identification}
    if kind is ChangeKind.PUISSANCE:
        return {"puissance": str(projet.puissance), "puissance_de_site": projet.details.get("puissanceDeSite")}
    if kind is ChangeKind.ACTIONNAIRE:
        return {"actionnaire": projet.societe_mere}
    return {"nom": projet.nom_representant_legal, "type": projet.details.get("typeRepresentantLegal", "")}


def _new_values(projet: Projet, kind: ChangeKind, raw: dict) -> dict:
    if kind is ChangeKind.PRODUCTEUR:
        return producer_values(_current(projet, kind), raw)
    payload = values_check(projet, kind, raw).payload
    if kind is ChangeKind.PUISSANCE:
        site = payload.get("puissance_de_site")
        check_power_values(power_change(projet, Decimal(payload["puissance"]), Decimal(site) if site else None))
    return payload


def _audited(kind: ChangeKind, before: dict, after: dict) -> dict:
    """What the audit chain keeps: the fields changed; the values only for the power (names of
    people and companies stay out of a log that is never rewritten)."""
    changed = sorted(k for k in after if after[k] != before.get(k))
    if kind is ChangeKind.PUISSANCE:
        return {"champs": changed, "avant": before, "après": after}
    return {"champs": changed}


def _notify(projet: Projet, event: str, actor, path: str) -> None:
    notifications.notify_holders(projet=projet, event=event, message=f"{event}.", path=path)
    emails = [e for e in notifications.authority_emails(projet, Authority.DREAL) if e != actor.email]
    notifications.send_event(emails, projet=projet, event=event, message=f"{event}.", path=path)


def projet_modify(*, user, projet: Projet, kind: ChangeKind | str, values: dict) -> Projet:
    """The DGEC (or the DREAL, for what the table allows) writes a new value into a lauréat."""
    platform_permissions.require(user, permissions.PROJET_MODIFY, projet)
    with transaction.atomic():
        projet = Projet.objects.select_for_update().select_related("periode", "appel_offres").get(pk=projet.pk)
        facts = ModificationFacts(statut=projet.statut, pending_kinds=pending_kinds(projet))
        modification = check_admin_modification(kind, permissions.agent_authority(user), facts)
        kind = modification.kind
        before = _current(projet, kind)
        after = _new_values(projet, kind, values)
        apply_value(projet, kind, after)
        event_record(
            actor=user,
            action="potentiel.projet.modification",
            target=projet,
            product=PRODUCT,
            payload={"projet": projet.identifiant, "nature": kind.value, **_audited(kind, before, after)},
        )
        _notify(projet, modification.event, user, reverse("potentiel:projet", args=[projet.pk]))
    return projet


def demande_correct_and_grant(
    *, user, demande: Demande, values: dict, decision_reason: str, today: date | None = None
) -> Demande:
    """The instructor corrects the value the holder asked for (a misspelt name...), then grants
    the corrected value with the reasoned letter of `demande_decide` (one transaction)."""
    check_instructor_correction(demande.kind)
    with transaction.atomic():
        demande = Demande.objects.select_for_update().select_related("projet").get(pk=demande.pk)
        if not platform_permissions.can(user, permissions.DEMANDE_INSTRUCT, demande):
            raise ChangeRefused(lifecycle.WRONG_ACTOR_AGENT)
        # the grant must be possible before anything is written
        try:
            lifecycle.next_status(
                demande.kind, lifecycle.Action.ACCORDER, demande.status_enum, lifecycle.Actor.INSTRUCTEUR
            )
        except lifecycle.TransitionRefused as refused:
            raise ChangeRefused(refused.message) from None
        corrected = values_check(demande.projet, ChangeKind(demande.kind), values).payload
        before = dict(demande.payload)
        demande.payload = {**demande.payload, **corrected, "valeur_demandee": before}
        demande.save(update_fields=["payload", "updated_at"])
        event_record(
            actor=user,
            action="potentiel.demande.corriger-avant-accord",
            target=demande,
            product=PRODUCT,
            payload={"projet": demande.projet.identifiant, "champs": sorted(corrected)},
        )
        return demande_decide(
            user=user,
            demande=demande,
            action=lifecycle.Action.ACCORDER,
            decision_reason=decision_reason,
            today=today,
            event=f"{NOUNS[ChangeKind(demande.kind)][0]} corrigée et accordée",
        )


def identification_correct(*, user, projet: Projet, numero: str) -> Projet:
    """The holder corrects the producer's identification number (SIRET or equivalent)."""
    platform_permissions.require(user, permissions.PROJET_ACT, projet)
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        if not projet.is_laureat:
            raise ChangeRefused("Le projet lauréat n'existe pas")
        before = projet.numero_identification
        projet.numero_identification = check_identification_change(before, numero)
        projet.save(update_fields=["numero_identification"])
        event_record(
            actor=user,
            action="potentiel.projet.numero-identification-corrige",
            target=projet,
            product=PRODUCT,
            payload={"projet": projet.identifiant, "champs": ["numero_identification"]},
        )
    return projet
