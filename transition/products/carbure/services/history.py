"""Every step in a lot's or a stock's life: a row of its history, and an event of the audit chain."""

from collections.abc import Iterable

from transition.platform.audit.services import event_record

from ..enums import PRODUCT, LotEventType, StockEventType
from ..models import Entity, Lot, LotEvent, Stock, StockEvent


def lot_events_record(
    lots: Iterable[Lot],
    event_type: LotEventType,
    *,
    entity: Entity | None,
    user=None,
    details: dict | None = None,
    audit: bool = True,
) -> list[LotEvent]:
    """One history row per lot and, unless `audit` is False (the caller records one event for the
    whole batch, e.g. an import), one audit event per lot."""
    lots = list(lots)
    events = LotEvent.objects.bulk_create(
        (LotEvent(lot=lot, event_type=event_type, entity=entity, user=user, details=details or {}) for lot in lots),
        batch_size=1000,
    )
    if audit:
        # The chain keeps which fields changed, not their values (a free text may hold anything).
        summary = {k: v for k, v in (details or {}).items() if k != "changes"}
        if details and "changes" in details:
            summary["changed_fields"] = sorted(details["changes"])
        for lot in lots:
            event_record(
                actor=user,
                action=f"carbure.lot_{event_type.lower()}",
                target=lot,
                payload={"entity": entity.pk if entity else None, "lot_status": lot.lot_status, **summary},
                product=PRODUCT,
            )
    return events


def stock_event_record(
    stock: Stock,
    event_type: StockEventType,
    *,
    entity: Entity | None,
    user=None,
    volume_l: float | None = None,
    details: dict | None = None,
) -> StockEvent:
    event = StockEvent.objects.create(
        stock=stock, event_type=event_type, entity=entity, user=user, volume_l=volume_l, details=details or {}
    )
    event_record(
        actor=user,
        action=f"carbure.stock_{event_type.lower()}",
        target=stock,
        payload={"entity": entity.pk if entity else None, "volume_l": volume_l, **(details or {})},
        product=PRODUCT,
    )
    return event
