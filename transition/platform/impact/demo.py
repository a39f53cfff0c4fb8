"""Demo data of the impact app: snapshots of the last months, computed from the other demo data.

Registered as "impact-releves"; `manage.py demo` runs the loaders whose name starts with "impact"
last, so that these snapshots count what the products' loaders have just written.
"""

import logging
from datetime import timedelta

from django.utils import timezone

from .services import snapshot_backfill

logger = logging.getLogger(__name__)

DEMO_DAYS = 120


def load_demo() -> None:
    reports = snapshot_backfill(last_day=timezone.localdate() - timedelta(days=1), days=DEMO_DAYS)
    failed = {ident for report in reports for ident in report.failed}
    if failed:
        logger.warning("Démo : indicateurs non relevés : %s", ", ".join("/".join(i) for i in sorted(failed)))
