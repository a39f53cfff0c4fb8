"""Bulk address tests: one engine (`bulk_evaluate`: geocode in batches, test on the in-memory
index in batches) for the job, the command line and the benchmark; the test's life (upload, column
mapping, the job, the re-check when networks change)."""

import itertools
import logging
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import connections, router, transaction
from django.utils import timezone

from transition.platform.accounts import permissions as platform_permissions
from transition.platform.audit.services import event_record
from transition.platform.core.resilience import INFRASTRUCTURE_ERRORS
from transition.platform.geo import geocoding
from transition.platform.jobs.runner import JobContext, JobFailed, LeaseLost
from transition.platform.jobs.services import job_enqueue

from ..domain import bulk_columns
from ..domain.bulk_results import BulkOutcome, changes
from ..enums import BULK_TEST_JOB, PRODUCT, BulkTestStatus, EligibilitySource
from ..exports import bulk_xlsx_write
from ..models import BulkTest, BulkTestRow
from ..notifications import notify_bulk_test_changed, notify_bulk_test_done
from ..selectors.bulk_tests import bulk_test_text
from ..selectors.eligibility import bulk_outcomes, networks_version
from .eligibility_counts import eligibility_test_record

__all__ = [
    "BulkRowResult",
    "bulk_test_rename",
    "bulk_evaluate",
    "bulk_file_read",
    "bulk_result_rebuild",
    "bulk_test_create",
    "bulk_test_run",
    "bulk_test_start",
    "bulk_tests_recheck",
]

logger = logging.getLogger(__name__)


def _batch_size() -> int:
    return max(1, settings.CHALEUR_BULK_BATCH_SIZE)


@dataclass
class BulkRowResult:
    line: int
    address: str
    tested_label: str = ""
    score: float | None = None
    lon: float | None = None
    lat: float | None = None
    citycode: str = ""
    error: str = ""
    outcome: BulkOutcome | None = None


def bulk_evaluate(
    queries: Iterable[bulk_columns.AddressQuery],
    *,
    batch_size: int | None = None,
    on_batch: Callable[[list[BulkRowResult]], None] | None = None,
    geocoder=None,
) -> Iterator[BulkRowResult]:
    """Geocode (in batches, through the configured geocoder) then test eligibility (in batches,
    on the in-memory index). Yields one result per query, in order."""
    geocoder = geocoder or geocoding.get_geocoder()
    batch_size = batch_size or _batch_size()
    batch: list[bulk_columns.AddressQuery] = []

    def run(batch):
        rows = [BulkRowResult(line=q.line, address=q.address, error=q.error, lat=q.lat, lon=q.lon) for q in batch]
        to_geocode = [r for r, q in zip(rows, batch, strict=True) if not q.error and q.lat is None]
        if to_geocode:
            # A file often repeats an address: each distinct one is geocoded once.
            distinct = list(dict.fromkeys(r.address for r in to_geocode))
            answers = dict(zip(distinct, geocoder.batch(distinct), strict=True))
            for row in to_geocode:
                hit = answers[row.address]
                if hit is None:
                    row.error = "Adresse non trouvée."
                    continue
                row.tested_label, row.score, row.lon, row.lat, row.citycode = (
                    hit.label,
                    hit.score,
                    hit.lon,
                    hit.lat,
                    hit.citycode or "",
                )
        for row, q in zip(rows, batch, strict=True):
            if not q.error and q.lat is not None:
                row.tested_label, row.score = f"{q.lat}, {q.lon}", 1.0
        located = [r for r in rows if not r.error and r.lon is not None]
        if located:
            outcomes = bulk_outcomes([r.lon for r in located], [r.lat for r in located], [r.citycode for r in located])
            for row, outcome in zip(located, outcomes, strict=True):
                row.outcome = outcome
        if on_batch:
            on_batch(rows)
        return rows

    for query in queries:
        batch.append(query)
        if len(batch) >= batch_size:
            yield from run(batch)
            batch = []
    if batch:
        yield from run(batch)


def bulk_file_read(*, data: bytes, name: str) -> tuple[str, bulk_columns.FilePreview]:
    """Check an upload before any job exists: extension, size, encoding, columns."""
    if not name.lower().endswith((".csv", ".txt")):
        raise bulk_columns.BulkFileError("Seuls les fichiers .csv et .txt sont acceptés.")
    text = bulk_columns.decode(data)
    return text, bulk_columns.preview(text)


