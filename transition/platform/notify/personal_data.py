"""What the email log holds about a person, for "Mes données": export and erasure."""

from django.utils import timezone

from .models import EmailLog


def _logs_of(user):
    return EmailLog.objects.filter(to__iexact=user.email)


def email_log_export(user) -> dict:
    return {
        "courriels": [
            {
                "objet": log.subject,
                "service": log.product,
                "état": log.get_status_display(),
                "créé le": timezone.localtime(log.created_at).isoformat(),
                "envoyé le": timezone.localtime(log.sent_at).isoformat() if log.sent_at else None,
            }
            for log in _logs_of(user).order_by("created_at")
        ]
    }


def email_log_erase(user) -> None:
    _logs_of(user).delete()
