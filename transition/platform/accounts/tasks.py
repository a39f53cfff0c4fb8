from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services import inactive_accounts_process, signin_leftovers_purge


@db_periodic_task(crontab(hour="3", minute="17"))
def inactive_accounts_daily():
    """Every day: purge used-up sign-in rows; warn accounts nearing the inactivity limit,
    anonymise those past it."""
    signin_leftovers_purge()
    if settings.ACCOUNTS_INACTIVITY_JOB:
        inactive_accounts_process()