def bulk_test_create(*, owner, name: str, data: bytes) -> BulkTest:
    """Store a readable upload; the person then says which columns hold what."""
    platform_permissions.require(owner, "chaleur.bulk_test", None)
    _, preview = bulk_file_read(data=data, name=name)
    with transaction.atomic():
        bulk = BulkTest(
            owner=owner,
            original_name=Path(name).name[:255],
            delimiter=preview.delimiter,
            has_header=preview.has_header,
            address_columns=list(preview.guessed.address_columns),
            lat_column=preview.guessed.lat_column,
            lon_column=preview.guessed.lon_column,
            status=BulkTestStatus.PENDING,
        )
        bulk.file.save(f"{timezone.now():%Y%m%d%H%M%S}.txt", ContentFile(data), save=False)
        bulk.save()
        event_record(
            actor=owner, action="chaleur.bulk_test_create", target=bulk, payload={"bytes": len(data)}, product=PRODUCT
        )
    return bulk


def bulk_test_rename(*, actor, bulk: BulkTest, name: str) -> BulkTest:
    """A test's name (its file's name at first), as the list and the downloads show it."""
    platform_permissions.require(actor, "chaleur.bulk_test_view", bulk)
    name = " ".join((name or "").split())[:255]
    if not name:
        raise ValidationError("Donnez un nom au test.")
    bulk.original_name = name
    bulk.save(update_fields=["original_name"])
    return bulk


def bulk_test_start(
    *, actor, bulk: BulkTest, delimiter: str, has_header: bool, mapping: bulk_columns.ColumnMapping
) -> BulkTest:
    """Fix the mapping, count the lines and queue the job (a platform job: it survives a dead
    consumer). It starts once this transaction commits; a second start of the same test is refused,
    and a double click shares the job (dedupe key)."""
    platform_permissions.require(actor, "chaleur.bulk_test_view", bulk)
    if bulk.status not in (BulkTestStatus.PENDING, BulkTestStatus.FAILED) or bulk.total_rows:
        raise ValidationError("Ce test est déjà lancé.")
    text = bulk_test_text(bulk)
    preview = bulk_columns.preview(text, delimiter=delimiter, has_header=has_header)
    error = mapping.error(preview.column_count)
    if error:
        raise ValidationError(error)
    total = sum(1 for _ in bulk_columns.iter_queries(text, delimiter=delimiter, has_header=has_header, mapping=mapping))
    if not total:
        raise ValidationError("Le fichier ne contient aucune adresse à tester.")
    with transaction.atomic():
        # Eight clicks at once: each re-reads the test under its row lock (the write lock on
        # SQLite); only the first finds it not started.
        locked = BulkTest.objects.select_for_update().get(pk=bulk.pk)
        if locked.status not in (BulkTestStatus.PENDING, BulkTestStatus.FAILED) or locked.total_rows:
            raise ValidationError("Ce test est déjà lancé.")
        bulk.delimiter = delimiter
        bulk.has_header = has_header
        bulk.address_columns = list(mapping.address_columns)
        bulk.lat_column, bulk.lon_column = mapping.lat_column, mapping.lon_column
        bulk.total_rows = total
        bulk.status = BulkTestStatus.PENDING
        bulk.error = ""
        bulk.job = job_enqueue(
            kind=BULK_TEST_JOB,
            payload={"bulk_test_id": bulk.pk},
            owner=actor,
            dedupe_key=f"chaleur-bulk-{bulk.pk}",
            total=total,
        )
        bulk.save()
        event_record(
            actor=actor, action="chaleur.bulk_test_start", target=bulk, payload={"rows": total}, product=PRODUCT
        )
    return bulk


def _beating(items: Iterable, heartbeat: Callable[[], None] | None, every: int = 2000) -> Iterator:
    for position, item in enumerate(items, 1):
        if heartbeat and position % every == 0:
            heartbeat()
        yield item


def _result_name(bulk: BulkTest) -> str:
    return f"resultats-{bulk.pk}.xlsx"


