"""Jobs of Potentiel, each one service call: the daily run of dated tasks (reminders at −3, −2
and −1 months of completion, guarantees' expiry the day after their due date and reminders one
and three months before, guarantees to transmit, représentant légal: reminder at two months and
automatic decision at three)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .services.reminders import due_tasks_run


# Every day at 6:30 (Europe/Paris): the tasks due today and before (a missed day is caught up).
@db_periodic_task(crontab(minute="30", hour="6"))
def due_tasks_job() -> None:
    due_tasks_run()
