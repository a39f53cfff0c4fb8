"""The huey side of jobs: one task runs a job by id; a periodic watchdog resumes the jobs whose
consumer died. The handlers' modules are the products' tasks.py (autodiscovered by huey)."""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .runner import job_run, jobs_to_resume

logger = logging.getLogger(__name__)


@db_task()
def job_run_task(job_id: int) -> None:
    job_run(job_id)


def job_dispatch(job_id: int) -> None:
    job_run_task(job_id)


@db_periodic_task(crontab(minute="*"))
def jobs_watchdog_task() -> None:
    for job_id in jobs_to_resume():
        logger.warning("Traitement %s relancé par le chien de garde", job_id)
        job_dispatch(job_id)
