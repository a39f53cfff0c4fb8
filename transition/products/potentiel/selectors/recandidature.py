"""Reads for the proof of recandidature: the abandon it follows, the projects the holder may name,
and the holder's to-do while the proof is awaited (registered with `selectors.projects`)."""

from django.urls import reverse

from ..domain.changes import ChangeKind
from ..domain.recandidature import PROOF_WINDOW, proof_awaited
from ..enums import StatutLaureat
from ..models import Demande, Projet
from .projects import Todo, register_todo_provider
from .requests import last_demande


def abandon_of(projet: Projet) -> Demande | None:
    return last_demande(projet, ChangeKind.ABANDON)


def proof_of(abandon: Demande | None) -> dict | None:
    return (abandon.payload or {}).get("preuve_recandidature") if abandon else None


def awaits_proof(projet: Projet) -> bool:
    abandon = abandon_of(projet)
    return abandon is not None and proof_awaited(
        abandon.status_enum, bool(abandon.payload.get("recandidature")), proof_of(abandon) is not None
    )


def held_projects(user, projet: Projet):
    """The other projects the holder holds (the service checks the rules on the one named)."""
    return (
        Projet.objects.filter(accesses__user=user, accesses__revoked_at__isnull=True)
        .exclude(pk=projet.pk)
        .select_related("periode")
        .distinct()
    )


def candidate_proofs(user, projet: Projet):
    """What the page offers: the holder's other projects notified within the window, not
    abandoned, the latest first (as the original lists them)."""
    return (
        held_projects(user, projet)
        .filter(date_notification__range=PROOF_WINDOW)
        .exclude(statut_laureat=StatutLaureat.ABANDONNE)
        .order_by("-date_notification", "nom_projet")
    )


def recandidature_todos(projet: Projet, user=None, **_) -> list[Todo]:
    # only an abandoned project may await a proof: no query for the others
    if projet.statut_laureat != StatutLaureat.ABANDONNE or not awaits_proof(projet):
        return []
    return [Todo("Transmettre la preuve de recandidature", reverse("potentiel:recandidature", args=[projet.pk]))]


def register() -> None:
    register_todo_provider(recandidature_todos)
