"""Reads of bulk tests: a person's tests, a test's file and rows."""

from dataclasses import asdict, dataclass

from django.db.models import QuerySet

from ..domain import bulk_columns
from ..enums import BulkTestStatus
from ..models import BulkTest, BulkTestRow

__all__ = ["BulkProgress", "bulk_test_progress", "bulk_test_rows", "bulk_test_text", "bulk_tests_of"]


def bulk_tests_of(*, user) -> QuerySet[BulkTest]:
    return BulkTest.objects.filter(owner=user).order_by("-created_at")


def bulk_test_text(bulk: BulkTest) -> str:
    with bulk.file.open("rb") as f:
        return bulk_columns.decode(f.read())


def bulk_test_rows(bulk: BulkTest, *, only_changed: bool = False) -> QuerySet[BulkTestRow]:
    rows = BulkTestRow.objects.filter(bulk_test=bulk).order_by("line")
    return rows.exclude(changes=[]) if only_changed else rows


@dataclass(frozen=True)
class BulkProgress:
    """What the page and its polling show of a test: its state, read from the test and its job."""

    status: str  # BulkTestStatus value
    status_label: str
    processed: int
    total: int
    progress_pct: int
    error: str
    note: str  # "Reprise après incident…" while a resumed job runs

    def as_dict(self) -> dict:
        return asdict(self)


def bulk_test_progress(bulk: BulkTest) -> BulkProgress:
    job = bulk.job
    status, label, error, note = bulk.status, bulk.get_status_display(), bulk.error, ""
    if status != BulkTestStatus.DONE and job is not None:
        if job.is_failed or job.is_cancelled:
            status, label = BulkTestStatus.FAILED, BulkTestStatus.FAILED.label
            error = error or job.message or "Le traitement a échoué."
        elif job.was_resumed:
            label, note = job.status_label, job.message
    return BulkProgress(
        status=status,
        status_label=label,
        processed=bulk.processed_rows,
        total=bulk.total_rows,
        progress_pct=bulk.progress_pct,
        error=error,
        note=note,
    )
