from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import inactive_accounts_process


@db_periodic_task(crontab(hour="3", minute="17"))
def inactive_accounts_daily():
    """Every day: warn accounts nearing the inactivity limit, anonymise those past it."""
    if settings.ACCOUNTS_INACTIVITY_JOB:
        inactive_accounts_process()
