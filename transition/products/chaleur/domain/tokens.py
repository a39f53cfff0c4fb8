"""The secrets handed out in links and to API clients: random, and kept only as a hash. Pure Python."""

import hashlib
import secrets


def token_new() -> str:
    """A fresh secret, safe in a URL (256 bits of randomness)."""
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """What is stored of a secret (SHA-256, hex): enough to recognise it, useless to steal."""
    return hashlib.sha256(token.encode()).hexdigest()
