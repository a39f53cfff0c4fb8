"""Importing lots from the template: every row read and resolved first, every problem reported
by line and column; the file refused whole if one value cannot be read; otherwise every row
becomes a draft lot, checked, in one transaction. Blocking checks do not refuse the file: the lots
are drafts, flagged, to be fixed before they are sent."""

from dataclasses import dataclass, field

from django.db import transaction

from transition.platform.accounts.permissions import require
from transition.platform.audit.services import event_record
from transition.platform.core.imports import FileRefused, ImportReport

from ..domain import template
from ..domain.lot_construction import LotDraft, construct_lot
from ..enums import PRODUCT
from ..models import Entity, Lot
from ..selectors.checker import file_rows
from ..selectors.directory import directory_for
from ..selectors.referentials import referentials
from .lots import lots_create


@dataclass
class LotsImport:
    report: ImportReport
    lots: list[Lot] = field(default_factory=list)

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
    return drafts


def lots_import(*, entity: Entity, user, upload, filename: str) -> LotsImport:
    """The whole import in one transaction (the job for big files calls the same pieces)."""
    require(user, "carbure.entity_write", entity)
    try:
        rows = file_rows(upload, filename=filename)
    except FileRefused as exc:
        return LotsImport(ImportReport.from_refusal(exc))
    report = ImportReport()
    drafts = rows_to_drafts(entity, rows, report)
    if not report.ok:
        return LotsImport(report)
    if not drafts:
        report.error("Le fichier ne contient aucun lot.")
        return LotsImport(report)
    with transaction.atomic():
        lots = lots_create(entity=entity, user=user, drafts=drafts, audit=False)
        event_record(
            actor=user,
            action="carbure.lots_imported",
            target=entity,
            payload={
                "entity": entity.pk,
                "file": filename[:100],
                "lots": len(lots),
                "first": lots[0].pk,
                "last": lots[-1].pk,
            },
            product=PRODUCT,
        )
    report.created = len(lots)
    return LotsImport(report, lots)
