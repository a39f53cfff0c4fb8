"""Reads for financial guarantees: the release request a project's page shows, the release
requests an agent has to instruct, the history of a project's guarantees."""

from ..domain.changes import Authority
from ..domain.lifecycle import Status
from ..models import GarantiesHistorique, Mainlevee, Projet
from ..permissions import agent_authority, dreal_regions

TO_INSTRUCT = (Status.DEMANDE, Status.EN_INSTRUCTION)


def mainlevee_current(projet: Projet) -> Mainlevee | None:
    """The last release request, unless the holder cancelled it (then there is none to show)."""
    last = Mainlevee.objects.filter(projet=projet).order_by("-filed_at", "-id").first()
    return None if last is None or last.status == Status.ANNULE else last


def mainlevees_to_instruct(user):
    """Requested or in instruction: everywhere for the DGEC, in its régions for a DREAL agent."""
    authority = agent_authority(user)
    queryset = Mainlevee.objects.filter(status__in=[s.value for s in TO_INSTRUCT]).select_related("projet")
    if authority is None:
        return queryset.none()
    if authority is Authority.DREAL:
        queryset = queryset.filter(projet__region__in=dreal_regions(user))
    return queryset.order_by("filed_at", "id")


def garanties_historique(projet: Projet, limit: int = 50) -> list[GarantiesHistorique]:
    """Replaced, expired and released guarantees, the most recent first."""
    return list(GarantiesHistorique.objects.filter(projet=projet).order_by("-at", "-id")[:limit])
