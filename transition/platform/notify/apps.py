from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "transition.platform.notify"
    label = "notify"
    verbose_name = "Notifications"
