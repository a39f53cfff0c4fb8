"""The holder's to-dos and deadlines that the workflows add to a project's page and list:
guarantees to transmit, the grid reference and the DCR's acknowledgement to give, an abandonment to confirm, the guarantees'
due date. Registered with `selectors.projects` from apps.py."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from ..domain.grid import DossierFacts, connection_open, grid_todos
from ..domain.lifecycle import Status
from ..enums import Statut
from ..models import DepotGaranties, GarantiesActuelles, GarantiesAttendues, Raccordement, SignalementPPA
from .projects import Deadline, Todo, register_deadline_provider, register_todo_provider


def _grid_todos(projet) -> list[Todo]:
    """The grid connection's to-dos, also for an abandoned project gone in PPA."""
    if projet.statut != Statut.LAUREAT:
        return []
    raccordement = Raccordement.objects.filter(projet=projet).first()
    dossiers = list(raccordement.dossiers.all()) if raccordement else []
    is_open = connection_open(
        statut_laureat=projet.statut_laureat,
        abandon_pending=projet.demandes.pending().filter(kind="abandon").exists(),
        ppa=SignalementPPA.objects.filter(projet=projet).exists(),
    )
    facts = [DossierFacts(d.reference, has_acknowledgement=bool(d.dcr_sha256)) for d in dossiers]
    url = reverse("potentiel:raccordement", args=[projet.pk])
    return [Todo(label, url) for label in grid_todos(facts, open_=is_open)]


def workflow_todos(projet, user=None, *, today: dt.date | None = None) -> list[Todo]:
    if not projet.is_active_laureat:
        return _grid_todos(projet)
    today = today or timezone.localdate()
    todos = []
    expected = GarantiesAttendues.objects.filter(projet=projet).first()
    # Sent and awaiting the DREAL's validation: nothing left for the holder to do meanwhile (the
    # expectation and its deadline stay until the DREAL validates, or the holder deletes it).
    if expected and not DepotGaranties.objects.filter(projet=projet).exists():
        todos.append(
            Todo(
                "Transmettre les garanties financières",
                reverse("potentiel:garanties", args=[projet.pk]),
                due=expected.deadline,
                urgent=today >= expected.deadline,
            )
        )
    todos.extend(_grid_todos(projet))
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
