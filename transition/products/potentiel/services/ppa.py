"""The PPA signal (domain/ppa.py) as an abandon request carries it: the holder ticks it when asking,
the instructor keeps, signals or withdraws it when granting, and cancelling the request withdraws
it (the DGEC and the DREAL are told). Called by services/requests.py inside its transactions."""

from django.urls import reverse

from transition.platform.audit.services import event_record

from .. import notifications, permissions
from ..domain.changes import Authority, ChangeKind, ChangeRefused
from ..domain.lifecycle import Action
from ..domain.ppa import GrantOption, PPARefused, check_signal, check_withdraw, signalled_after_grant
from ..enums import Role
from ..models import Demande, Projet, SignalementPPA

PRODUCT = "potentiel"
WITHDRAWN_EVENT = "Annulation signalement PPA"


def ppa_signalled(projet: Projet) -> bool:
    return SignalementPPA.objects.filter(projet=projet).exists()


def _audit(projet: Projet, action: str, actor, **payload) -> None:
    event_record(
        actor=actor,
        action=f"potentiel.ppa.{action}",
        target=projet,
        product=PRODUCT,
        payload={"projet": projet.identifiant, **payload},
    )


def ppa_signal(*, projet: Projet, user, role: Role | str, demande: Demande | None = None) -> SignalementPPA:
    check_signal(ppa_signalled(projet))
    row = SignalementPPA.objects.create(projet=projet, signale_par=user, role=Role(role), demande=demande)
    _audit(projet, "signale", user, role=str(role))
    return row


def ppa_withdraw(*, projet: Projet, user, tell_authorities: bool = False) -> None:
    check_withdraw(ppa_signalled(projet))
    SignalementPPA.objects.filter(projet=projet).delete()
    _audit(projet, "annule", user)
    if tell_authorities:
        path = reverse("potentiel:projet_demandes", args=[projet.pk])
        message = "Le porteur a annulé sa demande d’abandon : le signalement PPA du projet est retiré."
        for authority in (Authority.DGEC, Authority.DREAL):
            notifications.notify_authority(
                projet=projet, authority=authority, event=WITHDRAWN_EVENT, message=message, path=path
            )


def abandon_ppa_follow(*, demande: Demande, action: Action, user, option: GrantOption | str | None = None) -> None:
    """What an abandon request's step does to the PPA signal (nothing for the other kinds)."""
    if demande.kind != ChangeKind.ABANDON:
        return
    try:
        _follow(demande, action, user, option)
    except PPARefused as refused:
        raise ChangeRefused(refused.message) from None


def _follow(demande: Demande, action: Action, user, option: GrantOption | str | None) -> None:
    projet = demande.projet
    if action is Action.DEMANDER and demande.payload.get("ppa"):
        ppa_signal(projet=projet, user=user, role=Role.PORTEUR, demande=demande)
    elif action is Action.ANNULER and ppa_signalled(projet):
        ppa_withdraw(projet=projet, user=user, tell_authorities=True)
    elif action is Action.ACCORDER and option:
        before = ppa_signalled(projet)
        after = signalled_after_grant(option, before)
        if after and not before:
            role = Role.DREAL if permissions.agent_authority(user) is Authority.DREAL else Role.DGEC
            ppa_signal(projet=projet, user=user, role=role, demande=demande)
        elif before and not after:
            ppa_withdraw(projet=projet, user=user)
