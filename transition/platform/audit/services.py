"""Writing to the audit log. Products log their decisions here."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from .hashing import GENESIS_HASH
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
        )
        event.hash = event.computed_hash()
        event.save()
        ChainHead.objects.filter(pk=HEAD_PK).update(last_event_id=event.pk, last_hash=event.hash)
    return event
