"""The holder's to-dos and deadlines that the workflows add to a project's page and list:
guarantees to transmit, the grid reference to give, an abandonment to confirm, the guarantees'
due date. Registered with `selectors.projects` from apps.py."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from ..domain.lifecycle import Status
from ..models import GarantiesActuelles, GarantiesAttendues, Raccordement
from .projects import Deadline, Todo, register_deadline_provider, register_todo_provider


def workflow_todos(projet, user=None, *, today: dt.date | None = None) -> list[Todo]:
    if not projet.is_active_laureat:
        return []
    today = today or timezone.localdate()
    todos = []
    expected = GarantiesAttendues.objects.filter(projet=projet).first()
    if expected:
        todos.append(
            Todo(
                "Transmettre les garanties financières",
                reverse("potentiel:garanties", args=[projet.pk]),
                due=expected.deadline,
                urgent=today >= expected.deadline,
            )
        )
    raccordement = Raccordement.objects.filter(projet=projet).first()
    if raccordement is None or not raccordement.dossiers.exists():
        todos.append(
            Todo(
                "Transmettre la référence du dossier de raccordement",
                reverse("potentiel:raccordement", args=[projet.pk]),
            )
        )
    confirm = projet.demandes.filter(kind="abandon", status=Status.CONFIRMATION_DEMANDEE).first()
    if confirm:
        todos.append(
            Todo("Confirmer la demande d’abandon", reverse("potentiel:demande_detail", args=[confirm.pk]), urgent=True)
        )
    return todos


def workflow_deadlines(projet, user=None) -> list[Deadline]:
    if not projet.is_active_laureat:
        return []
    current = GarantiesActuelles.objects.filter(projet=projet, status="validé", date_echeance__isnull=False).first()
    return [Deadline("Échéance des garanties financières", current.date_echeance)] if current else []


def register() -> None:
    register_todo_provider(workflow_todos)
    register_deadline_provider(workflow_deadlines)
