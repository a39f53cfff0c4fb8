from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "transition.platform.audit"
    label = "audit"
    verbose_name = "Journal d’audit"

    def ready(self):
        from . import tasks  # noqa: F401  (registers the periodic anchor job with huey)
