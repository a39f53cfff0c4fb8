"""What the email and SMS logs hold about a person, for "Mes données": export and erasure."""

from django.utils import timezone

from .models import EmailLog, SmsLog, SmsOutbox


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


def sms_log_export(phones: list[str]) -> list[dict]:
    """The SMS sent to these numbers (E.164), for a product's "Mes données" export."""
    return [
        {
            "numéro": log.to,
            "modèle": log.template,
            "état": log.get_status_display(),
            "créé le": timezone.localtime(log.created_at).isoformat(),
        }
        for log in SmsLog.objects.filter(to__in=[p for p in phones if p]).order_by("created_at")
    ]


def sms_log_erase(phones: list[str]) -> None:
    phones = [p for p in phones if p]
    SmsOutbox.objects.filter(to__in=phones).delete()
    SmsLog.objects.filter(to__in=phones).delete()


def account_sms_export(user) -> dict:
    return {"sms": sms_log_export([user.phone])} if user.phone else {"sms": []}


def account_sms_erase(user) -> None:
    if user.phone:
        sms_log_erase([user.phone])
