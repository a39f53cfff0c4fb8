"""Test settings: jobs run at once, mail stays in memory, passwords hash fast."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import HUEY

HUEY = {**HUEY, "immediate": True}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
JDMA_URLS = {
    "portail": "https://jedonnemonavis.numerique.gouv.fr/Demarches/0000?button=0",
    "chaleur": "https://jedonnemonavis.numerique.gouv.fr/Demarches/0001?button=1",
    "comobi": "",
    "potentiel": "",
    "carbure": "",
    "friches": "",
}
WHITENOISE_USE_FINDERS = True
CHALEUR_TEST_COUNT_FLUSH_S = 0  # addresses tested written at once
WHITENOISE_AUTOREFRESH = True

# A second alias for the replica router's tests, mirroring the test database; reads go to it
# only where a test turns DATABASE_REPLICA_READS on (tests/platform/core/test_db_router.py).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
DATABASE_REPLICA_READS = False

if "spatialite" in DATABASES["default"]["ENGINE"]:
    # A file per xdist worker (pytest-django adds the suffix); SpatiaLite's in-memory mode loses
    # its metadata across the connections the test runner opens.
    # The pid keeps two test runs on one machine apart.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}

# Anchors of the audit chain: a folder of this test run, never the development one.
AUDIT_ANCHOR_DIR = tempfile.mkdtemp(prefix="transition-test-anchors-")
