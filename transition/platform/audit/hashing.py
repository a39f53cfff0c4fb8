"""The canonical form of an audit event and its hash: pure Python, no Django.

Each event's hash is the SHA-256 of a canonical JSON text (sorted keys, no spaces, UTF-8) of its
content and of the previous event's hash, so that changing, removing or reordering one event
breaks every hash after it.
"""

import hashlib
import json

GENESIS_HASH = "0" * 64


def canonical(
    *,
    previous_hash: str,
    created_at: str,
    actor_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    payload: dict,
    product: str,
) -> bytes:
    body = {
        "action": action,
        "actor_id": actor_id,
        "created_at": created_at,
        "object_id": object_id,
        "object_type": object_type,
        "payload": payload,
        "previous_hash": previous_hash,
        "product": product,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def event_hash(**fields) -> str:
    return hashlib.sha256(canonical(**fields)).hexdigest()
