from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "transition.platform.notify"
    label = "notify"
    verbose_name = "Notifications"

    def ready(self):
        from transition.platform.accounts.registry import register_personal_data

        from . import tasks  # noqa: F401  (registers the sending and purge jobs with huey)
        from .personal_data import account_sms_erase, account_sms_export, email_log_erase, email_log_export

        register_personal_data("courriels", export=email_log_export, erase=email_log_erase)
        register_personal_data("sms", export=account_sms_export, erase=account_sms_erase)
