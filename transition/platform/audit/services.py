"""Writing to the audit log. Products log their decisions here."""

import json
from datetime import UTC

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from .anchors import anchors_store
from .hashing import GENESIS_HASH, anchor_signature
from .keys import signing_key
from .models import ChainHead, Event

HEAD_PK = 1


def _normalised(payload: dict | None) -> dict:
    """The payload exactly as the database will give it back (dates, decimals, UUIDs as text)."""
    if payload is None:
        return {}
    if not isinstance(payload, dict):
        raise TypeError("payload doit être un dictionnaire")
    return json.loads(json.dumps(payload, cls=DjangoJSONEncoder, allow_nan=False))


def _target(target) -> tuple[str, str]:
    if target is None:
        return "", ""
    if isinstance(target, models.Model):
        return target._meta.label_lower, str(target.pk)
    if isinstance(target, tuple) and len(target) == 2:
        return str(target[0]), str(target[1])
    raise TypeError("target doit être une instance de modèle ou un couple (type, identifiant)")


def event_record(*, actor, action: str, target=None, payload: dict | None = None, product: str = "") -> Event:
    """Append one event to the chain. `actor`: a user, None (the system) or an anonymous user.
    `target`: a model instance or an (object_type, object_id) pair. Keep personal data out of
    `payload`: the log is never rewritten; the actor is referenced by id only."""
    if not action:
        raise ValueError("action est obligatoire")
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    object_type, object_id = _target(target)
    payload = _normalised(payload)
    with transaction.atomic():
        # The lock: an UPDATE of the single head row (row lock on PostgreSQL, write lock on SQLite).
        now = timezone.now()
        if not ChainHead.objects.filter(pk=HEAD_PK).update(updated_at=now):
            ChainHead.objects.get_or_create(pk=HEAD_PK, defaults={"last_hash": GENESIS_HASH, "updated_at": now})
            ChainHead.objects.filter(pk=HEAD_PK).update(updated_at=now)
        last = Event.objects.order_by("-id").only("hash").first()
        event = Event(
            created_at=now,
            actor_id=actor_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            payload=payload,
            product=product,
            previous_hash=last.hash if last else GENESIS_HASH,
            key_id=signing_key()[0],
        )
        event.hash = event.computed_hash()
        event.save()
        ChainHead.objects.filter(pk=HEAD_PK).update(last_event_id=event.pk, last_hash=event.hash)
    return event


def events_record(events: list[dict], *, product: str = "") -> list[Event]:
    """Append many events at once, in order, under one lock of the chain head: the same chain as
    as many `event_record` calls (one event each, each sealed on the previous one, each inserted
    by its own save: the log refuses bulk writes), in N + 3 queries instead of 4 N. Each item: the keyword arguments of `event_record`
    (`actor`, `action`, `target`, `payload`; `product` defaults to this call's)."""
    if not events:
        return []
    key_id = signing_key()[0]
    with transaction.atomic():
        now = timezone.now()
        if not ChainHead.objects.filter(pk=HEAD_PK).update(updated_at=now):
            ChainHead.objects.get_or_create(pk=HEAD_PK, defaults={"last_hash": GENESIS_HASH, "updated_at": now})
            ChainHead.objects.filter(pk=HEAD_PK).update(updated_at=now)
        last = Event.objects.order_by("-id").only("hash").first()
        previous = last.hash if last else GENESIS_HASH
        built = []
        for item in events:
            if not item.get("action"):
                raise ValueError("action est obligatoire")
            actor = item.get("actor")
            object_type, object_id = _target(item.get("target"))
            event = Event(
                created_at=now,
                actor_id=actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None,
                action=item["action"],
                object_type=object_type,
                object_id=object_id,
                payload=_normalised(item.get("payload")),
                product=item.get("product", product),
                previous_hash=previous,
                key_id=key_id,
            )
            event.hash = event.computed_hash()
            event.save()
            previous = event.hash
            built.append(event)
        ChainHead.objects.filter(pk=HEAD_PK).update(last_event_id=built[-1].pk, last_hash=previous)
    return built


def anchor_build(*, now=None) -> dict | None:
    """The next anchor: the chain head and every event since the last anchor (at most
    AUDIT_ANCHOR_MAX_EVENTS), signed with the current key. None when the log is empty."""
    head = Event.objects.order_by("-id").only("id", "hash").first()
    if head is None:
        return None
    state = ChainHead.objects.filter(pk=HEAD_PK).first()
    since = state.anchored_event_id if state and state.anchored_event_id else 0
    listed = list(
        Event.objects.filter(id__gt=since, id__lte=head.pk)
        .order_by("-id")
        .values_list("id", "hash")[: settings.AUDIT_ANCHOR_MAX_EVENTS]
    )
    key_id, key = signing_key()
    anchor = {
        "format": "transition-audit-anchor/1",
        "written_at": (now or timezone.now()).astimezone(UTC).isoformat(timespec="microseconds"),
        "head_event_id": head.pk,
        "head_hash": head.hash,
        "events": [[event_id, event_hash] for event_id, event_hash in reversed(listed)],
        "key_id": key_id,
    }
    anchor["signature"] = anchor_signature(key, anchor)
    return anchor


def anchor_write(*, now=None) -> tuple[dict | None, list[str]]:
    """Write the signed chain head outside the database (every AUDIT_ANCHOR_BACKENDS), then
    remember it as the last anchored event. Nothing new since the last anchor: nothing written."""
    anchor = anchor_build(now=now)
    state = ChainHead.objects.filter(pk=HEAD_PK).first()
    if anchor is None or (state and state.anchored_event_id == anchor["head_event_id"]):
        return None, []
    places = anchors_store(anchor)
    ChainHead.objects.filter(pk=HEAD_PK).update(anchored_event_id=anchor["head_event_id"])
    return anchor, places
