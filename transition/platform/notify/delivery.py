"""Delivery of logged emails and SMS (the sending jobs call it), the email outbox sweep, and the
logs' retention.

The logs are the outbox: an email waits in `EmailLog.outbox`, an SMS in `SmsLog.pending`, until it
leaves, whatever happens to the queue; a sender claims it before sending, so each message leaves
once, and the sweep hands again to the queue what stayed queued too long.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .enums import EmailStatus
from .models import EmailLog, SmsLog, SmsOutbox
from .sms import SmsError, SmsMessage, get_sms_gateway

logger = logging.getLogger(__name__)


def _claim(model: type[EmailLog] | type[SmsLog], log_id: int) -> EmailLog | SmsLog | None:
    """Take the right to send one queued message: one sender at a time, and a claim left by a
    sender that died is taken over once it is older than the sending lease."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.NOTIFY_SEND_LEASE_S)
    claimed = (
        model.objects.filter(pk=log_id, status=EmailStatus.QUEUED)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
        .update(claimed_at=now)
    )
    return model.objects.filter(pk=log_id).first() if claimed else None


def _unclaimed(model: type[EmailLog] | type[SmsLog], log_id: int, what: str) -> EmailStatus | None:
    """What to answer when the claim failed: sent already, being sent elsewhere, or erased."""
    current = model.objects.filter(pk=log_id).values_list("status", flat=True).first()
    if current is None:
        logger.warning("%s %s : entrée du journal effacée, envoi abandonné", what, log_id)
    return EmailStatus(current) if current == EmailStatus.SENT else None


def _outbox_due(model: type[EmailLog] | type[SmsLog], limit: int) -> list[int]:
    """Messages still queued NOTIFY_OUTBOX_DELAY_S after they were last handed to the queue (the
    queue lost them, or is down): their ids, marked as handed again now, oldest first."""
    now = timezone.now()
    due_before = now - timedelta(seconds=settings.NOTIFY_OUTBOX_DELAY_S)
    stale = now - timedelta(seconds=settings.NOTIFY_SEND_LEASE_S)
    with transaction.atomic():
        ids = list(
            model.objects.filter(status=EmailStatus.QUEUED, queued_at__lt=due_before)
            .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
            .order_by("queued_at")
            .values_list("pk", flat=True)[:limit]
        )
        model.objects.filter(pk__in=ids).update(queued_at=now)
    return ids


def _message(log: EmailLog) -> EmailMultiAlternatives:
    outbox = log.outbox
    email = EmailMultiAlternatives(
        subject=log.subject,
        body=outbox["body"],
        from_email=outbox["from_email"],
        to=[log.to],
        reply_to=outbox["reply_to"] or None,
        headers={"Message-ID": log.message_id},  # the same on every attempt: a copy is recognisable
    )
    email.attach_alternative(outbox["html"], "text/html")
    return email


def email_deliver(*, log_id: int) -> EmailStatus | None:
    """Send one email of the outbox through Django's email backend and record the outcome.

    Each message leaves once: a sender claims it first, and an email already sent (or being sent
    by another worker) is left alone. On an error the email stays queued and the error is
    re-raised so that the job retries, until NOTIFY_RETRIES attempts have failed: then it is
    marked failed. A log row erased meanwhile means: do not send. Returns the status reached, or
    None when there was nothing to do.
    """
    log = _claim(EmailLog, log_id)
    if log is None:
        return _unclaimed(EmailLog, log_id, "Courriel")
    if not log.outbox:  # queued before the log was the outbox: nothing left to send
        EmailLog.objects.filter(pk=log_id).update(status=EmailStatus.FAILED, claimed_at=None, error="Message perdu")
        return EmailStatus.FAILED
    try:
        _message(log).send(fail_silently=False)
    except Exception as exc:
        final = log.attempts + 1 > settings.NOTIFY_RETRIES
        EmailLog.objects.filter(pk=log_id).update(
            status=EmailStatus.FAILED if final else EmailStatus.QUEUED,
            attempts=F("attempts") + 1,
            claimed_at=None,
            queued_at=timezone.now(),
            error=f"{type(exc).__name__} : {exc}{'' if final else ' (nouvelle tentative prévue)'}"[:2000],
            **({"outbox": {}} if final else {}),
        )
        if final:
            logger.error("Courriel %s : abandonné après %d tentatives (%s)", log_id, log.attempts + 1, exc)
            return EmailStatus.FAILED
        raise
    EmailLog.objects.filter(pk=log_id).update(
        status=EmailStatus.SENT,
        attempts=F("attempts") + 1,
        sent_at=timezone.now(),
        claimed_at=None,
        error="",
        outbox={},
    )
    return EmailStatus.SENT


def email_outbox_due(*, limit: int = 500) -> list[int]:
    """Emails the queue lost or could not take (see _outbox_due)."""
    return _outbox_due(EmailLog, limit)


def sms_outbox_due(*, limit: int = 500) -> list[int]:
    """SMS the queue lost or could not take (see _outbox_due)."""
    return _outbox_due(SmsLog, limit)


def email_log_purge(*, before: datetime) -> int:
    """Delete log rows created before `before` (retention of personal data); returns how many."""
    deleted, _ = EmailLog.objects.filter(created_at__lt=before).delete()
    return deleted


def sms_deliver(*, log_id: int) -> EmailStatus | None:
    """Hand one SMS of the outbox to the gateway and record the outcome, each SMS once (claimed
    first, as emails are). A refusal that a new attempt cannot fix (a wrong number, no credit
    left) fails at once; an outage is retried (re-raised) until NOTIFY_RETRIES attempts failed."""
    log = _claim(SmsLog, log_id)
    if log is None:
        return _unclaimed(SmsLog, log_id, "SMS")
    message = log.pending
    if not message:  # queued before the log was the outbox: nothing left to send
        SmsLog.objects.filter(pk=log_id).update(status=EmailStatus.FAILED, claimed_at=None, error="Message perdu")
        return EmailStatus.FAILED
    sms = SmsMessage(to=message["to"], body=message["body"], sender=message["sender"], tag=message.get("tag", ""))
    try:
        provider_id = get_sms_gateway().send(sms, log_id=log_id)
    except SmsError as exc:
        final = not exc.retryable or log.attempts + 1 > settings.NOTIFY_RETRIES
        SmsLog.objects.filter(pk=log_id).update(
            status=EmailStatus.FAILED if final else EmailStatus.QUEUED,
            attempts=F("attempts") + 1,
            claimed_at=None,
            queued_at=timezone.now(),
            error=f"{exc.message}{'' if final else ' (nouvelle tentative prévue)'}"[:2000],
            **({"pending": {}} if final else {}),
        )
        if final:
            return EmailStatus.FAILED
        raise
    SmsLog.objects.filter(pk=log_id).update(
        status=EmailStatus.SENT,
        attempts=F("attempts") + 1,
        sent_at=timezone.now(),
        claimed_at=None,
        error="",
        provider_id=provider_id,
        pending={},
    )
    return EmailStatus.SENT


def sms_log_purge(*, before: datetime, outbox_before: datetime) -> int:
    """Delete SMS log rows past their retention, and outbox texts past theirs."""
    deleted, _ = SmsLog.objects.filter(created_at__lt=before).delete()
    outbox, _ = SmsOutbox.objects.filter(created_at__lt=outbox_before).delete()
    return deleted + outbox
