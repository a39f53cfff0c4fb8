"""CarbuRe's background work: big template imports (a platform job, resumable), declaration
reminders and the emission statistics (periodic). Each calls one service."""

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from transition.platform.jobs.registry import job_kind
from transition.platform.jobs.services import job_enqueue

from .models import LotImport
from .services import administration, declarations, imports

IMPORT_JOB = "carbure.lots_import"


@job_kind(IMPORT_JOB, max_attempts=5)
def lots_import_job(ctx) -> dict:
    return imports.lot_import_run(
        ctx=ctx, lot_import=LotImport.objects.select_related("entity", "user").get(pk=ctx.payload["import"])
    )


def lots_import_start(lot_import: LotImport):
    """Queue the import of a kept file (started once the caller's transaction commits)."""
    job = job_enqueue(
        kind=IMPORT_JOB,
        payload={"import": lot_import.pk},
        owner=lot_import.user,
        dedupe_key=f"import-{lot_import.pk}",
        total=lot_import.rows,
    )
    LotImport.objects.filter(pk=lot_import.pk).update(job=job)
    return job


# Every day at 8:00: reminders before the monthly declaration's deadline.
@db_periodic_task(crontab(minute="0", hour="8"))
def declaration_reminders_job() -> None:
    declarations.declaration_reminders_send(days_before=settings.CARBURE_DECLARATION_REMINDER_DAYS)


# Mondays at 4:00: the statistics of declared lots the emission checks compare with.
@db_periodic_task(crontab(minute="0", hour="4", day_of_week="1"))
def ghg_statistics_job() -> None:
    administration.ghg_statistics_refresh()
