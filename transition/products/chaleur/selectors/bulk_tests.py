"""Reads of bulk tests: a person's tests, a test's file and rows."""

from django.db.models import QuerySet

from ..domain import bulk_columns
from ..models import BulkTest, BulkTestRow

__all__ = ["bulk_test_rows", "bulk_test_text", "bulk_tests_of"]


def bulk_tests_of(*, user) -> QuerySet[BulkTest]:
    return BulkTest.objects.filter(owner=user).order_by("-created_at")


def bulk_test_text(bulk: BulkTest) -> str:
    with bulk.file.open("rb") as f:
        return bulk_columns.decode(f.read())


def bulk_test_rows(bulk: BulkTest, *, only_changed: bool = False) -> QuerySet[BulkTestRow]:
    rows = BulkTestRow.objects.filter(bulk_test=bulk).order_by("line")
    return rows.exclude(changes=[]) if only_changed else rows
