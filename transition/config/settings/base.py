"""Settings shared by every environment. Every value read from the environment is in the README."""

from pathlib import Path

from transition.config.env import env_bool, env_db, env_email, env_int, env_list, env_str, env_var_dir

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = env_var_dir()
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded database and the job store live here

DEBUG = env_bool("DJANGO_DEBUG", True)
# The fallback key only ever serves development: prod.py refuses to start without DJANGO_SECRET_KEY.
SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me-0123456789abcdef")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

PLATFORM_APPS = [
    "transition.platform.core",
    "transition.platform.ui",
    "transition.platform.accounts",
    "transition.platform.audit",
    "transition.platform.geo",
    "transition.platform.impact",
    "transition.platform.notify",
    "transition.platform.jobs",
    "transition.platform.ops",
]
PRODUCT_APPS = [
    "transition.products.chaleur",
    "transition.products.comobi",
    "transition.products.potentiel",
    "transition.products.carbure",
    "transition.products.friches",
]
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "dsfr",
    "widget_tweaks",  # the DSFR form field templates load it
    "leaflet",
    "huey.contrib.djhuey",
    *PLATFORM_APPS,
    *PRODUCT_APPS,
]

MIDDLEWARE = [
    "transition.platform.core.db_router.ReplicaRouterMiddleware",
    "transition.platform.core.resilience.StaleDataMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "transition.platform.core.api.ApiErrorMiddleware",  # JSON errors on API paths, whatever answered
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "transition.platform.core.csp.ContentSecurityPolicyMiddleware",
    # The API's requests without a session cookie skip the five page-only middleware below
    # (sessions, CSRF, authentication, second factor, messages): platform/core/api_fast.py.
    "transition.platform.core.api_fast.ApiAnonymousMiddleware",
    "transition.platform.core.api_fast.PagesOnlySessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "transition.platform.core.api_fast.PagesOnlyCsrfViewMiddleware",
    "transition.platform.core.api_fast.PagesOnlyAuthenticationMiddleware",
    "transition.platform.core.api_fast.PagesOnlyOTPMiddleware",
    "transition.platform.core.api_fast.PagesOnlyMessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "transition.config.urls"
WSGI_APPLICATION = "transition.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "transition.platform.ui.context_processors.site",
                "transition.platform.geo.context_processors.map_tiles",
            ],
        },
    },
]

DATABASES = {
    "default": env_db("DATABASE_URL", f"spatialite:///{VAR_DIR / 'transition.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if "sqlite" in DATABASES["default"]["ENGINE"] or "spatialite" in DATABASES["default"]["ENGINE"]:
    # Several processes write to the embedded database (web workers, the job consumer). A deferred
    # transaction that later needs to write gets "database is locked" at once, without waiting;
    # IMMEDIATE takes the write lock at BEGIN, where SQLite's busy timeout does wait.
    # WAL: readers never wait for the writer, the writer never waits for readers (a page read
    # during a demand's commit no longer gets "database is locked").
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
DATABASES["default"].setdefault("CONN_MAX_AGE", env_int("DB_CONN_MAX_AGE", 0))
if env_str("DATABASE_REPLICA_URL"):  # a read replica: what reads from it, platform/core/db_router.py
    DATABASES["replica"] = {**DATABASES["default"], **env_db("DATABASE_REPLICA_URL", "")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "ui:portal"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Cache, job queue, file storage and read replica: parts/infra.py.

# Email: console in development; EMAIL_URL (smtp+tls://user:password@host:587) in production.
_email = env_email("EMAIL_URL", "consolemail://")  # EMAIL_BACKEND, EMAIL_HOST, ...
if _email["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend":
    # Each message once, plainly (who, subject, text): not the MIME source with its HTML part.
    _email["EMAIL_BACKEND"] = "transition.platform.notify.console.PlainConsoleBackend"
globals().update(_email)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Transition <ne-pas-repondre@transition.beta.gouv.fr>")

# "Je donne mon avis" (JDMA): one URL per product; where none is set the button is not shown.
JDMA_URLS = {
    slug: env_str(f"JDMA_URL_{slug.upper()}")
    for slug in ("portail", "chaleur", "comobi", "potentiel", "carbure", "friches")
}

# Security headers. prod.py turns on what needs HTTPS (HSTS, secure cookies, redirect).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600)
CSP_REPORT_URI = env_str("CSP_REPORT_URI")

LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (46.6, 2.4),
    "DEFAULT_ZOOM": 6,
    "RESET_VIEW": False,
    "NO_GLOBALS": True,
}

# GDAL < 3.9 cannot forbid file or network access to the sources it opens (gis.W001). The
# application opens only files that an import command or a validated upload hands it.
# security.W003 looks for CsrfViewMiddleware by name; the pages keep it as a subclass (core/api_fast.py)
# and core.E001 checks the class itself.
SILENCED_SYSTEM_CHECKS = ["gis.W001", "security.W003"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # run_huey adds a handler of its own to a "huey" logger that has none: each line twice.
        "huey": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Origins the CSP must let through beyond 'self' (the map tiles' origin is added by the CSP itself,
# from MAP_TILES_URL), and the OIDC providers that sign-in forms redirect to (Chrome applies
# form-action to redirects).
CSP_EXTRA_IMG_SRC = env_list("CSP_EXTRA_IMG_SRC")
CSP_EXTRA_FORM_ACTION = env_list("CSP_EXTRA_FORM_ACTION")

ADMIN_URL = env_str("ADMIN_URL", "admin/")

# Without collectstatic (development, tests) whitenoise serves straight from the apps' folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# Each area keeps its own settings in parts/, so that its reader finds them in one place.
from .parts.accounts import *  # noqa: E402, F403
from .parts.audit import *  # noqa: E402, F403
from .parts.carbure import *  # noqa: E402, F403
from .parts.chaleur import *  # noqa: E402, F403
from .parts.comobi import *  # noqa: E402, F403
from .parts.friches import *  # noqa: E402, F403
from .parts.geo import *  # noqa: E402, F403
from .parts.impact_notify import *  # noqa: E402, F403
from .parts.infra import *  # noqa: E402, F403
from .parts.jobs import *  # noqa: E402, F403
from .parts.potentiel_workflows import *  # noqa: E402, F403
