"""Reading the audit log."""

from dataclasses import dataclass

from .hashing import GENESIS_HASH
from .models import ChainHead, Event


@dataclass(frozen=True)
class ChainBreak:
    event_id: int | None
    reason: str


def chain_verify(*, batch_size: int = 2000) -> tuple[int, ChainBreak | None]:
    """Walk the chain from the first event; return how many events were checked and the first
    break found (None when the chain is whole)."""
    previous_hash = GENESIS_HASH
    checked = 0
    last_id = None
    for event in Event.objects.order_by("id").iterator(chunk_size=batch_size):
        if event.previous_hash != previous_hash:
            return checked, ChainBreak(
                event.pk, "l’empreinte précédente ne correspond pas (événement supprimé, inséré ou déplacé)"
            )
        if event.computed_hash() != event.hash:
            return checked, ChainBreak(event.pk, "le contenu ne correspond plus à son empreinte (événement modifié)")
        previous_hash = event.hash
        last_id = event.pk
        checked += 1
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_event_id != last_id or head.last_hash != previous_hash):
        return checked, ChainBreak(head.last_event_id, "le dernier événement connu manque (fin de chaîne supprimée)")
    return checked, None


def events_for_actor(*, actor_id: int):
    return Event.objects.filter(actor_id=actor_id).order_by("id")
