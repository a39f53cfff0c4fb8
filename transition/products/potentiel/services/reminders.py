"""The daily run of dated tasks: reminders (completion, guarantees, représentant légal),
guarantee expiry, automatic decisions. Each task is marked done with its outcome, so a second run
the same day does nothing twice; a task whose object changed meanwhile ends « sans objet »."""

from collections import Counter
from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from .. import notifications
from ..domain.changes import ChangeRefused
from ..domain.completion import CompletionRefused
from ..domain.guarantees import GuaranteeRefused
from ..models import GarantiesAttendues, TacheKind, TachePlanifiee, TacheStatus
from .guarantees import actuelles_expire
from .requests import demande_decide_automatically, demande_path, documents_delete
from .schedule import tasks_due

MONTHS = {
    TacheKind.RAPPEL_ACHEVEMENT_3: "trois mois",
    TacheKind.RAPPEL_ACHEVEMENT_2: "deux mois",
    TacheKind.RAPPEL_ACHEVEMENT_1: "un mois",
    TacheKind.RAPPEL_ECHEANCE_GF_3: "trois mois",
    TacheKind.RAPPEL_ECHEANCE_GF_1: "un mois",
}


def _run(task: TachePlanifiee, on: date) -> str:
    projet = task.projet
    kind = TacheKind(task.kind)
    if kind in (TacheKind.RAPPEL_ACHEVEMENT_3, TacheKind.RAPPEL_ACHEVEMENT_2, TacheKind.RAPPEL_ACHEVEMENT_1):
        if not projet.is_active_laureat or projet.date_achevement_previsionnelle is None:
            return "sans objet"
        message = (
            f"L’achèvement du projet est attendu dans {MONTHS[kind]}, le "
            f"{projet.date_achevement_previsionnelle:%d/%m/%Y}. Pensez à transmettre l’attestation de conformité."
        )
        path = reverse("potentiel:achevement", args=[projet.pk])
        sent = notifications.notify_holders(
            projet=projet, event="Rappel échéance achèvement", message=message, path=path
        )
        notifications.notify_authority(
            projet=projet, authority="dreal", event="Rappel échéance achèvement", message=message, path=path
        )
        return f"rappel envoyé ({sent})"
    if kind is TacheKind.ECHOIR_GARANTIES:
        try:
            actuelles_expire(projet=projet, on=on)
        except GuaranteeRefused as refused:
            return f"sans objet : {refused.message}"
        return "garanties échues"
    if kind in (TacheKind.RAPPEL_ECHEANCE_GF_3, TacheKind.RAPPEL_ECHEANCE_GF_1):
        current = getattr(projet, "garanties_actuelles", None)
        if current is None or current.status != "validé" or current.date_echeance is None:
            return "sans objet"
        message = (
            f"Vos garanties financières arrivent à échéance dans {MONTHS[kind]}, le {current.date_echeance:%d/%m/%Y} : "
            "déposez leur renouvellement sur Potentiel."
        )
        path = reverse("potentiel:garanties", args=[projet.pk])
        return f"rappel envoyé ({notifications.notify_holders(projet=projet, event='Rappel échéance garanties financières', message=message, path=path)})"
    if kind is TacheKind.RAPPEL_GF_A_TRANSMETTRE:
        expected = GarantiesAttendues.objects.filter(projet=projet).first()
        if expected is None or projet.statut_laureat != "actif":
            return "sans objet"
        message = f"Des garanties financières sont attendues pour ce projet avant le {expected.deadline:%d/%m/%Y}."
        path = reverse("potentiel:garanties", args=[projet.pk])
        return f"rappel envoyé ({notifications.notify_holders(projet=projet, event='Garanties financières à transmettre', message=message, path=path)})"
    if kind is TacheKind.REPRESENTANT_LEGAL_RAPPEL:
        demande = task.demande
        if demande is None or not demande.is_pending:
            return "sans objet"
        automatic = "accord" if demande.payload.get("instruction_automatique") == "accord" else "refus"
        message = (
            "La demande de changement de représentant légal attend votre instruction. Sans décision dans un mois, "
            f"elle fera l’objet d’un {automatic} automatique."
        )
        notifications.notify_authority(
            projet=projet,
            authority=demande.authority,
            event="Rappel d'instruction de la demande de modification du représentant légal",
            message=message,
            path=demande_path(demande),
        )
        return "rappel envoyé"
    if kind is TacheKind.REPRESENTANT_LEGAL_PIECES:
        if task.demande is None:
            return "sans objet"
        return f"pièces supprimées ({documents_delete(demande=task.demande)})"
    if kind is TacheKind.REPRESENTANT_LEGAL_DECISION:
        demande = task.demande
        if demande is None:
            return "sans objet"
        try:
            decided = demande_decide_automatically(demande=demande, today=on)
        except ChangeRefused as refused:
            return f"sans objet : {refused.message}"
        return f"décision automatique : {decided.status}" if decided else "sans objet"
    return "tâche inconnue"


def due_tasks_run(*, on: date | None = None, kinds=None, projet=None) -> Counter:
    """Run every planned task due on `on` (today by default) — only those of `kinds` and of
    `projet` when given (an operator replaying one task); returns outcomes counted by kind."""
    on = on or timezone.localdate()
    due = tasks_due(on=on).select_related("demande")
    if kinds is not None:
        due = due.filter(kind__in=list(kinds))
    if projet is not None:
        due = due.filter(projet=projet)
    done = Counter()
    for task in list(due):
        with transaction.atomic():
            locked = TachePlanifiee.objects.select_for_update().filter(pk=task.pk, status=TacheStatus.PLANIFIEE).first()
            if locked is None:  # another run took it, or a service cancelled it
                continue
            try:
                outcome = _run(task, on)
            except CompletionRefused as refused:
                outcome = f"sans objet : {refused.message}"
            TachePlanifiee.objects.filter(pk=task.pk).update(
                status=TacheStatus.EXECUTEE, done_at=timezone.now(), outcome=outcome[:300]
            )
            done[task.kind] += 1
    return done
