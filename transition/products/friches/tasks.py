"""Jobs of Friches (huey), each one service call: the daily digests and advisors' reminders."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services.digests import digests_send


# Every day at 9:15 (Europe/Paris): "Où en êtes-vous ?", recalled recommendations, reminders due.
@db_periodic_task(crontab(minute="15", hour="9"))
def digests_job() -> None:
    digests_send()
