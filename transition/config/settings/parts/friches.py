"""Settings of Friches, read from the environment (listed in the README)."""

from transition.config.env import env_int

from .accounts import RATE_LIMITS

# Rate limits of the public API (requests per client IP per minute) and of the thread and
# questionnaire forms (per signed-in IP per hour), counted in the cache.
RATE_LIMITS.update(
    {
        "friches_api_mutability": {"ip": (env_int("FRICHES_API_MUTABILITY_PER_MINUTE", 120), 60)},
        "friches_api_map": {"ip": (env_int("FRICHES_API_MAP_PER_MINUTE", 1200), 60)},
        "friches_api_export": {"ip": (env_int("FRICHES_API_EXPORT_PER_MINUTE", 10), 60)},
        "friches_write": {"ip": (env_int("FRICHES_WRITE_PER_HOUR", 600), 3600)},
    }
)
# Guidance: days without news before "Où en êtes-vous ?" (UrbanVitaliz's default, 6 weeks), and
# before new recommendations are recalled.
FRICHES_DIGEST_INTERVAL_DAYS = env_int("FRICHES_DIGEST_INTERVAL_DAYS", 42)
# CNIG imports: rows per file, and size of a file.
FRICHES_IMPORT_MAX_ROWS = env_int("FRICHES_IMPORT_MAX_ROWS", 50_000)
FRICHES_IMPORT_MAX_MB = env_int("FRICHES_IMPORT_MAX_MB", 50)
# Documents attached to the questionnaire's answers: size, in MB.
FRICHES_ATTACHMENT_MAX_MB = env_int("FRICHES_ATTACHMENT_MAX_MB", 10)
# The map: most sites sent one by one for a view (beyond, they are grouped on a grid).
FRICHES_MAP_MAX_SITES = env_int("FRICHES_MAP_MAX_SITES", 500)
# Beyond this size (KB), an uploaded CNIG file is imported by a background job.
FRICHES_IMPORT_SYNC_MAX_KB = env_int("FRICHES_IMPORT_SYNC_MAX_KB", 1024)
