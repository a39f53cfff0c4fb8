"""The keys of the audit chain, from settings.AUDIT_HMAC_KEYS: the first seals, all verify."""

from django.conf import settings


class UnknownKeyError(Exception):
    def __init__(self, key_id: str):
        self.key_id = key_id
        super().__init__(f"clé « {key_id} » absente de AUDIT_HMAC_KEYS")


def signing_key() -> tuple[str, bytes]:
    return settings.AUDIT_HMAC_KEYS[0]


def key_for(key_id: str) -> bytes:
    for known_id, secret in settings.AUDIT_HMAC_KEYS:
        if known_id == key_id:
            return secret
    raise UnknownKeyError(key_id)
