"""Read replica routing (DATABASE_REPLICA_URL): the read-only paths (index builds, statistics,
lists, exports) read from the replica; everything else, and every read that follows a write of
the same request or job, stays on the primary.

    from transition.platform.core.db_router import replica_reads

    @replica_reads()
    def stats_overview(...): ...        # or: with replica_reads(): ...

    return on_replica(Demand.objects.filter(...))   # a lazy queryset, evaluated later

Without a replica (settings.DATABASE_REPLICA_READS false) everything reads the primary. Inside a
transaction on the primary, reads stay there too (a transaction sees its own writes). The
"this request wrote" state is reset by ReplicaRouterMiddleware for each request and before each
job (core/apps.py).

A replica lags behind the primary by a little: what reads from it must accept data a second old
(an index rebuilt from it carries the data version it read, so a process that later finds a newer
version on the primary simply rebuilds).
"""

import contextvars
from contextlib import ContextDecorator

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"

_replica_depth: contextvars.ContextVar[int] = contextvars.ContextVar("replica_depth", default=0)
_wrote: contextvars.ContextVar[bool] = contextvars.ContextVar("wrote", default=False)


class replica_reads(ContextDecorator):  # lower case: used like a function, `with replica_reads():`
    """Reads inside may go to the replica (when there is one and nothing was written before)."""

    def __enter__(self):
        self._token = _replica_depth.set(_replica_depth.get() + 1)
        return self

    def __exit__(self, *exc):
        _replica_depth.reset(self._token)
        return False


def request_state_reset() -> None:
    """A new request (or job) starts: it has written nothing yet."""
    _wrote.set(False)
    _replica_depth.set(0)


def wrote() -> bool:
    return _wrote.get()


def on_replica(queryset):
    """A queryset of a read-only path (a list, an export), pinned now to where it may read: the
    replica, unless this request wrote or there is none. (A lazy queryset is evaluated later,
    outside any `with replica_reads()`.)"""
    with replica_reads():
        alias = ReplicaRouter().db_for_read(queryset.model)
    return queryset.using(alias or DEFAULT_DB_ALIAS)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if not settings.DATABASE_REPLICA_READS:
            return None
        if _wrote.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        if _replica_depth.get() > 0:
            return REPLICA
        return None  # Django's rule: an object's related rows from its own database, else the primary

    def db_for_write(self, model, **hints):
        _wrote.set(True)  # from now on this request reads what it wrote: the primary
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same data on both

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS  # the replica follows the primary by replication


class ReplicaRouterMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_state_reset()
        try:
            return self.get_response(request)
        finally:
            request_state_reset()
