"""The periodic anchor of the audit chain: its signed head, written outside the database."""

import logging

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import anchor_write

logger = logging.getLogger(__name__)


@db_periodic_task(crontab(minute=settings.AUDIT_ANCHOR_CRON_MINUTE), retries=3, retry_delay=60)
def audit_anchor_job() -> int | None:
    anchor, places = anchor_write()
    if anchor is not None:
        logger.info("Journal d’audit : ancre jusqu’à l’événement %s écrite (%s)", anchor["head_event_id"], places)
        return anchor["head_event_id"]
    return None
