from django.apps import AppConfig
from django.db.backends.signals import connection_created
from huey.contrib.djhuey import HUEY

from .db_router import request_state_reset
from .sqlite import sqlite_connection_tune


class CoreConfig(AppConfig):
    name = "transition.platform.core"
    label = "core"
    verbose_name = "Socle"

    def ready(self):
        from . import checks  # noqa: F401  (deploy checks, registered on import)

        connection_created.connect(sqlite_connection_tune, dispatch_uid="core.sqlite_connection_tune")
        # A job starts as a request does: it has written nothing, its reads may use the replica.
        HUEY.pre_execute(name="core.replica_state_reset")(lambda task: request_state_reset())
