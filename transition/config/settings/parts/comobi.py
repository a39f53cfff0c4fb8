"""Settings of CoMobi, read from the environment (listed in the README)."""

from transition.config.env import env_int, env_str

from .accounts import RATE_LIMITS

# Public API and forms, per client IP (and per email where a form has one).
RATE_LIMITS.update(
    {
        "comobi_api_search": {"ip": (env_int("COMOBI_API_SEARCH_PER_MINUTE", 120), 60)},
        "comobi_api_places": {"ip": (env_int("COMOBI_API_PLACES_PER_MINUTE", 600), 60)},
        "comobi_search": {"ip": (env_int("COMOBI_SEARCH_PER_MINUTE", 60), 60)},
        "comobi_contact": {"ip": (env_int("COMOBI_CONTACT_PER_HOUR", 20), 3600)},
        "comobi_phone_code": {"ip": (env_int("COMOBI_PHONE_CODE_PER_HOUR", 5), 3600)},
    }
)
# Routers (a territory's OSRM-compatible server, when it sets one).
COMOBI_ROUTER_PROFILE = env_str("COMOBI_ROUTER_PROFILE", "driving")
COMOBI_ROUTER_TIMEOUT_S = float(env_str("COMOBI_ROUTER_TIMEOUT_S", "3"))
COMOBI_ROUTER_CANDIDATES = env_int("COMOBI_ROUTER_CANDIDATES", 100)
# Retention (docs/rgpd.md): a person with nothing active for this long is erased.
COMOBI_RETENTION_DAYS = env_int("COMOBI_RETENTION_DAYS", 730)
# How long (seconds) a process trusts the offers version it read before asking the database
# again: 0 reads it at every search (a change shows at once everywhere); 2 is enough in production.
COMOBI_INDEX_MAX_AGE_S = float(env_str("COMOBI_INDEX_MAX_AGE_S", "0"))
