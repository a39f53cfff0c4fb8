"""The canonical form of an audit event and its seal: pure Python, no Django.

Each event's hash is an HMAC-SHA256, keyed with a secret from the environment
(AUDIT_HMAC_KEYS), of a canonical JSON text (sorted keys, no spaces, UTF-8) of its content and of
the previous event's hash: changing, removing or reordering one event breaks every hash after it,
and nobody without the key can compute the hashes again after rewriting history. Events written
before the chain was keyed (key id "") carry a plain SHA-256; they are accepted only as the
chain's first events (docs/securite/platform.md).

Anchors (the signed chain head written outside the database) are signed with the same key.
"""

import hashlib
import hmac
import json

GENESIS_HASH = "0" * 64
LEGACY_KEY_ID = ""


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
    return _dumps(body)


def _dumps(body: dict) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()


def event_hash(**fields) -> str:
    """The unkeyed hash of the events written before the chain was keyed."""
    return hashlib.sha256(canonical(**fields)).hexdigest()


def event_mac(key: bytes, **fields) -> str:
    return hmac.new(key, canonical(**fields), hashlib.sha256).hexdigest()


def anchor_signature(key: bytes, body: dict) -> str:
    """The HMAC-SHA256 of an anchor's content (every field but `signature`)."""
    return hmac.new(key, _dumps({k: v for k, v in body.items() if k != "signature"}), hashlib.sha256).hexdigest()


def signature_matches(key: bytes, body: dict) -> bool:
    return hmac.compare_digest(anchor_signature(key, body), str(body.get("signature", "")))


def parse_keys(text: str) -> list[tuple[str, bytes]]:
    """AUDIT_HMAC_KEYS: `id:secret,id:secret`, the first one signs, all of them verify."""
    keys = []
    for item in (part.strip() for part in text.split(",")):
        if not item:
            continue
        key_id, sep, secret = item.partition(":")
        key_id = key_id.strip()
        if not sep or not key_id or not secret or len(key_id) > 20:
            raise ValueError(
                "AUDIT_HMAC_KEYS : chaque clé s’écrit « identifiant:secret » (identifiant de 20 caractères au plus)."
            )
        if key_id in {k for k, _ in keys}:
            raise ValueError(f"AUDIT_HMAC_KEYS : l’identifiant « {key_id} » apparaît deux fois.")
        keys.append((key_id, secret.encode()))
    return keys
