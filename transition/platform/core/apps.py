from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "transition.platform.core"
    label = "core"
    verbose_name = "Socle"
