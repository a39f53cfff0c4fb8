"""Writing lots: from a draft (form, template row) to a stored lot, its checks refreshed on every
change, and the creator's own steps (update, delete, send)."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from transition.platform.accounts.permissions import require
from transition.platform.core.spreadsheets import clean_text

from ..domain.lot_construction import LotDraft
from ..domain.lot_facts import period_of
from ..domain.transitions import Action, refusal
from ..domain.vocabulary import DeliveryType, LotStatus
from ..enums import LotEventType
from ..models import Entity, Lot, LotCheck
from ..notifications import lots_received_send
from ..selectors.lots import carbure_id_refresh, lot_copy, lot_state, lots_for_facts
from .checks import check_rows, checks_of, flags_set, lots_checks_refresh
from .history import lot_events_record
from .stocks import stock_create_from_lot

TERMS = ("eec", "el", "ep", "etd", "eu", "esca", "eccs", "eccr", "eee")


class LotActionRefused(Exception):
    """An action the rules refuse; the message says why, in French."""


def lot_apply_draft(lot: Lot, draft: LotDraft) -> Lot:
    """Copy a draft's data onto a lot (not saved). Everything but status, lineage and flags."""
    lot.free_field = clean_text(draft.free_field)
    lot.producer_id = draft.producer.id if draft.producer else None
    lot.unknown_producer = clean_text(draft.unknown_producer, keep_newlines=False)
    lot.production_site_id = draft.production_site.id if draft.production_site else None
    lot.unknown_production_site = clean_text(draft.unknown_production_site, keep_newlines=False)
    lot.production_country_id = draft.production_country.code if draft.production_country else None
    lot.production_site_commissioning_date = draft.commissioning_date
    lot.production_site_certificate = draft.production_site_certificate
    lot.production_site_double_counting_certificate = draft.double_counting_reference
    lot.supplier_id = draft.supplier.id if draft.supplier else None
    lot.unknown_supplier = clean_text(draft.unknown_supplier, keep_newlines=False)
    lot.supplier_certificate = draft.supplier_certificate
    lot.vendor_id = draft.vendor.id if draft.vendor else None
    lot.vendor_certificate = draft.vendor_certificate
    q = draft.quantities
    lot.volume_l, lot.weight_kg, lot.lhv_amount_mj = (q.volume_l, q.weight_kg, q.lhv_amount_mj) if q else (0, 0, 0)
    lot.biofuel_id = draft.biofuel.code if draft.biofuel else None
    lot.feedstock_id = draft.feedstock.code if draft.feedstock else None
    lot.country_of_origin_id = draft.country_of_origin.code if draft.country_of_origin else None
    for term in TERMS:
        setattr(lot, term, draft.terms.get(term, 0.0))
    lot.ghg_total, lot.ghg_reduction, lot.ghg_reduction_red_ii = (
        draft.ghg.total,
        draft.ghg.reduction,
        draft.ghg.reduction_red_ii,
    )
    lot.transport_document_type = draft.transport_document_type
    lot.transport_document_reference = clean_text(draft.transport_document_reference, keep_newlines=False)
    lot.client_id = draft.client.id if draft.client else None
    lot.unknown_client = clean_text(draft.unknown_client, keep_newlines=False)
    lot.delivery_date = draft.delivery_date
    lot.year = draft.delivery_date.year if draft.delivery_date else None
    lot.period = period_of(draft.delivery_date)
    lot.delivery_site_id = draft.delivery_site.pk if draft.delivery_site else None
    lot.unknown_delivery_site = clean_text(draft.unknown_delivery_site, keep_newlines=False)
    lot.delivery_site_country_id = draft.delivery_site_country.code if draft.delivery_site_country else None
    lot.delivery_type = draft.delivery_type
    lot.parent_stock_id = draft.parent_stock.id if draft.parent_stock else None
    return lot


def lots_create(*, entity: Entity, user, drafts: list[LotDraft], audit: bool = True, lot_import=None) -> list[Lot]:
    """Store drafts as the entity's draft lots, checked (from the drafts, before writing: one
    pass for a whole import). The caller holds the transaction."""
    now = timezone.now()
    results = checks_of([draft.facts() for draft in drafts])
    lots = []
    for draft, lot_results in zip(drafts, results, strict=True):
        lot = lot_apply_draft(
            Lot(added_by=entity, lot_status=LotStatus.DRAFT, created_at=now, updated_at=now, lot_import=lot_import),
            draft,
        )
        flags_set(lot, lot_results)
        lots.append(lot)
    lots = Lot.objects.bulk_create(lots, batch_size=1000)
    carbure_id_refresh([lot.pk for lot in lots])
    LotCheck.objects.bulk_create(
        (row for lot, lot_results in zip(lots, results, strict=True) for row in check_rows(lot, lot_results)),
        batch_size=2000,
    )
    lot_events_record(lots, LotEventType.CREATED, entity=entity, user=user, audit=audit)
    return lots


def lot_create(*, entity: Entity, user, draft: LotDraft) -> Lot:
    require(user, "carbure.entity_write", entity)
    with transaction.atomic():
        (lot,) = lots_create(entity=entity, user=user, drafts=[draft])
    return Lot.objects.get(pk=lot.pk)


def _refuse_unless(action: Action, lot: Lot, entity: Entity) -> None:
    reason = refusal(action, lot_state(lot, entity))
    if reason:
        raise LotActionRefused(reason)


