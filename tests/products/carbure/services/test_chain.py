"""A lot's whole journey: the producer sends it to a trader, who sells it on to an operator, who
takes it into stock, releases part of it for consumption; a fix of the producer's lot goes down
the chain; every side declares its month and the lots freeze. Every step is a history row and an
event of the audit chain."""

import datetime as dt

import pytest

from tests.fakes import FakeClock
from transition.platform.audit.models import Event
from transition.products.carbure.domain.vocabulary import CorrectionStatus, DeliveryType, LotStatus
from transition.products.carbure.enums import LotEventType
from transition.products.carbure.models import Lot, Stock
from transition.products.carbure.selectors.directory import draft_from_row
from transition.products.carbure.services import declarations, lots, stocks, transactions

from ..factories import row, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    return FakeClock(monkeypatch, dt.datetime(2025, 6, 30, 10, tzinfo=dt.UTC))


def history(lot):
    return [e.event_type for e in Lot.objects.get(pk=lot.pk).events.order_by("id")]


def codes(lot):
    return sorted(lot.checks.values_list("code", flat=True))


def test_producer_to_release_with_a_fix_down_the_chain(clock):
    w = world()
    draft, findings = draft_from_row(w.producer, row())
    assert findings == []
    lot = lots.lot_create(entity=w.producer, user=w.producer_user, draft=draft)
    assert lot.lot_status == LotStatus.DRAFT and not lot.has_blocking_errors, codes(lot)
    assert lot.producer == w.producer and lot.production_site == w.site and lot.supplier == w.producer
    assert lot.client == w.trader and lot.supplier_certificate == "ISCC-EU-201-1"
    assert (lot.weight_kg, lot.lhv_amount_mj, lot.ghg_total) == (26841.0, 724500.0, 30.7)

    report = lots.lots_send(entity=w.producer, user=w.producer_user, lots=[lot])
    assert [lot.pk] == [sent.pk for sent in report.sent] and not report.refused
    lot.refresh_from_db()
    assert lot.lot_status == LotStatus.PENDING

    # The trader sells it on to the operator: a child lot, pending at the operator.
    transactions.lot_accept(
        entity=w.trader, user=w.trader_user, lot=lot, delivery_type=DeliveryType.TRADING, next_client=w.operator
    )
    lot.refresh_from_db()
    assert (lot.lot_status, lot.delivery_type) == (LotStatus.ACCEPTED, DeliveryType.TRADING)
    traded = lot.children.get()
    assert (traded.lot_status, traded.supplier, traded.client) == (LotStatus.PENDING, w.trader, w.operator)
    assert traded.supplier_certificate == "ISCC-EU-301-1" and traded.eec == 9.6

    # The operator takes it into its stock at Fos, then releases 30,000 l for consumption.
    transactions.lot_accept(entity=w.operator, user=w.operator_user, lot=traded, delivery_type=DeliveryType.STOCK)
    stock = Stock.objects.get(parent_lot=traded)
    assert (stock.owner, stock.initial_volume_l, stock.remaining_volume_l) == (w.operator, 34500.0, 34500.0)
    released = stocks.stock_split(
        entity=w.operator,
        user=w.operator_user,
        stock=stock,
        volume_l=30000,
        delivery_date=dt.date(2025, 6, 28),
        delivery_type=DeliveryType.RFC,
        delivery_site=w.depot,
    )
    stock.refresh_from_db()
    assert stock.remaining_volume_l == 4500.0
    assert released.lot_status == LotStatus.DRAFT and not released.has_blocking_errors, codes(released)
    lots.lots_send(entity=w.operator, user=w.operator_user, lots=[released])
    released.refresh_from_db()
    assert released.lot_status == LotStatus.ACCEPTED  # released for consumption: nobody to wait for

    # The producer finds a wrong eec: it recalls its lot, corrects it, the trader approves.
    transactions.lot_fix_ask(entity=w.producer, user=w.producer_user, lot=lot)
    draft, _ = draft_from_row(w.producer, row(eec=10.1))
    lots.lot_update(entity=w.producer, user=w.producer_user, lot=lot, draft=draft)
    transactions.lot_fix_submit(entity=w.producer, user=w.producer_user, lot=lot)
    lot.refresh_from_db()
    assert lot.correction_status == CorrectionStatus.FIXED
    transactions.lot_fix_approve(entity=w.trader, user=w.trader_user, lot=lot)
    for downstream in (lot, traded, released):
        downstream.refresh_from_db()
        assert (downstream.eec, downstream.ghg_total, downstream.ghg_reduction_red_ii) == (10.1, 31.2, 66.81)
    stock.refresh_from_db()
    assert stock.ghg_reduction_red_ii == 66.81
    assert LotEventType.UPDATED_UPSTREAM in history(released)

    # Everyone declares June: a lot is frozen once both its sides have declared.
    declarations.declaration_validate(entity=w.producer, user=w.producer_user, period=202506)
    lot.refresh_from_db()
    assert lot.lot_status == LotStatus.ACCEPTED and lot.declared_by_supplier and not lot.declared_by_client
    declarations.declaration_validate(entity=w.trader, user=w.trader_user, period=202506)
    lot.refresh_from_db()
    traded.refresh_from_db()
    assert lot.lot_status == LotStatus.FROZEN
    assert traded.lot_status == LotStatus.ACCEPTED
    declarations.declaration_validate(entity=w.operator, user=w.operator_user, period=202506)
    for declared in (traded, released):
        declared.refresh_from_db()
        assert declared.lot_status == LotStatus.FROZEN

    assert history(lot) == [
        LotEventType.CREATED,
        LotEventType.SENT,
        LotEventType.ACCEPTED,
        LotEventType.RECALLED,
        LotEventType.UPDATED,
        LotEventType.MARKED_AS_FIXED,
        LotEventType.FIX_ACCEPTED,
        LotEventType.DECLARED,
    ]
    audited = set(Event.objects.filter(product="carbure").values_list("action", flat=True))
    assert {
        "carbure.lot_created",
        "carbure.lot_sent",
        "carbure.lot_accepted",
        "carbure.lot_recalled",
        "carbure.lot_updated",
        "carbure.lot_marked_as_fixed",
        "carbure.lot_fix_accepted",
        "carbure.lot_updated_upstream",
        "carbure.stock_split",
        "carbure.declaration_validated",
    } <= audited
