from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "transition.platform.audit"
    label = "audit"
    verbose_name = "Journal d’audit"
