"""Jobs of Potentiel: notifying a period (a platform job: progress, resumption)."""

import datetime as dt

from django.contrib.auth import get_user_model

from transition.platform.jobs.registry import job_kind

from .models import Periode
from .services.notification import NOTIFY_JOB, notify_periode


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
