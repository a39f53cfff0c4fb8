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

import contextvars
import logging
import re
import sqlite3
import threading
import time

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


# Stale rather than broken --------------------------------------------------------------------------
# An in-memory index (addresses, heat networks) checks the database for a newer data version. When
# the database does not answer, the index it holds still answers: the response says so in a header,
# and the next check, once the database is back, ends it.

STALE_HEADER = "X-Data-Stale"
_stale: contextvars.ContextVar[str] = contextvars.ContextVar("stale", default="")


class StaleGuard:
    """For one in-memory index: remembers since when it could not be checked, logs the start and
    the end of that, and marks the current response stale while it lasts."""

    def __init__(self, what: str):
        self.what = what
        self.since: float | None = None
        self._lock = threading.Lock()

    def failed(self, exc: BaseException) -> None:
        with self._lock:
            first, self.since = self.since is None, self.since or time.monotonic()
        if first:
            logger.warning(
                "%s : base injoignable (%s : %s), réponses depuis l’index en mémoire",
                self.what,
                type(exc).__name__,
                exc,
            )
        _stale.set(self.what)

    def checked(self) -> None:
        if self.since is not None:
            with self._lock:
                since, self.since = self.since, None
            if since is not None:
                logger.warning("%s : base de nouveau joignable après %.1f s", self.what, time.monotonic() - since)

    def reset(self) -> None:
        with self._lock:
            self.since = None

    def mark_if_stale(self) -> None:
        if self.since is not None:
            _stale.set(self.what)


def stale_data() -> str:
    """What the current request answered from an index it could not check ("" when nothing)."""
    return _stale.get()


class StaleDataMiddleware:
    """Says in a header when a response came from an in-memory index the database could not confirm."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _stale.set("")
        try:
            response = self.get_response(request)
            if _stale.get():
                response[STALE_HEADER] = f"{_stale.get()} ; base injoignable, données de la dernière lecture"
            return response
        finally:
            _stale.reset(token)