def lot_update(*, entity: Entity, user, lot: Lot, draft: LotDraft) -> Lot:
    require(user, "carbure.entity_write", entity)
    with transaction.atomic():
        lot = Lot.objects.select_for_update().get(pk=lot.pk)
        _refuse_unless(Action.UPDATE, lot, entity)
        before = _snapshot(lot)
        lot_apply_draft(lot, draft)
        lot.updated_at = timezone.now()
        lot.save()
        carbure_id_refresh([lot.pk])
        lot.refresh_from_db(fields=["carbure_id"])
        after = _snapshot(lot)
        changes = {k: [v, after[k]] for k, v in before.items() if after[k] != v}
        lot_events_record([lot], LotEventType.UPDATED, entity=entity, user=user, details={"changes": changes})
        lots_checks_refresh(lots_for_facts([lot.pk]))
    return Lot.objects.get(pk=lot.pk)


def _snapshot(lot: Lot) -> dict:
    skip = {"id", "updated_at", "created_at", "has_blocking_errors", "has_warnings", "had_blocking_errors"}
    return {f.attname: _plain(getattr(lot, f.attname)) for f in Lot._meta.concrete_fields if f.attname not in skip}


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def lot_delete(*, entity: Entity, user, lot: Lot) -> Lot:
    require(user, "carbure.entity_write", entity)
    with transaction.atomic():
        lot = Lot.objects.select_for_update().get(pk=lot.pk)
        _refuse_unless(Action.DELETE, lot, entity)
        lot.lot_status = LotStatus.DELETED
        lot.updated_at = timezone.now()
        lot.save(update_fields=["lot_status", "updated_at"])
        lot_events_record([lot], LotEventType.DELETED, entity=entity, user=user)
    return lot


@dataclass
class SendReport:
    sent: list[Lot] = field(default_factory=list)
    auto_accepted: list[Lot] = field(default_factory=list)
    refused: list[tuple[Lot, str]] = field(default_factory=list)


def lots_send(*, entity: Entity, user, lots: Iterable[Lot]) -> SendReport:
    """Send the entity's drafts that pass every blocking check; say why the others stay."""
    require(user, "carbure.entity_write", entity)
    report = SendReport()
    with transaction.atomic():
        locked = list(lots_for_facts([lot.pk for lot in lots], for_update=True))
        lots_checks_refresh(locked)  # the world may have changed since the drafts were checked
        for lot in locked:
            reason = refusal(Action.SEND, lot_state(lot, entity))
            if reason:
                report.refused.append((lot, reason))
                continue
            _send_one(lot, entity=entity, user=user, report=report)
        clients = Counter(lot.client_id for lot in report.sent if lot.client_id and lot.client_id != entity.pk)
        for client in Entity.objects.filter(pk__in=clients).select_related("organisation"):
            lots_received_send(client=client, count=clients[client.pk], supplier_name=entity.name)
    return report


def _send_one(lot: Lot, *, entity: Entity, user, report: SendReport) -> None:
    now = timezone.now()
    lot.lot_status = LotStatus.PENDING
    lot.updated_at = now
    lot_events_record([lot], LotEventType.SENT, entity=entity, user=user)
    if lot.supplier_id != entity.pk and lot.client_id != entity.pk:
        # A trading intermediary: the lot comes to it (accepted at once), then goes to the client.
        final_client_id, final_unknown_client = lot.client_id, lot.unknown_client
        lot.lot_status, lot.delivery_type, lot.client_id, lot.unknown_client = (
            LotStatus.ACCEPTED,
            DeliveryType.TRADING,
            entity.pk,
            "",
        )
        lot.save()
        lot_events_record([lot], LotEventType.ACCEPTED, entity=entity, user=user, details={"automatic": True})
        child = lot_copy(lot)
        child.parent_lot = lot
        child.client_id, child.unknown_client = final_client_id, final_unknown_client
        child.supplier_id, child.unknown_supplier = entity.pk, ""
        child.supplier_certificate, child.vendor_id, child.vendor_certificate = lot.vendor_certificate, None, ""
        child.delivery_type = DeliveryType.UNKNOWN
        child.lot_status = LotStatus.PENDING if final_client_id else LotStatus.ACCEPTED
        child.save()
        carbure_id_refresh([child.pk])
        lot_events_record([child], LotEventType.CREATED, entity=entity, user=user, details={"parent": lot.pk})
        lots_checks_refresh(lots_for_facts([child.pk]))
        report.sent.append(child)
        report.auto_accepted.append(lot)
    elif lot.client_id is None:
        # No registered client (release for consumption, export, unregistered client): nobody to wait for.
        lot.lot_status = LotStatus.ACCEPTED
        lot.save()
        lot_events_record([lot], LotEventType.ACCEPTED, entity=entity, user=user, details={"automatic": True})
        report.auto_accepted.append(lot)
    elif lot.client_id == entity.pk and lot.delivery_type != DeliveryType.UNKNOWN:
        # Its own reception (an operator's import): accepted as it says.
        lot.lot_status = LotStatus.ACCEPTED
        lot.save()
        lot_events_record([lot], LotEventType.ACCEPTED, entity=entity, user=user, details={"automatic": True})
        if lot.delivery_type == DeliveryType.STOCK:
            stock_create_from_lot(lot, entity=entity, user=user)
        report.auto_accepted.append(lot)
    else:
        lot.save()
        report.sent.append(lot)
