from django.apps import AppConfig


class NotifyConfig(AppConfig):
    name = "transition.platform.notify"
    label = "notify"
    verbose_name = "Notifications"

    def ready(self):
        from transition.platform.accounts.registry import register_personal_data, register_personal_text

        from . import tasks  # noqa: F401  (registers the sending and purge jobs with huey)
        from .models import EmailLog, SmsOutbox
        from .personal_data import account_sms_erase, account_sms_export, email_log_erase, email_log_export

        register_personal_data("courriels", export=email_log_export, erase=email_log_erase)
        register_personal_data("sms", export=account_sms_export, erase=account_sms_erase)
        # An email to someone else may name the person in its subject or (while queued) its body.
        register_personal_text(EmailLog, ["subject", "outbox", "error"])
        register_personal_text(SmsOutbox, ["body"])
