"""Running a job: claim it with a lease, hand the handler a context that commits idempotent
batches, finish it; and the watchdog that resumes jobs whose consumer died.

A handler resumes where the last committed batch left it:

    @job_kind("chaleur.bulk_test")
    def bulk_test_job(ctx):
        rows = read_rows(ctx.payload["file"])
        ctx.set_total(len(rows))
        start = ctx.checkpoint.get("next", 0)
        for offset in range(start, len(rows), 2000):
            chunk = rows[offset : offset + 2000]
            with ctx.batch() as batch:               # one transaction
                write_results(chunk)                 # ... rows of this batch
                batch.checkpoint["next"] = offset + len(chunk)
                batch.done = offset + len(chunk)
        return {"rows": len(rows)}                   # stored as the job's result

The batch's rows, its checkpoint and the lease renewal commit together, and only while this
consumer still holds the lease: a consumer that lost it (it stalled past the lease and the
watchdog handed the job on) rolls its batch back with `LeaseLost` and stops. So a batch is
written once, whoever finishes the job.
"""

import logging
import os
import socket
import traceback
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .enums import JobState
from .models import Job
from .registry import kind as registered_kind

logger = logging.getLogger(__name__)
GENERIC_FAILURE = "Le traitement a échoué. Réessayez ; si l’échec se répète, écrivez-nous en citant son numéro."


class LeaseLost(Exception):
    """This consumer no longer holds the job (its lease ran out, or the job was cancelled)."""


class JobFailed(Exception):
    """Raised by a handler with the French message the person will read (what to do next)."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def lease_duration() -> timedelta:
    return timedelta(seconds=settings.JOBS_LEASE_S)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:120]


@dataclass
class Batch:
    checkpoint: dict
    done: int


@dataclass
class JobContext:
    job: Job
    lease_token: str
    checkpoint: dict = field(default_factory=dict)
    done: int = 0

    @property
    def payload(self) -> dict:
        return self.job.payload

    @property
    def total(self) -> int | None:
        return self.job.total

    def _held(self):
        return Job.objects.filter(pk=self.job.pk, lease_token=self.lease_token, state=JobState.RUNNING)

    def set_total(self, total: int) -> None:
        if not self._held().update(total=total, updated_at=timezone.now()):
            raise LeaseLost(self.job.pk)
        self.job.total = total

    def renew(self) -> None:
        """Extend the lease during long work between batches (reading a big file)."""
        now = timezone.now()
        if not self._held().update(lease_until=now + lease_duration(), updated_at=now):
            raise LeaseLost(self.job.pk)

    @contextmanager
    def batch(self):
        """One transaction: the caller's writes, then the checkpoint, progress and lease, or nothing."""
        batch = Batch(checkpoint=dict(self.checkpoint), done=self.done)
        with transaction.atomic():
            yield batch
            now = timezone.now()
            held = self._held().select_for_update().filter(lease_until__gte=now)
            if not held.update(
                checkpoint=batch.checkpoint,
                done_count=batch.done,
                lease_until=now + lease_duration(),
                updated_at=now,
            ):
                raise LeaseLost(self.job.pk)  # rolls the batch back: the new holder redoes it
        self.checkpoint, self.done = batch.checkpoint, batch.done
        self.job.done_count = batch.done


def _claim(job_id: int, worker: str) -> tuple[Job, str] | None:
    """Take the job if it is waiting, or running on a lease that ran out."""
    now = timezone.now()
    token = uuid.uuid4().hex
    claimable = Q(state=JobState.QUEUED) | Q(state=JobState.RUNNING, lease_until__lt=now)
    with transaction.atomic():
        updated = Job.objects.filter(claimable, pk=job_id).update(
            state=JobState.RUNNING,
            lease_token=token,
            lease_until=now + lease_duration(),
            worker=worker,
            attempts=F("attempts") + 1,
            started_at=now,
            updated_at=now,
        )
    if not updated:
        return None
    return Job.objects.get(pk=job_id), token


def _finish(job: Job, token: str, **fields) -> bool:
    now = timezone.now()
    return bool(
        Job.objects.filter(pk=job.pk, lease_token=token, state=JobState.RUNNING).update(
            finished_at=now, updated_at=now, lease_until=None, **fields
        )
    )


def job_run(job_id: int, *, worker: str | None = None) -> str | None:
    """Run the job if nobody else holds it. Returns its final state, or None when not run here."""
    worker = worker or worker_name()
    claimed = _claim(job_id, worker)
    if claimed is None:
        return None
    job, token = claimed
    spec = registered_kind(job.kind)
    if spec is None:
        _finish(job, token, state=JobState.FAILED, message=GENERIC_FAILURE, error=f"type inconnu : {job.kind}")
        logger.error("Traitement %s : type inconnu %s", job.pk, job.kind)
        return JobState.FAILED
    if job.attempts > spec.max_attempts:
        _finish(
            job,
            token,
            state=JobState.FAILED,
            message="Le traitement a été interrompu trop de fois. Relancez-le ; si cela se répète, écrivez-nous.",
            error=f"{job.attempts - 1} démarrages",
        )
        return JobState.FAILED
    ctx = JobContext(job=job, lease_token=token, checkpoint=dict(job.checkpoint or {}), done=job.done_count)
    try:
        result = spec.handler(ctx)
    except LeaseLost:
        logger.warning("Traitement %s : bail perdu par %s, un autre consommateur le poursuit", job.pk, worker)
        return None
    except JobFailed as exc:
        _finish(job, token, state=JobState.FAILED, message=exc.message[:500], error=exc.message)
        return JobState.FAILED
    except Exception:  # a bug or an outage: the person gets a plain message, the team the detail
        logger.exception("Traitement %s (%s) en échec", job.pk, job.kind)
        _finish(job, token, state=JobState.FAILED, message=GENERIC_FAILURE, error=traceback.format_exc()[-5000:])
        return JobState.FAILED
    if not _finish(job, token, state=JobState.DONE, result=result or {}, message=""):
        return None  # cancelled or taken over at the last moment: the holder decides
    return JobState.DONE


def jobs_to_resume(*, now=None) -> list[int]:
    """Jobs whose consumer died (lease ran out) or whose start was lost (queued for too long, as
    when the queue's Redis crashed): put back in the queue, to be dispatched again. Claiming is
    guarded, so dispatching a job twice runs it once."""
    now = now or timezone.now()
    expired = list(Job.objects.filter(state=JobState.RUNNING, lease_until__lt=now).values_list("pk", flat=True))
    if expired:
        Job.objects.filter(pk__in=expired, state=JobState.RUNNING, lease_until__lt=now).update(
            state=JobState.QUEUED,
            resumed_count=F("resumed_count") + 1,
            lease_token="",
            lease_until=None,
            message="Reprise après incident : le traitement reprend où il s’était arrêté.",
            updated_at=now,
        )
    stale = now - 2 * lease_duration()
    forgotten = list(
        Job.objects.filter(state=JobState.QUEUED, updated_at__lt=stale)
        .exclude(pk__in=expired)
        .values_list("pk", flat=True)
    )
    if forgotten:
        Job.objects.filter(pk__in=forgotten).update(updated_at=now)
    return expired + forgotten
