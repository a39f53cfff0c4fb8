"""Jobs of the notify app: sending an email or an SMS, and purging the logs past their retention period."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .delivery import email_deliver, email_log_purge, sms_deliver, sms_log_purge

logger = logging.getLogger(__name__)


@db_task(retries=settings.NOTIFY_RETRIES, retry_delay=settings.NOTIFY_RETRY_DELAY_S, retry_backoff=2, context=True)
def email_deliver_job(log_id: int, message: dict, task=None):
    final_attempt = task is None or task.retries == 0
    status = email_deliver(log_id=log_id, message=message, final_attempt=final_attempt)
    return str(status) if status else None


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


@db_task(retries=settings.NOTIFY_RETRIES, retry_delay=settings.NOTIFY_RETRY_DELAY_S, retry_backoff=2, context=True)
def sms_deliver_job(log_id: int, message: dict, task=None):
    final_attempt = task is None or task.retries == 0
    status = sms_deliver(log_id=log_id, message=message, final_attempt=final_attempt)
    return str(status) if status else None


@db_periodic_task(crontab(hour="2", minute="20"))
def sms_log_purge_job() -> int:
    now = timezone.now()
    deleted = sms_log_purge(
        before=now - timedelta(days=settings.NOTIFY_LOG_RETENTION_DAYS),
        outbox_before=now - timedelta(days=settings.SMS_OUTBOX_RETENTION_DAYS),
    )
    logger.info("Journal des SMS : %d entrée(s) effacée(s)", deleted)
    return deleted
