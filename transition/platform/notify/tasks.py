"""Jobs of the notify app: sending an email or an SMS, sending again the emails the queue lost, and
purging the logs past their retention period."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .delivery import email_deliver, email_log_purge, email_outbox_due, sms_deliver, sms_log_purge, sms_outbox_due

logger = logging.getLogger(__name__)


@db_task(retries=settings.NOTIFY_RETRIES, retry_delay=settings.NOTIFY_RETRY_DELAY_S, retry_backoff=2)
def email_deliver_job(log_id: int) -> None:
    """The queue carries the log's id only: the message waits in the database (the outbox)."""
    email_deliver(log_id=log_id)


@db_periodic_task(crontab(minute="*"))
def email_outbox_sweep_job() -> int:
    """Every minute: what stayed queued past NOTIFY_OUTBOX_DELAY_S is handed to the queue again
    (a Redis that crashed with emails or SMS in it delays them and loses none)."""
    emails = email_outbox_due()
    for log_id in emails:
        email_deliver_job(log_id)
    texts = sms_outbox_due()
    for log_id in texts:
        sms_deliver_job(log_id)
    if emails or texts:
        logger.warning(
            "Boîte d’envoi : %d courriel(s) et %d SMS en attente depuis trop longtemps remis en file",
            len(emails),
            len(texts),
        )
    return len(emails) + len(texts)


@db_periodic_task(crontab(hour="2", minute="15"))
def email_log_purge_job() -> int:
    before = timezone.now() - timedelta(days=settings.NOTIFY_LOG_RETENTION_DAYS)
    deleted = email_log_purge(before=before)
    logger.info(
        "Journal des courriels : %d entrée(s) de plus de %d jours effacée(s)",
        deleted,
        settings.NOTIFY_LOG_RETENTION_DAYS,
    )
    return deleted


@db_task(retries=settings.NOTIFY_RETRIES, retry_delay=settings.NOTIFY_RETRY_DELAY_S, retry_backoff=2)
def sms_deliver_job(log_id: int, message: dict | None = None) -> None:
    """The queue carries the log's id only: the SMS waits in the database (`message` is accepted
    for the jobs queued before the log was the outbox, and ignored)."""
    sms_deliver(log_id=log_id)


@db_periodic_task(crontab(hour="2", minute="20"))
def sms_log_purge_job() -> int:
    now = timezone.now()
    deleted = sms_log_purge(
        before=now - timedelta(days=settings.NOTIFY_LOG_RETENTION_DAYS),
        outbox_before=now - timedelta(days=settings.SMS_OUTBOX_RETENTION_DAYS),
    )
    logger.info("Journal des SMS : %d entrée(s) effacée(s)", deleted)
    return deleted
