"""Jobs that finish: state in the database, idempotent batches, resumption after a dead consumer."""

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from tests.fakes import FakeClock
from transition.platform.audit.models import Event
from transition.platform.audit.services import event_record
from transition.platform.jobs.enums import JobState
from transition.platform.jobs.models import Job
from transition.platform.jobs.registry import job_kind
from transition.platform.jobs.runner import GENERIC_FAILURE, JobFailed, LeaseLost, job_run, jobs_to_resume
from transition.platform.jobs.services import job_cancel, job_enqueue, job_retry

pytestmark = pytest.mark.django_db

ROWS = 23
BATCH = 5


class ConsumerDied(BaseException):
    """Stands for kill -9: nothing after it runs, no handler sees it."""


behaviour = {"die_after_batches": None, "on_batch": None}


@job_kind("tests.rows")
def rows_job(ctx):
    """Writes one audit event per row, in batches: a row written twice would show."""
    ctx.set_total(ROWS)
    start = ctx.checkpoint.get("next", 0)
    for batches, offset in enumerate(range(start, ROWS, BATCH)):
        if behaviour["die_after_batches"] is not None and batches == behaviour["die_after_batches"]:
            raise ConsumerDied
        if behaviour["on_batch"]:
            behaviour["on_batch"](ctx, offset)
        end = min(ROWS, offset + BATCH)
        with ctx.batch() as batch:
            for i in range(offset, end):
                event_record(actor=None, action="test_row", target=("row", str(i)))
            batch.checkpoint["next"] = end
            batch.done = end
    return {"rows": ROWS}


@job_kind("tests.fails_politely")
def fails_politely(ctx):
    raise JobFailed("La colonne « adresse » est vide : corrigez le fichier puis relancez.")


@job_kind("tests.crashes")
def crashes(ctx):
    raise ZeroDivisionError("détail technique")


@pytest.fixture(autouse=True)
def _reset():
    behaviour.update(die_after_batches=None, on_batch=None)


def _rows_written() -> list[str]:
    return sorted(Event.objects.filter(action="test_row").values_list("object_id", flat=True), key=int)


def test_a_job_runs_once_its_transaction_commits(django_capture_on_commit_callbacks, alice):
    with django_capture_on_commit_callbacks(execute=True):
        job = job_enqueue(kind="tests.rows", owner=alice)
        assert Job.objects.get(pk=job.pk).state == JobState.QUEUED
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.result == {"rows": ROWS}
    assert job.done_count == ROWS and job.total == ROWS and job.percent == 100
    assert _rows_written() == [str(i) for i in range(ROWS)]
    assert job.status_label == "Terminé"


def test_the_same_start_twice_queues_one_job():
    first = job_enqueue(kind="tests.rows", dedupe_key="fichier-42")
    second = job_enqueue(kind="tests.rows", dedupe_key="fichier-42")
    assert first.pk == second.pk
    assert Job.objects.count() == 1
    other = job_enqueue(kind="tests.rows", dedupe_key="fichier-43")
    assert other.pk != first.pk


def test_a_finished_job_does_not_block_a_new_identical_start():
    first = job_enqueue(kind="tests.rows", dedupe_key="k")
    job_run(first.pk)
    second = job_enqueue(kind="tests.rows", dedupe_key="k")
    assert second.pk != first.pk


def test_unknown_kinds_are_refused():
    with pytest.raises(ValueError):
        job_enqueue(kind="tests.nope")


def test_a_dead_consumer_s_job_is_resumed_from_its_last_batch_without_duplicates(monkeypatch):
    clock = FakeClock(monkeypatch, timezone.now())
    job = job_enqueue(kind="tests.rows")
    behaviour["die_after_batches"] = 2
    with pytest.raises(ConsumerDied):
        job_run(job.pk, worker="machine-a:1")
    job.refresh_from_db()
    assert job.state == JobState.RUNNING and job.done_count == 10
    assert _rows_written() == [str(i) for i in range(10)]

    assert jobs_to_resume() == []  # the lease still runs: nobody takes the job yet
    assert job_run(job.pk, worker="machine-b:2") is None

    clock.advance(seconds=121)  # the lease (JOBS_LEASE_S) ran out
    assert jobs_to_resume() == [job.pk]
    job.refresh_from_db()
    assert job.state == JobState.QUEUED and job.resumed_count == 1
    assert job.status_label == "En cours (reprise après incident)"

    behaviour["die_after_batches"] = None
    assert job_run(job.pk, worker="machine-b:2") == JobState.DONE
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.worker == "machine-b:2" and job.attempts == 2
    assert _rows_written() == [str(i) for i in range(ROWS)]  # each row exactly once


