"""Jobs of Potentiel, each one service call: notifying a period (a platform job: progress,
resumption); the daily run of dated tasks (reminders at −3, −2 and −1 months of completion,
guarantees' expiry the day after their due date and reminders one and three months before,
guarantees to transmit, représentant légal: reminder at two months and automatic decision at
three)."""

import datetime as dt

from django.contrib.auth import get_user_model
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from transition.platform.jobs.registry import job_kind

from .models import Periode
from .services.notification import NOTIFY_JOB, notify_periode
from .services.reminders import due_tasks_run


@job_kind(NOTIFY_JOB, max_attempts=3)
def notify_periode_job(ctx) -> dict:
    payload = ctx.payload
    user = get_user_model().objects.filter(pk=payload.get("user_id")).first()
    periode = Periode.objects.get(pk=payload["periode_id"])
    ctx.set_total(ctx.job.total or 0)
    return notify_periode(
        periode=periode,
        date=dt.date.fromisoformat(payload["date"]),
        user=user,
        ctx=ctx,
        check_permission=False,  # checked when the job was started
    )


# Every day at 6:30 (Europe/Paris): the tasks due today and before (a missed day is caught up).
@db_periodic_task(crontab(minute="30", hour="6"))
def due_tasks_job() -> None:
    due_tasks_run()
