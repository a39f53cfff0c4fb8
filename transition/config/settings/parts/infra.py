"""Infrastructure settings, read from the environment (listed in the README and docs/deploy.md):
cache, job queue, file storage, read replica (its connection is in base.py's DATABASES).
"""

from django.core.exceptions import ImproperlyConfigured

from transition.config.env import env_int, env_str, env_var_dir

REDIS_URL = env_str("REDIS_URL")
REDIS_TIMEOUT_S = env_int("REDIS_TIMEOUT_MS", 500) / 1000

# Cache: Redis when REDIS_URL is set, failing open to each process's memory while Redis does not
# answer (platform/core/cache.py): rate limits then count per process instead of failing requests.
# Short socket timeouts: a Redis that hangs costs a request half a second, once per retry period.
CACHES = {
    "default": (
        {
            "BACKEND": "transition.platform.core.cache.FailOpenRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_S,
                "socket_timeout": REDIS_TIMEOUT_S,
                "FALLBACK_RETRY_S": env_int("CACHE_FALLBACK_RETRY_S", 5),
            },
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Jobs: SQLite storage beside the database by default, Redis as soon as REDIS_URL is set. The
# platform's huey classes enqueue each periodic job once per period, whatever the number of
# consumers running the scheduler (platform/core/queues.py). No task result is stored: nothing
# reads them, and huey would keep them without expiry (what a job produced lives in the database).
_HUEY_COMMON = {
    "name": env_str("HUEY_NAME", "transition"),
    "immediate": False,
    "results": False,
    "consumer": {"workers": env_int("HUEY_WORKERS", 2), "worker_type": "thread"},
}
# Timeouts in the URL (huey takes nothing else with one): a Redis that hangs fails an enqueue in
# half a second instead of holding the request; reads wait longer than the consumer's 1 s poll.
_QUEUE_URL = (
    f"{REDIS_URL}{'&' if '?' in REDIS_URL else '?'}socket_connect_timeout={REDIS_TIMEOUT_S}&socket_timeout=5"
    if REDIS_URL and "socket_timeout" not in REDIS_URL
    else REDIS_URL
)
HUEY = (
    {
        **_HUEY_COMMON,
        "huey_class": "transition.platform.core.queues.RedisHuey",
        "connection": {"url": _QUEUE_URL},
    }
    if REDIS_URL
    else {
        **_HUEY_COMMON,
        "huey_class": "transition.platform.core.queues.SqliteHuey",
        "filename": env_str("HUEY_SQLITE_PATH", str(env_var_dir() / "huey.sqlite3")),
    }
)

# Files (uploads, results): through Django's storage API only. `local` keeps them under
# MEDIA_ROOT (web servers and consumers must then share that disk); `s3` puts them in a private
# bucket of any S3-compatible service, which every machine reaches.
STORAGE_BACKEND = env_str("STORAGE_BACKEND", "local")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},  # prod.py: whitenoise
}
if STORAGE_BACKEND == "s3":
    if not env_str("S3_BUCKET"):
        raise ImproperlyConfigured("STORAGE_BACKEND=s3 demande S3_BUCKET (et S3_ENDPOINT_URL hors AWS).")
    STORAGES = {
        **STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env_str("S3_BUCKET"),
                "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
                "region_name": env_str("S3_REGION") or None,
                "access_key": env_str("S3_ACCESS_KEY_ID") or None,
                "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
                "location": env_str("S3_PREFIX"),
                "addressing_style": env_str("S3_ADDRESSING_STYLE", "path"),
                "default_acl": None,  # the bucket's own policy: private
                "querystring_auth": True,  # never a public URL: files are served by the application
                "file_overwrite": False,
            },
        },
    }
elif STORAGE_BACKEND != "local":
    raise ImproperlyConfigured(f"STORAGE_BACKEND doit valoir « local » ou « s3 », pas « {STORAGE_BACKEND} ».")

# Read replica: the read-only paths (index builds, statistics, lists, exports) read from it, a
# request that wrote keeps reading from the primary (platform/core/db_router.py).
DATABASE_REPLICA_READS = bool(env_str("DATABASE_REPLICA_URL"))
DATABASE_ROUTERS = ["transition.platform.core.db_router.ReplicaRouter"]
