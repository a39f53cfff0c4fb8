"""huey classes of the platform (settings.HUEY["huey_class"]): every consumer may run the
scheduler, and each periodic job is still enqueued once per period (core/periodic.py).

    HUEY = {"huey_class": "transition.platform.core.queues.RedisHuey", ...}
"""

import datetime

import huey
from django.db import connections
from django.utils import timezone


class OncePerPeriodMixin:
    def read_periodic(self, timestamp):
        if timestamp is None:
            timestamp = self._get_timestamp()
        due = super().read_periodic(timestamp)
        if not due or self.immediate:
            return due
        # djhuey imports this module while Django populates its apps, before models can load.
        from .periodic import periodic_claims

        period = timestamp.replace(tzinfo=datetime.UTC) if self.utc else timezone.make_aware(timestamp)
        names = {self._registry.task_to_string(type(task)): task for task in due}
        try:
            claimed = periodic_claims(tasks=sorted(names), period=period)
        finally:
            _close_idle_connections()
        return [task for name, task in names.items() if name in claimed]


def _close_idle_connections():
    """The scheduler thread's own connections: none left open between two minutes (a test's
    connection, inside its transaction, stays)."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


class RedisHuey(OncePerPeriodMixin, huey.RedisHuey):
    pass


class SqliteHuey(OncePerPeriodMixin, huey.SqliteHuey):
    pass


class MemoryHuey(OncePerPeriodMixin, huey.MemoryHuey):
    pass
