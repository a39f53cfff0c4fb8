"""Delivery of logged emails (the sending job calls it) and the log's retention."""

import logging
from datetime import datetime

from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.utils import timezone

from .enums import EmailStatus
from .models import EmailLog

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
