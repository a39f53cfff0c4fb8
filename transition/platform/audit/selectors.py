"""Reading the audit log, and verifying it: the chain of keyed hashes, then the anchors kept
outside the database."""

from dataclasses import dataclass, field

from .hashing import GENESIS_HASH, LEGACY_KEY_ID, signature_matches
from .keys import UnknownKeyError, key_for
from .models import ChainHead, Event


@dataclass(frozen=True)
class ChainBreak:
    event_id: int | None
    reason: str


@dataclass
class AnchorCheck:
    anchors: int = 0
    events: int = 0  # events whose hash an anchor vouches for
    problems: list[str] = field(default_factory=list)  # anchors unreadable, badly signed, contradictory
    broken: ChainBreak | None = None  # the first event that disagrees with an anchor


def chain_verify(*, batch_size: int = 2000) -> tuple[int, ChainBreak | None]:
    """Walk the chain from the first event; return how many events were checked and the first
    break found (None when the chain is whole)."""
    previous_hash = GENESIS_HASH
    checked = 0
    last_id = None
    keyed_seen = False
    for event in Event.objects.order_by("id").iterator(chunk_size=batch_size):
        if event.previous_hash != previous_hash:
            return checked, ChainBreak(
                event.pk, "l’empreinte précédente ne correspond pas (événement supprimé, inséré ou déplacé)"
            )
        if event.key_id == LEGACY_KEY_ID and keyed_seen:
            # Unkeyed hashes are only the oldest events', written before the chain was keyed.
            return checked, ChainBreak(event.pk, "empreinte sans clé après des événements scellés (réécriture)")
        keyed_seen = keyed_seen or event.key_id != LEGACY_KEY_ID
        try:
            expected = event.computed_hash()
        except UnknownKeyError as exc:
            return checked, ChainBreak(event.pk, f"scellé par la {exc}")
        if expected != event.hash:
            return checked, ChainBreak(event.pk, "le contenu ne correspond plus à son empreinte (événement modifié)")
        previous_hash = event.hash
        last_id = event.pk
        checked += 1
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_event_id != last_id or head.last_hash != previous_hash):
        return checked, ChainBreak(head.last_event_id, "le dernier événement connu manque (fin de chaîne supprimée)")
    return checked, None


def anchors_verify(anchors: list[tuple[str, dict | None]], *, batch_size: int = 2000) -> AnchorCheck:
    """Compare the database with the anchors: each anchor's signature, then every (id, hash)
    they vouch for. The first event (by id) missing or with another hash is the break."""
    result = AnchorCheck()
    expected: dict[int, tuple[str, str]] = {}  # event id -> (hash, anchor that vouches for it)
    for name, anchor in anchors:
        if not isinstance(anchor, dict):
            result.problems.append(f"{name} : ancre illisible")
            continue
        try:
            valid = signature_matches(key_for(str(anchor.get("key_id", ""))), anchor)
        except UnknownKeyError as exc:
            result.problems.append(f"{name} : signée par la {exc}")
            continue
        if not valid:
            result.problems.append(f"{name} : signature invalide (ancre modifiée ou forgée)")
            continue
        result.anchors += 1
        pairs = [*anchor.get("events", []), [anchor.get("head_event_id"), anchor.get("head_hash")]]
        for event_id, event_hash in pairs:
            if event_id is None:
                continue
            known = expected.get(int(event_id))
            if known and known[0] != event_hash:
                result.problems.append(
                    f"{name} et {known[1]} : deux empreintes différentes pour l’événement {event_id}"
                )
            expected.setdefault(int(event_id), (event_hash, name))
    result.events = len(expected)
    ids = sorted(expected)
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        stored = dict(Event.objects.filter(id__in=chunk).values_list("id", "hash"))
        for event_id in chunk:
            anchored_hash, name = expected[event_id]
            if event_id not in stored:
                result.broken = ChainBreak(event_id, f"absent de la base alors que l’ancre {name} l’atteste (supprimé)")
                return result
            if stored[event_id] != anchored_hash:
                result.broken = ChainBreak(
                    event_id, f"son empreinte diffère de celle de l’ancre {name} (historique réécrit)"
                )
                return result
    return result


def events_for_actor(*, actor_id: int):
    return Event.objects.filter(actor_id=actor_id).order_by("id")
