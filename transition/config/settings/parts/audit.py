"""Settings of the audit log: the key of the chain and its anchors (listed in the README).

AUDIT_HMAC_KEYS is `id:secret[,id:secret…]`: the first key seals new events and signs anchors,
the others only verify what they sealed (rotation: docs/deploy.md). Anchors (the signed head of
the chain, written periodically outside the database) go to every backend of
AUDIT_ANCHOR_BACKENDS: `directory` (AUDIT_ANCHOR_DIR, to mount from another machine in
production), `email` (AUDIT_ANCHOR_EMAIL) and `s3` (AUDIT_ANCHOR_S3_BUCKET, with the S3_*
credentials; a bucket with object lock).
"""

from django.core.exceptions import ImproperlyConfigured

from transition.config.env import env_int, env_list, env_str, env_var_dir
from transition.platform.audit.hashing import parse_keys

# A development key; production refuses to start without its own (prod.py).
AUDIT_HMAC_KEYS_DEFAULT = "dev:cle-de-developpement-du-journal-d-audit-a-ne-jamais-utiliser-en-production"
try:
    AUDIT_HMAC_KEYS = parse_keys(env_str("AUDIT_HMAC_KEYS", AUDIT_HMAC_KEYS_DEFAULT))
except ValueError as exc:
    raise ImproperlyConfigured(str(exc)) from exc
if not AUDIT_HMAC_KEYS:
    raise ImproperlyConfigured("AUDIT_HMAC_KEYS ne contient aucune clé.")

AUDIT_ANCHOR_BACKENDS = env_list("AUDIT_ANCHOR_BACKENDS", ["directory"])
_unknown = set(AUDIT_ANCHOR_BACKENDS) - {"directory", "email", "s3"}
if _unknown:
    raise ImproperlyConfigured(f"AUDIT_ANCHOR_BACKENDS : {', '.join(sorted(_unknown))} inconnu (directory, email, s3).")
AUDIT_ANCHOR_DIR = env_str("AUDIT_ANCHOR_DIR") or str(env_var_dir() / "audit-anchors")
AUDIT_ANCHOR_EMAIL = env_list("AUDIT_ANCHOR_EMAIL")
AUDIT_ANCHOR_S3_BUCKET = env_str("AUDIT_ANCHOR_S3_BUCKET")
AUDIT_ANCHOR_S3_PREFIX = env_str("AUDIT_ANCHOR_S3_PREFIX", "audit-anchors/")
if "email" in AUDIT_ANCHOR_BACKENDS and not AUDIT_ANCHOR_EMAIL:
    raise ImproperlyConfigured("AUDIT_ANCHOR_BACKENDS contient « email » : définissez AUDIT_ANCHOR_EMAIL.")
if "s3" in AUDIT_ANCHOR_BACKENDS and not AUDIT_ANCHOR_S3_BUCKET:
    raise ImproperlyConfigured("AUDIT_ANCHOR_BACKENDS contient « s3 » : définissez AUDIT_ANCHOR_S3_BUCKET.")
# When the periodic job writes an anchor (huey crontab minute field: every 30 minutes).
AUDIT_ANCHOR_CRON_MINUTE = env_str("AUDIT_ANCHOR_CRON_MINUTE", "*/30")
# An anchor lists the (id, hash) of every event since the previous one, up to this many.
AUDIT_ANCHOR_MAX_EVENTS = env_int("AUDIT_ANCHOR_MAX_EVENTS", 20000)
