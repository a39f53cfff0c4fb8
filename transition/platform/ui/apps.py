from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "transition.platform.ui"
    label = "ui"
    verbose_name = "Interface"
