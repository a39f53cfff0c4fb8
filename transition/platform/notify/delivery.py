"""Delivery of logged emails and SMS (the sending jobs call it) and the logs' retention."""

import logging
from datetime import datetime

from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.utils import timezone

from .enums import EmailStatus
from .models import EmailLog, SmsLog, SmsOutbox
from .sms import SmsError, SmsMessage, get_sms_gateway

logger = logging.getLogger(__name__)


def email_deliver(*, log_id: int, message: dict, final_attempt: bool) -> EmailStatus | None:
    """Send one logged email through Django's email backend and record the outcome.

    Re-raises the backend's error so that the job retries; on the last attempt the log says failed.
    An email already sent is not sent again; a log row erased meanwhile means: do not send.
    """
    log = EmailLog.objects.filter(pk=log_id).first()
    if log is None:
        logger.warning("Courriel %s : entrée du journal effacée, envoi abandonné", log_id)
        return None
    if log.status == EmailStatus.SENT:
        return EmailStatus.SENT
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["body"],
        from_email=message["from_email"],
        to=message["to"],
        reply_to=message["reply_to"] or None,
        headers=message["headers"],
    )
    email.attach_alternative(message["html"], "text/html")
    try:
        email.send(fail_silently=False)
    except Exception as exc:
        status = EmailStatus.FAILED if final_attempt else EmailStatus.QUEUED
        note = "" if final_attempt else " (nouvelle tentative prévue)"
        EmailLog.objects.filter(pk=log_id).update(
            status=status, attempts=F("attempts") + 1, error=f"{type(exc).__name__} : {exc}{note}"[:2000]
        )
        raise
    EmailLog.objects.filter(pk=log_id).update(
        status=EmailStatus.SENT, attempts=F("attempts") + 1, sent_at=timezone.now(), error=""
    )
    return EmailStatus.SENT


def email_log_purge(*, before: datetime) -> int:
    """Delete log rows created before `before` (retention of personal data); returns how many."""
    deleted, _ = EmailLog.objects.filter(created_at__lt=before).delete()
    return deleted


def sms_deliver(*, log_id: int, message: dict, final_attempt: bool) -> EmailStatus | None:
    """Hand one logged SMS to the gateway and record the outcome. A refusal that a new attempt
    cannot fix (a wrong number, no credit left) fails at once; an outage is retried (re-raised)."""
    log = SmsLog.objects.filter(pk=log_id).first()
    if log is None:
        logger.warning("SMS %s : entrée du journal effacée, envoi abandonné", log_id)
        return None
    if log.status == EmailStatus.SENT:
        return EmailStatus.SENT
    sms = SmsMessage(to=message["to"], body=message["body"], sender=message["sender"], tag=message.get("tag", ""))
    try:
        provider_id = get_sms_gateway().send(sms, log_id=log_id)
    except SmsError as exc:
        final = final_attempt or not exc.retryable
        status = EmailStatus.FAILED if final else EmailStatus.QUEUED
        note = "" if final else " (nouvelle tentative prévue)"
        SmsLog.objects.filter(pk=log_id).update(
            status=status, attempts=F("attempts") + 1, error=f"{exc.message}{note}"[:2000]
        )
        if final:
            return EmailStatus.FAILED
        raise
    SmsLog.objects.filter(pk=log_id).update(
        status=EmailStatus.SENT, attempts=F("attempts") + 1, sent_at=timezone.now(), error="", provider_id=provider_id
    )
    return EmailStatus.SENT


def sms_log_purge(*, before: datetime, outbox_before: datetime) -> int:
    """Delete SMS log rows past their retention, and outbox texts past theirs."""
    deleted, _ = SmsLog.objects.filter(created_at__lt=before).delete()
    outbox, _ = SmsOutbox.objects.filter(created_at__lt=outbox_before).delete()
    return deleted + outbox
