from django.apps import AppConfig
from huey.contrib.djhuey import HUEY

from .db_router import request_state_reset


class CoreConfig(AppConfig):
    name = "transition.platform.core"
    label = "core"
    verbose_name = "Socle"

    def ready(self):
        # A job starts as a request does: it has written nothing, its reads may use the replica.
        HUEY.pre_execute(name="core.replica_state_reset")(lambda task: request_state_reset())