def test_a_consumer_that_lost_its_lease_rolls_its_batch_back(monkeypatch):
    clock = FakeClock(monkeypatch, timezone.now())
    job = job_enqueue(kind="tests.rows")

    def stall_then_lose(ctx, offset):
        if offset == 10:
            clock.advance(seconds=200)  # this consumer stalled past its lease...
            assert jobs_to_resume() == [job.pk]  # ... the watchdog handed the job on

    behaviour["on_batch"] = stall_then_lose
    assert job_run(job.pk, worker="slow:1") is None  # LeaseLost, caught: another consumer continues
    assert _rows_written() == [str(i) for i in range(10)]  # the third batch was rolled back
    behaviour["on_batch"] = None
    assert job_run(job.pk, worker="fast:2") == JobState.DONE
    assert _rows_written() == [str(i) for i in range(ROWS)]


def test_a_cancelled_job_stops_at_its_next_batch():
    job = job_enqueue(kind="tests.rows")

    def cancel(ctx, offset):
        if offset == 5:
            job_cancel(job=job)

    behaviour["on_batch"] = cancel
    assert job_run(job.pk) is None
    job.refresh_from_db()
    assert job.state == JobState.CANCELLED and job.done_count == 5
    assert job.is_finished and job.is_cancelled


def test_a_handler_s_failure_message_is_what_the_person_reads():
    job = job_enqueue(kind="tests.fails_politely")
    assert job_run(job.pk) == JobState.FAILED
    job.refresh_from_db()
    assert job.message.startswith("La colonne « adresse » est vide")
    assert job.is_failed and job.status_label == "Échec"


def test_a_crash_shows_a_plain_message_and_keeps_the_detail_for_the_team(caplog):
    job = job_enqueue(kind="tests.crashes")
    assert job_run(job.pk) == JobState.FAILED
    job.refresh_from_db()
    assert job.message == GENERIC_FAILURE
    assert "ZeroDivisionError" in job.error and "détail technique" not in job.message


def test_a_job_interrupted_too_often_fails_instead_of_looping(monkeypatch):
    clock = FakeClock(monkeypatch, timezone.now())
    job = job_enqueue(kind="tests.rows")
    behaviour["die_after_batches"] = 0
    for _ in range(5):
        with pytest.raises(ConsumerDied):
            job_run(job.pk)
        clock.advance(seconds=121)
        jobs_to_resume()
    assert job_run(job.pk) == JobState.FAILED
    job.refresh_from_db()
    assert "interrompu trop de fois" in job.message


def test_retry_requeues_a_failed_job_from_its_checkpoint(django_capture_on_commit_callbacks):
    job = job_enqueue(kind="tests.rows")
    Job.objects.filter(pk=job.pk).update(state=JobState.FAILED, checkpoint={"next": 20}, done_count=20)
    with django_capture_on_commit_callbacks(execute=True):
        job_retry(job=job)
    job.refresh_from_db()
    assert job.state == JobState.DONE
    assert _rows_written() == ["20", "21", "22"]


def test_a_start_lost_with_the_queue_is_dispatched_again(monkeypatch):
    clock = FakeClock(monkeypatch, timezone.now())
    job = job_enqueue(kind="tests.rows")  # on_commit never ran: as if Redis lost the message
    Job.objects.filter(pk=job.pk).update(updated_at=clock.now)
    assert jobs_to_resume() == []
    clock.advance(seconds=241)
    assert jobs_to_resume() == [job.pk]
    assert job_run(job.pk) == JobState.DONE


def test_lease_lost_is_raised_by_renew_and_set_total_too(monkeypatch):
    clock = FakeClock(monkeypatch, timezone.now())
    job = job_enqueue(kind="tests.rows")
    seen = {}

    def lose(ctx, offset):
        Job.objects.filter(pk=job.pk).update(lease_token="quelqu-un-d-autre")
        for call in (ctx.renew, lambda: ctx.set_total(3)):
            try:
                call()
            except LeaseLost:
                seen[call] = True
        raise LeaseLost(job.pk)

    behaviour["on_batch"] = lose
    assert job_run(job.pk) is None
    assert len(seen) == 2
    assert clock.now - dt.timedelta(seconds=1) < timezone.now()


def test_progress_fragment_says_resumed_and_polls_until_finished():
    job = job_enqueue(kind="tests.rows")
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING,
        total=200,
        done_count=50,
        resumed_count=1,
        message="Reprise après incident : le traitement reprend où il s’était arrêté.",
    )
    job.refresh_from_db()
    html = render_to_string("jobs/progress.html", {"job": job, "poll_url": "/x/etat/"})
    assert "reprise après incident" in html and "50 sur 200 (25 %)" in html and 'hx-get="/x/etat/"' in html
    Job.objects.filter(pk=job.pk).update(state=JobState.DONE)
    job.refresh_from_db()
    html = render_to_string("jobs/progress.html", {"job": job, "poll_url": "/x/etat/"})
    assert "Terminé" in html and "hx-get" not in html
