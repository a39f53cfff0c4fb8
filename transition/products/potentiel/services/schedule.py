"""Dated tasks of a project: plan them, cancel them (the daily job runs them: tasks.py)."""

from datetime import date

from django.utils import timezone

from ..domain.completion import completion_reminders
from ..domain.guarantees import due_reminders
from ..models import TacheKind, TachePlanifiee, TacheStatus

COMPLETION_KINDS = {
    "trois-mois": TacheKind.RAPPEL_ACHEVEMENT_3,
    "deux-mois": TacheKind.RAPPEL_ACHEVEMENT_2,
    "un-mois": TacheKind.RAPPEL_ACHEVEMENT_1,
}
GUARANTEE_DUE_KINDS = {"trois-mois": TacheKind.RAPPEL_ECHEANCE_GF_3, "un-mois": TacheKind.RAPPEL_ECHEANCE_GF_1}
GUARANTEE_KINDS = (
    TacheKind.ECHOIR_GARANTIES,
    TacheKind.RAPPEL_ECHEANCE_GF_3,
    TacheKind.RAPPEL_ECHEANCE_GF_1,
    TacheKind.RAPPEL_GF_A_TRANSMETTRE,
)
AUTOMATIC_DECISION_KINDS = (TacheKind.REPRESENTANT_LEGAL_DECISION, TacheKind.REPRESENTANT_LEGAL_RAPPEL)


def task_plan(*, projet, kind: str, due_on: date, demande=None) -> TachePlanifiee:
    """Plan a task, replacing the same planned task of the project (and request)."""
    tasks_cancel(projet=projet, kinds=[kind], demande=demande)
    return TachePlanifiee.objects.create(projet=projet, kind=kind, due_on=due_on, demande=demande)


def tasks_cancel(*, projet, kinds, demande=None, outcome: str = "annulée") -> int:
    return tasks_cancel_many(projets=[projet], kinds=kinds, demande=demande, outcome=outcome)


def tasks_cancel_many(*, projets, kinds, demande=None, outcome: str = "annulée") -> int:
    """`tasks_cancel` for many projects at once: one UPDATE."""
    queryset = TachePlanifiee.objects.filter(projet__in=projets, kind__in=list(kinds), status=TacheStatus.PLANIFIEE)
    if demande is not None:
        queryset = queryset.filter(demande=demande)
    return queryset.update(status=TacheStatus.ANNULEE, done_at=timezone.now(), outcome=outcome[:300])


def completion_reminders_plan(*, projet, today: date | None = None) -> None:
    """« Rappel échéance achèvement » at −3, −2 and −1 months of the planned date (only ahead)."""
    completion_reminders_plan_many(projets=[projet], today=today)


def completion_reminders_plan_many(*, projets, today: date | None = None) -> None:
    """`completion_reminders_plan` for many projects (a batch of a notification): one UPDATE to
    cancel the former reminders, one INSERT for all the new ones."""
    tasks_cancel_many(projets=projets, kinds=COMPLETION_KINDS.values())
    today = today or timezone.localdate()
    TachePlanifiee.objects.bulk_create(
        TachePlanifiee(projet=projet, kind=COMPLETION_KINDS[key], due_on=day)
        for projet in projets
        if projet.date_achevement_previsionnelle is not None
        for key, day in completion_reminders(projet.date_achevement_previsionnelle).items()
        if day >= today
    )


def guarantee_due_plan(*, projet, due_date: date | None, expiry_on: date | None, today: date | None = None) -> None:
    """Expiry the day after the due date, reminders one and three months before."""
    guarantee_due_plan_many(plans=[(projet, due_date, expiry_on)], today=today)


def guarantee_due_plan_many(*, plans: list[tuple], today: date | None = None) -> None:
    """`guarantee_due_plan` for many `(projet, due_date, expiry_on)` at once: one UPDATE, one
    INSERT."""
    if not plans:
        return
    tasks_cancel_many(
        projets=[projet for projet, _, _ in plans], kinds=[TacheKind.ECHOIR_GARANTIES, *GUARANTEE_DUE_KINDS.values()]
    )
    today = today or timezone.localdate()
    tasks = []
    for projet, due_date, expiry_on in plans:
        if due_date is None:
            continue
        tasks.append(TachePlanifiee(projet=projet, kind=TacheKind.ECHOIR_GARANTIES, due_on=expiry_on))
        tasks += [
            TachePlanifiee(projet=projet, kind=GUARANTEE_DUE_KINDS[key], due_on=day)
            for key, day in due_reminders(due_date).items()
            if day >= today
        ]
    TachePlanifiee.objects.bulk_create(tasks)


def tasks_due(*, on: date):
    return TachePlanifiee.objects.filter(status=TacheStatus.PLANIFIEE, due_on__lte=on).select_related("projet")
