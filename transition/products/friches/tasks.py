"""Jobs of Friches (huey), each one service call: the daily digests and advisors' reminders, and
the import of a large CNIG file (one transaction: a consumer that dies leaves nothing written, and
the job starts again)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from transition.platform.jobs.registry import job_kind

from .services.digests import digests_send
from .services.imports import JOB_KIND, cnig_import_stored


# Every day at 9:15 (Europe/Paris): "Où en êtes-vous ?", recalled recommendations, reminders due.
@db_periodic_task(crontab(minute="15", hour="9"))
def digests_job() -> None:
    digests_send()


@job_kind(JOB_KIND, max_attempts=3)
def cnig_import_job(ctx) -> dict:
    with ctx.batch() as batch:
        result = cnig_import_stored(**ctx.payload)
        batch.done = result["rows"]
    return result
