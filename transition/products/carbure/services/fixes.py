"""A fix carried down the chain: every lot and stock made from a fixed lot takes its corrected
production and sustainability data (each keeps its own delivery data), with a history row."""

from django.utils import timezone

from ..domain.fixes import PROPAGATED_LOT_FIELDS, PROPAGATED_STOCK_FIELDS, changed_fields
from ..domain.vocabulary import LotStatus
from ..enums import LotEventType, StockEventType
from ..models import Entity, Lot, Stock
from ..selectors.lots import lots_for_facts
from .checks import lots_checks_refresh
from .history import lot_events_record, stock_event_record


def descendants(lot: Lot) -> tuple[list[Lot], list[Stock]]:
    """Every lot and stock made from `lot`, breadth first (children, stocks, their extractions,
    ETBE stocks made from them)."""
    lots, stocks = [], []
    pending_lots, pending_stocks = [lot], []
    while pending_lots or pending_stocks:
        if pending_lots:
            current = pending_lots.pop(0)
            children = list(current.children.exclude(lot_status=LotStatus.DELETED))
            made = list(Stock.objects.filter(parent_lot=current))
            lots += children
            stocks += made
            pending_lots += children
            pending_stocks += made
        else:
            stock = pending_stocks.pop(0)
            extracted = list(stock.extracted_lots.exclude(lot_status=LotStatus.DELETED))
            transformed = list(Stock.objects.filter(parent_transformation__source=stock))
            lots += extracted
            stocks += transformed
            pending_lots += extracted
            pending_stocks += transformed
    return lots, stocks


def frozen_descendants(lot: Lot) -> list[Lot]:
    lots, _ = descendants(lot)
    return [d for d in lots if d.lot_status == LotStatus.FROZEN]


def fix_propagate(lot: Lot, *, entity: Entity, user) -> int:
    """Copy the fixed data down; the number of lots and stocks changed. Inside the caller's transaction."""
    values = {f: getattr(lot, f) for f in PROPAGATED_LOT_FIELDS}
    lots, stocks = descendants(lot)
    changed_lots = []
    for descendant in lots:
        before = {f: getattr(descendant, f) for f in PROPAGATED_LOT_FIELDS}
        changes = changed_fields(before, values)
        if not changes:
            continue
        for name, value in values.items():
            setattr(descendant, name, value)
        descendant.updated_at = timezone.now()
        descendant.save()
        changed_lots.append(descendant)
        lot_events_record(
            [descendant],
            LotEventType.UPDATED_UPSTREAM,
            entity=entity,
            user=user,
            details={"from_lot": lot.pk, "changes": {k: [str(a), str(b)] for k, (a, b) in changes.items()}},
        )
    stock_values = {f: getattr(lot, f) for f in PROPAGATED_STOCK_FIELDS}
    changed_stocks = 0
    for stock in stocks:
        before = {f: getattr(stock, f) for f in PROPAGATED_STOCK_FIELDS}
        if not changed_fields(before, stock_values, PROPAGATED_STOCK_FIELDS):
            continue
        for name, value in stock_values.items():
            setattr(stock, name, value)
        stock.save()
        changed_stocks += 1
        stock_event_record(
            stock, StockEventType.UPDATED_UPSTREAM, entity=entity, user=user, details={"from_lot": lot.pk}
        )
    lots_checks_refresh(lots_for_facts([d.pk for d in changed_lots]))
    return len(changed_lots) + changed_stocks
