"""Release of financial guarantees (« mainlevée »): the holder asks for it (project abandonné or
achevé) or cancels it, the DREAL takes it in instruction, grants it (the guarantees become
« levées ») or rejects it, with a reasoned letter. Statuses, who may act and what follows come
from `lifecycle.LIFECYCLES["mainlevée"]`; who is told what from `MAINLEVEE_NOTICES`."""

from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from transition.platform.accounts import permissions as platform_permissions

from .. import notifications, permissions
from ..domain import guarantees as rules
from ..domain import lifecycle
from ..domain.guarantees import MAINLEVEE_NOTICES, GuaranteeRefused, GuaranteeStatus, HistoryReason
from ..domain.lifecycle import Action, Actor, Effect, Status
from ..models import GarantiesActuelles, GarantiesHistorique, Mainlevee, Projet
from .guarantees import (
    garanties_audit,
    garanties_path,
    garanties_snapshot,
    guarantee_facts,
    guarantee_tasks_cancel,
    instruct_check,
)
from .letters import letter_render


def _last(projet: Projet) -> Mainlevee | None:
    return Mainlevee.objects.select_for_update().filter(projet=projet).order_by("-filed_at", "-id").first()


def _notify(projet: Projet, action: Action) -> None:
    subject, message = MAINLEVEE_NOTICES[action]
    for effect in lifecycle.effects(lifecycle.MAINLEVEE, action):
        if effect is Effect.NOTIFY_AUTHORITY:
            notifications.notify_authority(
                projet=projet, authority="dreal", event=subject, message=message, path=garanties_path(projet)
            )
        elif effect is Effect.NOTIFY_HOLDER:
            notifications.notify_holders(projet=projet, event=subject, message=message, path=garanties_path(projet))


def mainlevee_request(*, user, projet: Projet, reason: str) -> Mainlevee:
    platform_permissions.require(user, permissions.PROJET_ACT, projet)
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        checked = rules.check_mainlevee_request(reason, guarantee_facts(projet))
        mainlevee = Mainlevee.objects.create(projet=projet, reason=checked, status=Status.DEMANDE, filed_by=user)
        garanties_audit(projet, "mainlevee-demande", user, motif=checked)
        _notify(projet, Action.DEMANDER)
    return mainlevee


def _release(projet: Projet) -> None:
    """Granted: the current guarantees (valid or expired since the request) are « levées » and
    nothing is expected any more."""
    for current in GarantiesActuelles.objects.filter(projet=projet):
        current.status, current.released_at = GuaranteeStatus.LEVE, timezone.now()
        current.save(update_fields=["status", "released_at"])
        GarantiesHistorique.objects.create(
            projet=projet, raison=HistoryReason.MAINLEVEE, snapshot=garanties_snapshot(current)
        )


def mainlevee_act(
    *, user, projet: Projet, action: Action | str, decision_reason: str = "", today: date | None = None
) -> Mainlevee:
    """Cancel (holder), take in instruction, grant or reject (DREAL, with a letter)."""
    action = Action(action)
    today = today or timezone.localdate()
    if action is Action.ANNULER:
        platform_permissions.require(user, permissions.PROJET_ACT, projet)
        actor = Actor.PORTEUR
    else:
        instruct_check(user, projet)
        actor = Actor.INSTRUCTEUR
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        mainlevee = _last(projet)
        try:
            status = lifecycle.next_status(
                lifecycle.MAINLEVEE, action, Status(mainlevee.status) if mainlevee else None, actor
            )
        except lifecycle.TransitionRefused as refused:
            raise GuaranteeRefused(refused.message) from None
        mainlevee.status = status
        if action in lifecycle.DECISIONS:
            if not decision_reason.strip():
                raise GuaranteeRefused("Les motifs de la décision sont obligatoires")
            mainlevee.decided_by, mainlevee.decided_at = user, timezone.now()
            mainlevee.decision_reason = decision_reason.strip()[:5000]
            letter = letter_render(
                template_names=["potentiel/letters/mainlevee.html"],
                context={
                    "mainlevee": mainlevee,
                    "projet": projet,
                    "accorde": action is Action.ACCORDER,
                    "signataire": user.get_full_name(),
                },
                name=f"mainlevee-{mainlevee.pk}.pdf",
                today=today,
            )
            mainlevee.letter.save(letter.name, ContentFile(letter.content), save=False)
            mainlevee.letter_sha256 = letter.sha256
        effects = lifecycle.effects(lifecycle.MAINLEVEE, action)
        if Effect.RELEASE_GUARANTEES in effects:
            _release(projet)
        if Effect.CANCEL_GUARANTEE_TASKS in effects:
            guarantee_tasks_cancel(projet=projet)
        mainlevee.save()
        garanties_audit(projet, f"mainlevee-{action.value}", user, statut=status, courrier=mainlevee.letter_sha256)
        _notify(projet, action)
    return mainlevee
