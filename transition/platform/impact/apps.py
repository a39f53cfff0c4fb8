from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "transition.platform.impact"
    label = "impact"
    verbose_name = "Impact"

    def ready(self):
        from transition.platform.core.registry import register_demo_loader

        from . import tasks  # noqa: F401  (registers the daily snapshot job with huey)
        from .demo import load_demo
        from .portal import register_portal_indicators

        register_portal_indicators()
        register_demo_loader("impact-releves", load_demo)
