"""Jobs of the impact app: the daily snapshot, scheduled with huey's periodic tasks."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import snapshot_take

logger = logging.getLogger(__name__)

# huey evaluates crontabs in UTC (its default). 01:30 UTC is after midnight in Paris all year,
# so "yesterday" is a complete day.
SNAPSHOT_SCHEDULE = crontab(
    hour=str(settings.IMPACT_SNAPSHOT_HOUR_UTC), minute=str(settings.IMPACT_SNAPSHOT_MINUTE), strict=True
)


@db_periodic_task(SNAPSHOT_SCHEDULE, retries=2, retry_delay=300)
def snapshot_daily() -> dict:
    """Snapshot every indicator for yesterday (Europe/Paris)."""
    day = timezone.localdate() - timedelta(days=1)
    report = snapshot_take(day=day)
    logger.info(
        "Relevé des indicateurs au %s : %d enregistrés, %d en échec",
        day.isoformat(),
        len(report.saved),
        len(report.failed),
    )
    return {"day": day.isoformat(), "saved": len(report.saved), "failed": len(report.failed)}
