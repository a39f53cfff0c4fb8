"""Settings of chaleur, read from the environment (listed in the README)."""

from transition.config.env import env_bool, env_int, env_list, env_str  # noqa: F401

# --- chaleur: networks and eligibility -------------------------------------------------------
# Rate limits of the public API (requests per client IP per minute), counted in the cache: with
# several processes, set REDIS_URL so that they share one count.
from .accounts import RATE_LIMITS

RATE_LIMITS.update(
    {
        "chaleur_api_eligibility": {"ip": (env_int("CHALEUR_API_ELIGIBILITY_PER_MINUTE", 300), 60)},
        "chaleur_api_networks": {"ip": (env_int("CHALEUR_API_NETWORKS_PER_MINUTE", 60), 60)},
        "chaleur_api_map": {"ip": (env_int("CHALEUR_API_MAP_PER_MINUTE", 1200), 60)},
        "chaleur_api_address": {"ip": (env_int("CHALEUR_API_ADDRESS_PER_MINUTE", 120), 60)},
    }
)

# --- chaleur: demands side (connection requests, back-office, bulk tests, partner API) -------
# Public forms (per hour, per client IP and per email) and the partner API (per minute, per IP).
RATE_LIMITS.update(
    {
        "chaleur_demand": {"ip": (env_int("CHALEUR_DEMAND_RATE_PER_IP", 10), 3600), "email": (5, 3600)},
        "chaleur_ambassador": {"ip": (env_int("CHALEUR_AMBASSADOR_RATE_PER_IP", 10), 3600), "email": (5, 3600)},
        "chaleur_partner_api": {"ip": (env_int("CHALEUR_PARTNER_API_PER_MINUTE", 120), 60)},
        # Requesters writing to the operator from their space; operators proposing corrections.
        "chaleur_requester_message": {"ip": (env_int("CHALEUR_REQUESTER_MESSAGE_PER_HOUR", 30), 3600)},
        "chaleur_network_correction": {"ip": (env_int("CHALEUR_NETWORK_CORRECTION_PER_HOUR", 30), 3600)},
    }
)
# Partner embeds: largest document attached to a network correction (MB).
CHALEUR_NETWORK_FILE_MAX_MB = env_int("CHALEUR_NETWORK_FILE_MAX_MB", 10)
# Bulk address tests: addresses geocoded and tested per batch.
CHALEUR_BULK_BATCH_SIZE = env_int("CHALEUR_BULK_BATCH_SIZE", 2000)
# Retention (docs/rgpd.md): demands anonymised after this long without change; relayed messages
# to ambassadors and bulk tests (uploaded files and results) deleted after these.
CHALEUR_DEMAND_RETENTION_DAYS = env_int("CHALEUR_DEMAND_RETENTION_DAYS", 3 * 365)
CHALEUR_MESSAGE_RETENTION_DAYS = env_int("CHALEUR_MESSAGE_RETENTION_DAYS", 365)
CHALEUR_BULK_TEST_RETENTION_DAYS = env_int("CHALEUR_BULK_TEST_RETENTION_DAYS", 365)
# How long (seconds) a process trusts the networks' data version it read before asking the
# database again; a change made in the same process is seen at once, in another within this delay.
CHALEUR_INDEX_MAX_AGE_S = float(env_str("CHALEUR_INDEX_MAX_AGE_S", "0"))
# Addresses tested on the page and through the API are counted in each process's memory and
# written to the database at most every this many seconds (and when the process exits); 0 writes
# at each test.
CHALEUR_TEST_COUNT_FLUSH_S = float(env_str("CHALEUR_TEST_COUNT_FLUSH_S", "5"))
