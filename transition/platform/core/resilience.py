"""Infrastructure faults (the database, Redis or the job queue not answering) are not bugs: a page
answers them with a plain message and keeps what the person typed; an API answers 503.

In a view, around the service call of a public form:

    try:
        demand = demand_create(...)
    except INFRASTRUCTURE_ERRORS as exc:
        form.add_error(None, infrastructure_fault(exc, where="chaleur.demand_create"))

Anything not caught there reaches the 500 handler, which answers 503 the same way
(platform/ui/views.py: server_error).
"""

import logging
import re
import sqlite3

from django.db import InterfaceError, OperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

INFRASTRUCTURE_ERRORS = (
    OperationalError,  # the database refused or dropped the connection
    InterfaceError,  # ... or the connection is already closed
    sqlite3.OperationalError,  # huey's SQLite storage, locked or unreachable
    RedisConnectionError,
    RedisTimeoutError,
    ConnectionError,  # a socket refused or reset (OSError family)
    TimeoutError,
)

FAULT_MESSAGE = (
    "Un incident technique passager a empêché l’enregistrement : rien n’a été envoyé. Ce que vous avez "
    "saisi est conservé ; réessayez dans quelques instants."
)
RETRY_AFTER_S = 30

# Posted fields never shown back nor re-posted by the 503 page.
SECRET_FIELD = re.compile(r"csrf|password|passwd|secret|token|otp", re.IGNORECASE)


def is_infrastructure_error(exc: BaseException | None) -> bool:
    return isinstance(exc, INFRASTRUCTURE_ERRORS)


def infrastructure_fault(exc: BaseException, *, where: str) -> str:
    """Log the fault (with its traceback) and return the message to show the person."""
    logger.error("Incident d’infrastructure (%s) : %s : %s", where, type(exc).__name__, exc, exc_info=exc)
    return FAULT_MESSAGE


def kept_fields(post) -> list[tuple[str, str]]:
    """What the person posted, field by field, secrets left out: the 503 page shows it and can
    post it again."""
    return [(name, value) for name, values in post.lists() if not SECRET_FIELD.search(name) for value in values]