def bulk_result_rebuild(bulk: BulkTest, *, heartbeat: Callable[[], None] | None = None) -> None:
    """Write the XLSX from the stored rows (at the end of the job, after a re-check), with what
    changed. `heartbeat` is called every few thousand rows (the job renews its lease)."""
    rows = BulkTestRow.objects.filter(bulk_test=bulk).order_by("line")
    with_changes = rows.exclude(changes=[]).exists()
    with tempfile.TemporaryFile(suffix=".xlsx") as xlsx:
        bulk_xlsx_write(
            # Tuples, not model instances: a 100,000-row file built 100,000 objects for nothing.
            (
                (address, tested_label, score, BulkOutcome.from_dict(outcome) if outcome else None, error, changes)
                for address, tested_label, score, outcome, error, changes in _beating(
                    rows.values_list("address", "tested_label", "score", "outcome", "error", "changes").iterator(
                        chunk_size=2000
                    ),
                    heartbeat,
                )
            ),
            xlsx,
            with_changes=with_changes,
            title=bulk.original_name,
            tested_at=bulk.finished_at,
        )
        xlsx.seek(0)
        if bulk.result_file:
            bulk.result_file.delete(save=False)
        bulk.result_file.save(_result_name(bulk), File(xlsx), save=False)
    BulkTest.objects.filter(pk=bulk.pk).update(result_file=bulk.result_file.name)


_ROW_FIELDS = (
    "bulk_test",
    "line",
    "address",
    "tested_label",
    "score",
    "lon",
    "lat",
    "citycode",
    "error",
    "eligible",
    "outcome",
    "changes",
    "changed_at",
)


def _bulk_rows_insert(*, bulk_test_id: int, rows: list[BulkRowResult]) -> None:
    """Store one batch of rows: one INSERT run over the batch (executemany), in one transaction.
    bulk_create prepared every value through its model field and compiled the SQL again for each
    hundred rows: most of the job's time beyond the engine's at 100,000 rows. Here the values are
    plain, only the JSON goes through its field (the database's own form of it)."""
    connection = connections[router.db_for_write(BulkTestRow)]
    fields = [BulkTestRow._meta.get_field(name) for name in _ROW_FIELDS]
    quote = connection.ops.quote_name
    # Table and column names come from the model (quoted); every value is a parameter.
    table, columns = quote(BulkTestRow._meta.db_table), ", ".join(quote(f.column) for f in fields)
    placeholders = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    outcome_field, changes_field = fields[10], fields[11]
    no_changes = changes_field.get_db_prep_save([], connection)
    params = [
        (
            bulk_test_id,
            r.line,
            r.address[:255],
            r.tested_label[:255],
            r.score,
            r.lon,
            r.lat,
            r.citycode,
            r.error[:255],
            bool(r.outcome and r.outcome.eligible),
            outcome_field.get_db_prep_save(r.outcome.as_dict(), connection) if r.outcome else None,
            no_changes,
            None,
        )
        for r in rows
    ]
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _failed(bulk: BulkTest, message: str) -> None:
    BulkTest.objects.filter(pk=bulk.pk).update(status=BulkTestStatus.FAILED, error=message)


