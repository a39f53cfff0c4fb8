"""The requester's space: the demands a signed-in person sent, each with its statuses and the
messages exchanged with the operator (the operator's internal comments are not shown)."""

from dataclasses import dataclass

from django.db.models import QuerySet

from ..domain.demand_status import status_label
from ..enums import DemandEventKind
from ..models import Demand, DemandEvent
from ..permissions import requester_demands

__all__ = ["TimelineEntry", "requester_demand_get", "requester_demand_list", "requester_timeline"]

# What the requester sees of a demand's history: the operator's comments and corrections stay in
# the back-office.
SHOWN = (DemandEventKind.CREATED, DemandEventKind.STATUS, DemandEventKind.EMAIL, DemandEventKind.REQUESTER_MESSAGE)


@dataclass(frozen=True)
class TimelineEntry:
    event: DemandEvent
    kind: str  # "status", "operator", "requester", "created"
    title: str
    text: str


def requester_demand_list(*, user) -> QuerySet[Demand]:
    return requester_demands(user).select_related("network", "network_under_construction").order_by("-created_at")


def requester_demand_get(*, user, pk: int) -> Demand | None:
    return requester_demand_list(user=user).filter(pk=pk).first()


def requester_timeline(demand: Demand) -> list[TimelineEntry]:
    entries = []
    for event in demand.events.filter(kind__in=SHOWN).order_by("created_at", "id"):
        if event.kind == DemandEventKind.CREATED:
            entries.append(TimelineEntry(event, "created", "Demande envoyée", ""))
        elif event.kind == DemandEventKind.STATUS:
            entries.append(TimelineEntry(event, "status", f"Statut : {status_label(event.to_status)}", ""))
        elif event.kind == DemandEventKind.EMAIL:
            entries.append(TimelineEntry(event, "operator", "Message du gestionnaire", event.text))
        else:
            entries.append(TimelineEntry(event, "requester", "Votre message", event.text))
    return entries
