"""Starting and cancelling jobs. A job starts once the transaction that asked for it commits."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .enums import ACTIVE_STATES, JobState
from .models import Job
from .registry import kind as registered_kind
from .tasks import job_dispatch


def job_enqueue(*, kind: str, payload: dict | None = None, owner=None, dedupe_key: str = "", total=None) -> Job:
    """Queue a job of a registered kind. With a `dedupe_key`, a second identical start while the
    first is waiting or running returns the first instead of queueing another."""
    if registered_kind(kind) is None:
        raise ValueError(f"Type de traitement inconnu : {kind} (registry.job_kind)")
    if dedupe_key:
        existing = Job.objects.filter(kind=kind, dedupe_key=dedupe_key, state__in=ACTIVE_STATES).first()
        if existing is not None:
            return existing
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind, payload=payload or {}, owner=owner, dedupe_key=dedupe_key[:200], total=total
            )
    except IntegrityError:
        existing = Job.objects.filter(kind=kind, dedupe_key=dedupe_key, state__in=ACTIVE_STATES).first()
        if existing is None:
            raise
        return existing
    transaction.on_commit(lambda: job_dispatch(job.pk))
    return job


def job_cancel(*, job: Job) -> bool:
    """Stop a waiting or running job: a running handler stops at its next batch (LeaseLost)."""
    now = timezone.now()
    return bool(
        Job.objects.filter(pk=job.pk, state__in=ACTIVE_STATES).update(
            state=JobState.CANCELLED, finished_at=now, updated_at=now, lease_until=None, message="Annulé."
        )
    )


def job_retry(*, job: Job) -> Job:
    """A failed or cancelled job queued again, from its last checkpoint."""
    updated = Job.objects.filter(pk=job.pk, state__in=(JobState.FAILED, JobState.CANCELLED)).update(
        state=JobState.QUEUED, message="", error="", attempts=0, finished_at=None, updated_at=timezone.now()
    )
    if updated:
        transaction.on_commit(lambda: job_dispatch(job.pk))
    job.refresh_from_db()
    return job
