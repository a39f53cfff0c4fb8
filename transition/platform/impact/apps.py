from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "transition.platform.impact"
    label = "impact"
    verbose_name = "Impact"
