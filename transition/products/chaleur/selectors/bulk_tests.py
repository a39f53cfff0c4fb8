"""Reads of bulk tests: a person's tests, a test's file and rows."""

import json
from dataclasses import asdict, dataclass

from django.db.models import Count, Q, QuerySet

from ..domain import bulk_columns
from ..domain.bulk_results import (
    CONNECTABLE,
    CONNECTABLE_FUTURE,
    EXISTING_ELIGIBLE,
    FUTURE_ELIGIBLE,
    NOT_CONNECTABLE,
    NOT_FOUND,
    TO_CONFIRM,
    TO_CONFIRM_KEY,
    VERDICTS,
    BulkOutcome,
    to_check,
    verdict,
)
from ..enums import BulkTestStatus
from ..models import BulkTest, BulkTestRow

__all__ = [
    "TO_CHECK",
    "BulkProgress",
    "bulk_test_map_geojson",
    "bulk_test_progress",
    "bulk_test_rows",
    "bulk_test_summary",
    "bulk_test_text",
    "bulk_tests_of",
]

TO_CHECK = "a_verifier"  # the filter of rows whose address found may not be the one in the file
MAP_MAX_POINTS = 5000


def bulk_tests_of(*, user) -> QuerySet[BulkTest]:
    return BulkTest.objects.filter(owner=user).order_by("-created_at")


def bulk_test_text(bulk: BulkTest) -> str:
    with bulk.file.open("rb") as f:
        return bulk_columns.decode(f.read())


def _verdict_filter(key: str) -> Q:
    """The rows of one verdict (domain/bulk_results.py: verdict), as a database filter."""
    existing = Q(outcome__type__in=sorted(EXISTING_ELIGIBLE))
    future = Q(outcome__type__in=sorted(FUTURE_ELIGIBLE)) | Q(outcome__futur_network=True)
    confirm = Q(outcome__type__in=sorted(TO_CONFIRM)) | Q(outcome__untraced_network_in_commune=True)
    found = Q(outcome__isnull=False)
    return {
        CONNECTABLE: found & existing,
        CONNECTABLE_FUTURE: found & ~existing & future,
        TO_CONFIRM_KEY: found & ~existing & ~future & confirm,
        NOT_CONNECTABLE: found & ~existing & ~future & ~confirm,
        NOT_FOUND: Q(outcome__isnull=True),
    }[key]


def bulk_test_rows(bulk: BulkTest, *, only_changed: bool = False, result: str = "") -> QuerySet[BulkTestRow]:
    """The rows of a test, in file order; `result` keeps one verdict (VERDICTS) or TO_CHECK."""
    rows = BulkTestRow.objects.filter(bulk_test=bulk).order_by("line")
    if only_changed:
        rows = rows.exclude(changes=[])
    if result in VERDICTS:
        rows = rows.filter(_verdict_filter(result))
    elif result == TO_CHECK:
        flagged = [
            pk
            for pk, address, label, score in rows.values_list("pk", "address", "tested_label", "score").iterator()
            if to_check(address=address, tested_label=label, score=score)
        ]
        rows = rows.filter(pk__in=flagged)
    return rows


@dataclass(frozen=True)
class BulkSummary:
    total: int
    by_verdict: dict[str, int]  # every key of VERDICTS, 0 included

    def count(self, key: str) -> int:
        return self.by_verdict.get(key, 0)


def bulk_test_summary(bulk: BulkTest) -> BulkSummary:
    """How many rows of each verdict: the same reading as the table's "Résultat" column."""
    counts = dict.fromkeys(VERDICTS, 0)
    groups = (
        BulkTestRow.objects.filter(bulk_test=bulk)
        .values("outcome__type", "outcome__futur_network", "outcome__untraced_network_in_commune")
        .annotate(n=Count("pk"))
    )
    for group in groups:
        if group["outcome__type"] is None:
            counts[NOT_FOUND] += group["n"]
            continue
        outcome = BulkOutcome.from_dict(
            {
                "type": group["outcome__type"],
                "futur_network": bool(group["outcome__futur_network"]),
                "untraced_network_in_commune": bool(group["outcome__untraced_network_in_commune"]),
            }
        )
        counts[verdict(outcome)] += group["n"]
    return BulkSummary(total=sum(counts.values()), by_verdict=counts)


def bulk_test_map_geojson(bulk: BulkTest, *, result: str = "") -> str:
    """The test's found addresses as GeoJSON points (the first MAP_MAX_POINTS), with their verdict."""
    rows = bulk_test_rows(bulk, result=result).filter(lon__isnull=False, lat__isnull=False)
    features = []
    for row in rows.only("line", "address", "tested_label", "lon", "lat", "outcome")[:MAP_MAX_POINTS]:
        key = verdict(BulkOutcome.from_dict(row.outcome) if row.outcome else None)
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(row.lon, 6), round(row.lat, 6)]},
                "properties": {
                    "line": row.line,
                    "address": row.address,
                    "tested": row.tested_label,
                    "result": key,
                    "label": VERDICTS[key],
                },
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


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
