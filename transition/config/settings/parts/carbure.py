"""Settings of CarbuRe, read from the environment (listed in the README)."""

from transition.config.env import env_int

from .accounts import RATE_LIMITS

# The public template checker (page and API), per client IP and per minute; signed-in calls
# with a token count the same way.
RATE_LIMITS.update(
    {
        "carbure_check": {"ip": (env_int("CARBURE_CHECK_PER_MINUTE", 30), 60)},
    }
)
# Lots in one template file (import and checker) and in one JSON request to the checker API.
CARBURE_IMPORT_MAX_ROWS = env_int("CARBURE_IMPORT_MAX_ROWS", 20_000)
CARBURE_IMPORT_MAX_BYTES = env_int("CARBURE_IMPORT_MAX_BYTES", 20 * 1024 * 1024)
CARBURE_CHECK_MAX_JSON_LOTS = env_int("CARBURE_CHECK_MAX_JSON_LOTS", 2_000)
# Files with more rows than this are imported by a background job (with its progress on the page).
CARBURE_IMPORT_INLINE_ROWS = env_int("CARBURE_IMPORT_INLINE_ROWS", 500)
# Lots written (and checked) per batch of an import job.
CARBURE_IMPORT_BATCH_SIZE = env_int("CARBURE_IMPORT_BATCH_SIZE", 2_000)
# Days before a monthly declaration's deadline when the undeclared entities are reminded.
CARBURE_DECLARATION_REMINDER_DAYS = env_int("CARBURE_DECLARATION_REMINDER_DAYS", 15)
# Lots per page in the lot lists.
CARBURE_LOTS_PER_PAGE = env_int("CARBURE_LOTS_PER_PAGE", 50)
