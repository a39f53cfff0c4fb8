"""An infrastructure fault inside a job is not the job's failure: it is left to the watchdog,
which resumes it after its lease from its last committed batch."""

import pytest
from django.db import OperationalError
from django.utils import timezone

from tests.fakes import FakeClock
from transition.platform.jobs.enums import JobState
from transition.platform.jobs.registry import job_kind
from transition.platform.jobs.runner import job_run, jobs_to_resume
from transition.platform.jobs.services import job_enqueue

pytestmark = pytest.mark.django_db

blinks = {"left": 0}


@job_kind("tests.database_blinks")
def database_blinks(ctx):
    with ctx.batch() as batch:
        batch.done = 1
        batch.checkpoint["first"] = True
    if blinks["left"]:
        blinks["left"] -= 1
        raise OperationalError("server closed the connection unexpectedly")
    with ctx.batch() as batch:
        batch.done = 2
    return {"batches": 2}


def test_a_database_blink_leaves_the_job_to_the_watchdog_instead_of_failing_it(monkeypatch, caplog):
    clock = FakeClock(monkeypatch, timezone.now())
    blinks["left"] = 1
    job = job_enqueue(kind="tests.database_blinks")
    assert job_run(job.pk, worker="machine-a:1") is None
    job.refresh_from_db()
    assert (job.state, job.done_count, job.message) == (JobState.RUNNING, 1, "")
    assert "incident d’infrastructure" in caplog.text
    clock.advance(seconds=121)
    assert jobs_to_resume() == [job.pk]
    assert job_run(job.pk, worker="machine-b:2") == JobState.DONE
    job.refresh_from_db()
    assert (job.done_count, job.resumed_count, job.result) == (2, 1, {"batches": 2})
