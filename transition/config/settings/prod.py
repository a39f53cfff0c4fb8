"""Production settings: HTTPS everywhere, compressed static files, no default secret."""

import os

from django.core.exceptions import ImproperlyConfigured

from transition.config.env import env_bool, env_int, env_str

from .base import *  # noqa: F403

DEBUG = False
if len(os.environ.get("DJANGO_SECRET_KEY", "")) < 50:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY doit être défini (au moins 50 caractères) en production.")
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
# The audit chain's key: never the development one, 32 characters at least (docs/deploy.md).
if not os.environ.get("AUDIT_HMAC_KEYS") or any(len(secret) < 32 for _, secret in AUDIT_HMAC_KEYS):
    raise ImproperlyConfigured(
        "AUDIT_HMAC_KEYS doit être défini en production (« identifiant:secret », secret de 32 caractères au moins)."
    )

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}

# nginx in front (docs/deploy.md) passes the client's address in X-Real-IP: without it, every
# visitor would share the proxy's address and its rate limits. Set it empty only without a proxy
# (and silence accounts.W001, the `check --deploy` warning).
RATE_LIMIT_CLIENT_IP_HEADER = env_str("RATE_LIMIT_CLIENT_IP_HEADER", "HTTP_X_REAL_IP")