def bulk_test_run(*, ctx: JobContext, geocoder=None) -> dict:
    """The job (kind BULK_TEST_JOB): geocode, test and store every row, batch by batch. Each batch's
    rows, the test's progress and the job's checkpoint commit together: a consumer that dies
    loses its batch in progress and the job resumes after the last committed one, so each line is
    stored once. Then the XLSX (from the stored rows) and, once, the email."""
    bulk = BulkTest.objects.get(pk=ctx.payload["bulk_test_id"])
    if bulk.status == BulkTestStatus.DONE:
        return {"rows": bulk.total_rows}
    done, eligible = ctx.checkpoint.get("rows", 0), ctx.checkpoint.get("eligible", 0)
    version = ctx.checkpoint.get("version")
    try:
        ctx.set_total(bulk.total_rows)
        if version is None:  # a fresh start: the networks' version the answers are computed with
            version = networks_version()
            with ctx.batch() as batch:
                BulkTestRow.objects.filter(bulk_test=bulk).delete()
                BulkTest.objects.filter(pk=bulk.pk).update(status=BulkTestStatus.RUNNING, processed_rows=0, error="")
                batch.checkpoint = {"rows": 0, "eligible": 0, "version": version}
        text = bulk_test_text(bulk)
        mapping = bulk_columns.ColumnMapping(
            address_columns=tuple(bulk.address_columns), lat_column=bulk.lat_column, lon_column=bulk.lon_column
        )
        queries = bulk_columns.iter_queries(text, delimiter=bulk.delimiter, has_header=bulk.has_header, mapping=mapping)

        def store(rows: list[BulkRowResult]) -> None:
            nonlocal done, eligible
            with ctx.batch() as batch:
                _bulk_rows_insert(bulk_test_id=bulk.pk, rows=rows)
                done += len(rows)
                eligible += sum(1 for r in rows if r.outcome and r.outcome.eligible)
                BulkTest.objects.filter(pk=bulk.pk).update(status=BulkTestStatus.RUNNING, processed_rows=done)
                batch.checkpoint = {"rows": done, "eligible": eligible, "version": version}
                batch.done = done

        for _ in bulk_evaluate(itertools.islice(queries, done, None), on_batch=store, geocoder=geocoder):
            pass
        ctx.renew()
        bulk_result_rebuild(bulk, heartbeat=ctx.renew)  # the XLSX, from the rows stored (by whichever consumer)
        with ctx.batch() as batch:
            now = timezone.now()
            first_finish = BulkTest.objects.filter(pk=bulk.pk, email_sent_at__isnull=True).update(
                status=BulkTestStatus.DONE,
                processed_rows=done,
                total_rows=done,
                eligible_rows=eligible,
                finished_at=now,
                data_version=version,
                email_sent_at=now,
            )
            if first_finish:  # counted, recorded and emailed once, whoever finishes
                bulk.refresh_from_db()
                eligibility_test_record(
                    eligible=[True] * eligible + [False] * (done - eligible), source=EligibilitySource.MASSE
                )
                event_record(
                    actor=None, action="chaleur.bulk_test_done", target=bulk, payload={"rows": done}, product=PRODUCT
                )
                notify_bulk_test_done(bulk=bulk)
            batch.checkpoint = {"rows": done, "eligible": eligible, "version": version, "finished": True}
            batch.done = done
    except (LeaseLost, *INFRASTRUCTURE_ERRORS):
        raise  # another consumer goes on, or the watchdog resumes it: not a failure of the test
    except JobFailed as exc:
        _failed(bulk, exc.message)
        raise
    except Exception as exc:
        logger.exception("Test d’adresses %s en échec", bulk.pk)
        # The person reads this: the technical detail stays in the log above.
        message = (
            "Le traitement a échoué sur une erreur du service (référence "
            f"{type(exc).__name__}). Déposez le fichier à nouveau ; si l’erreur revient, écrivez-nous."
        )
        _failed(bulk, message)
        raise JobFailed(message) from exc
    return {"rows": done, "eligible": eligible}


def bulk_tests_recheck(*, version: int | None = None) -> int:
    """When networks changed (their data version moved), test again the addresses of every
    finished bulk test, record per address what changed, and tell the owner. Returns the number of
    tests rechecked."""
    version = networks_version() if version is None else version
    rechecked = 0
    stale = BulkTest.objects.filter(status=BulkTestStatus.DONE).exclude(data_version=version).select_related("owner")
    for bulk in stale:
        changed = 0
        now = timezone.now()
        rows = list(BulkTestRow.objects.filter(bulk_test=bulk, lon__isnull=False).order_by("line"))
        with transaction.atomic():
            size = _batch_size()
            for start in range(0, len(rows), size):
                chunk = rows[start : start + size]
                outcomes = bulk_outcomes([r.lon for r in chunk], [r.lat for r in chunk], [r.citycode for r in chunk])
                updates = []
                for row, outcome in zip(chunk, outcomes, strict=True):
                    old = BulkOutcome.from_dict(row.outcome) if row.outcome else None
                    diff = changes(old, outcome)
                    if diff:
                        row.outcome, row.eligible, row.changes, row.changed_at = (
                            outcome.as_dict(),
                            outcome.eligible,
                            diff,
                            now,
                        )
                        updates.append(row)
                        changed += 1
                BulkTestRow.objects.bulk_update(
                    updates, ["outcome", "eligible", "changes", "changed_at"], batch_size=1000
                )
            eligible = BulkTestRow.objects.filter(bulk_test=bulk, eligible=True).count()
            BulkTest.objects.filter(pk=bulk.pk).update(
                data_version=version, rechecked_at=now, changed_rows=changed, eligible_rows=eligible
            )
            if changed:
                bulk_result_rebuild(bulk)
            event_record(
                actor=None,
                action="chaleur.bulk_test_recheck",
                target=bulk,
                payload={"changed": changed},
                product=PRODUCT,
            )
            if changed:
                notify_bulk_test_changed(bulk=bulk, changed=changed)
        rechecked += 1
    return rechecked
