"""Importing lots from the template: every row read and resolved first, every problem reported
by line and column; the file refused whole if one value cannot be read; otherwise every row
becomes a draft lot, checked. Blocking checks do not refuse the file: the lots are drafts,
flagged, to be fixed before they are sent.

A small file is imported at once, in one transaction. A big one is kept and read by a job
(`tasks.py`), which validates the whole file before writing anything, then writes in batches
that commit with the job's checkpoint: a consumer that dies is resumed from the last batch, and a
job that fails for good removes what it had written, so nothing stays half-imported.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from transition.platform.accounts.permissions import require
from transition.platform.audit.services import event_record
from transition.platform.core.imports import FileRefused, ImportReport
from transition.platform.jobs.runner import JobFailed, LeaseLost

from ..domain import template
from ..domain.lot_construction import LotDraft, construct_lot
from ..domain.vocabulary import LotStatus
from ..enums import PRODUCT
from ..models import Entity, Lot, LotImport
from ..selectors.checker import file_rows
from ..selectors.directory import directory_for
from ..selectors.referentials import referentials
from .lots import lots_create


@dataclass
class LotsImport:
    report: ImportReport
    lots: list[Lot] = field(default_factory=list)
    pending: LotImport | None = None  # a big file, handed to a job

    @property
    def flagged(self) -> int:
        return sum(1 for lot in self.lots if lot.has_blocking_errors)


def rows_to_drafts(entity: Entity, rows: list[tuple[int, dict]], report: ImportReport) -> list[LotDraft]:
    """Resolve every row; every unreadable or unknown value goes to the report."""
    refs = referentials()
    parsed = []
    for line, raw in rows:
        row, findings = template.parse_row({template.normalise_header(k): v for k, v in raw.items()})
        parsed.append((line, row, findings))
    directory = directory_for(entity, stock_ids=[row.get("carbure_stock_id") for _, row, _ in parsed])
    drafts = []
    for line, row, findings in parsed:
        draft, more = construct_lot(row, refs, directory)
        for finding in findings + more:
            report.error(finding.message, line=line, field=finding.column)
        drafts.append(draft)
    report.rows_read = len(rows)
    if report.ok and not drafts:
        report.error("Le fichier ne contient aucun lot.")
    return drafts


def _audit_import(user, entity: Entity, filename: str, lots: list[Lot]) -> None:
    event_record(
        actor=user,
        action="carbure.lots_imported",
        target=entity,
        payload={"entity": entity.pk, "file": filename[:100], "lots": len(lots), "ids": [lots[0].pk, lots[-1].pk]},
        product=PRODUCT,
    )


def lots_import(*, entity: Entity, user, upload, filename: str) -> LotsImport:
    """Read the file; a small one is imported now (one transaction), a big one is kept for the job
    (`pending`: the caller starts it on commit)."""
    require(user, "carbure.entity_write", entity)
    try:
        rows = file_rows(upload, filename=filename)
    except FileRefused as exc:
        return LotsImport(ImportReport.from_refusal(exc))
    if len(rows) > settings.CARBURE_IMPORT_INLINE_ROWS:
        upload.seek(0)
        pending = LotImport(entity=entity, user=user, filename=filename[:255], rows=len(rows))
        pending.file.save(f"{entity.pk}.{filename.rsplit('.', 1)[-1][:5]}", ContentFile(upload.read()), save=False)
        pending.save()
        return LotsImport(ImportReport(rows_read=len(rows)), pending=pending)
    report = ImportReport()
    drafts = rows_to_drafts(entity, rows, report)
    if not report.ok:
        return LotsImport(report)
    with transaction.atomic():
        lots = lots_create(entity=entity, user=user, drafts=drafts, audit=False)
        _audit_import(user, entity, filename, lots)
    report.created = len(lots)
    return LotsImport(report, lots)


def lot_import_run(*, ctx, lot_import: LotImport) -> dict:
    """The job's work (see the module's docstring). `ctx` is the platform's JobContext. A failure
    removes what the job wrote; a lost lease (another consumer took the job over) does not."""
    try:
        return _import_in_batches(ctx, lot_import)
    except LeaseLost:
        raise
    except Exception:
        lot_import_undo(lot_import=lot_import)
        raise


def _import_in_batches(ctx, lot_import: LotImport) -> dict:
    entity, user = lot_import.entity, lot_import.user
    with lot_import.file.open("rb") as handle:
        try:
            rows = file_rows(handle, filename=lot_import.filename)
        except FileRefused as exc:
            _refuse(lot_import, ImportReport.from_refusal(exc))
            raise JobFailed(exc.message) from None
    ctx.renew()
    report = ImportReport()
    drafts = rows_to_drafts(entity, rows, report)
    if not report.ok:
        _refuse(lot_import, report)
        raise JobFailed(report.summary())
    ctx.set_total(len(drafts))
    size = settings.CARBURE_IMPORT_BATCH_SIZE
    for start in range(ctx.checkpoint.get("next", 0), len(drafts), size):
        chunk = drafts[start : start + size]
        with ctx.batch() as batch:
            created = lots_create(entity=entity, user=user, drafts=chunk, audit=False, lot_import=lot_import)
            _audit_import(user, entity, lot_import.filename, created)
            batch.checkpoint["next"] = start + len(chunk)
            batch.done = start + len(chunk)
    lots = Lot.objects.filter(lot_import=lot_import)
    lot_import.lots_created = lots.count()
    lot_import.lots_flagged = lots.filter(has_blocking_errors=True).count()
    lot_import.report = {"summary": f"{lot_import.lots_created} lots importés en brouillon."}
    lot_import.file.delete(save=False)
    lot_import.save()
    return {"lots": lot_import.lots_created, "flagged": lot_import.lots_flagged}


def _refuse(lot_import: LotImport, report: ImportReport) -> None:
    lot_import.report = report.as_dict()
    lot_import.file.delete(save=False)
    lot_import.save()


def lot_import_undo(*, lot_import: LotImport) -> int:
    """After a job failed for good: remove the drafts it wrote, untouched since. Returns how many."""
    with transaction.atomic():
        drafts = Lot.objects.filter(lot_import=lot_import, lot_status=LotStatus.DRAFT)
        count = drafts.count()
        drafts.delete()
    return count
