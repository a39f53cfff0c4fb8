"""The PPA signal (domain/ppa.py) as an abandon request carries it: the holder ticks it when asking,
the instructor keeps, signals or withdraws it when granting, and cancelling the request withdraws
it (the DGEC and the DREAL are told): `abandon_ppa_follow`, called by services/requests.py inside
its transactions. The DGEC or the project's DREAL may also signal or withdraw it on its own
(`ppa_set_by_agent`)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse

from transition.platform.accounts import permissions as platform_permissions
from transition.platform.audit.services import event_record

from .. import notifications, permissions
from ..domain.changes import NOT_LAUREAT, Authority, ChangeKind, ChangeRefused
from ..domain.lifecycle import Action
from ..domain.ppa import GrantOption, PPARefused, check_signal, check_withdraw, signalled_after_grant
from ..enums import Role, Statut
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


def ppa_set_by_agent(*, user, projet: Projet, signalled: bool) -> None:
    """The DGEC or the project's DREAL signals, or withdraws, the PPA outside an abandon request.
    Signalled on an abandoned project, its grid connection opens again (domain/grid.py)."""
    if not platform_permissions.can(user, permissions.PPA_SIGNAL, projet):
        raise PermissionDenied("Seules la DGEC et la DREAL de la région du projet signalent un PPA.")
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        if projet.statut != Statut.LAUREAT:
            raise ChangeRefused(NOT_LAUREAT)
        try:
            if signalled:
                role = Role.DREAL if permissions.agent_authority(user) is Authority.DREAL else Role.DGEC
                ppa_signal(projet=projet, user=user, role=role)
            else:
                ppa_withdraw(projet=projet, user=user)
        except PPARefused as refused:
            raise ChangeRefused(refused.message) from None


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
