"""The huey side of jobs: one task runs a job by id; a periodic watchdog resumes the jobs whose
consumer died. The handlers' modules are the products' tasks.py (autodiscovered by huey)."""

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from transition.platform.core.resilience import INFRASTRUCTURE_ERRORS

from .registry import job_kind
from .runner import JobFailed, job_run, jobs_to_resume

logger = logging.getLogger(__name__)


@db_task()
def job_run_task(job_id: int) -> None:
    job_run(job_id)


def job_dispatch(job_id: int) -> bool:
    """Hand the job to the queue. A queue that does not answer does not fail the caller (the job
    is recorded, the request that started it has committed): the watchdog dispatches it later."""
    try:
        job_run_task(job_id)
    except INFRASTRUCTURE_ERRORS as exc:
        logger.warning("Traitement %s : mise en file impossible (%s), le chien de garde le relancera", job_id, exc)
        return False
    return True


@db_periodic_task(crontab(minute="*"))
def jobs_watchdog_task() -> None:
    for job_id in jobs_to_resume():
        logger.warning("Traitement %s relancé par le chien de garde", job_id)
        job_dispatch(job_id)


@job_kind("platform.smoke", max_attempts=2)
def smoke_job(ctx) -> dict:
    """`manage.py deploy_check`: a consumer takes a job, reaches the database and the file storage."""
    name = default_storage.save(ctx.payload["file"], ContentFile(b"essai"))
    try:
        with default_storage.open(name, "rb") as f:
            if f.read() != b"essai":
                raise JobFailed("Le fichier relu par le consommateur diffère de l’écrit.")
    finally:
        default_storage.delete(name)
    with ctx.batch() as batch:
        batch.done = 1
    return {"worker": ctx.job.worker}
