"""Stocks: split, flush at most 5 %, ETBE made from ethanol."""

import datetime as dt

import pytest

from tests.fakes import FakeClock
from transition.products.carbure.domain.vocabulary import DeliveryType, LotStatus
from transition.products.carbure.models import Stock
from transition.products.carbure.selectors.directory import draft_from_row
from transition.products.carbure.services import lots, stocks, transactions

from ..factories import row, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def stock(monkeypatch):
    FakeClock(monkeypatch, dt.datetime(2025, 6, 30, 10, tzinfo=dt.UTC))
    w = world()
    draft, _ = draft_from_row(w.producer, row(client="Raffinerie de Provence", volume=10000))
    lot = lots.lot_create(entity=w.producer, user=w.producer_user, draft=draft)
    lots.lots_send(entity=w.producer, user=w.producer_user, lots=[lot])
    transactions.lot_accept(entity=w.operator, user=w.operator_user, lot=lot, delivery_type=DeliveryType.STOCK)
    s = Stock.objects.get(parent_lot=lot)
    s.world = w
    return s


def test_split_then_flush_the_last_five_percent(stock):
    w = stock.world
    with pytest.raises(stocks.StockRefused, match="ne contient plus que 10\u202f000 litres"):
        stocks.stock_split(
            entity=w.operator, user=w.operator_user, stock=stock, volume_l=10000.01, delivery_date=dt.date(2025, 6, 29)
        )
    stocks.stock_split(
        entity=w.operator, user=w.operator_user, stock=stock, volume_l=9400, delivery_date=dt.date(2025, 6, 29)
    )
    with pytest.raises(stocks.StockRefused, match="au plus 5 %"):
        stocks.stock_flush(entity=w.operator, user=w.operator_user, stock=stock)
    stocks.stock_split(
        entity=w.operator, user=w.operator_user, stock=stock, volume_l=100, delivery_date=dt.date(2025, 6, 29)
    )
    flushed = stocks.stock_flush(
        entity=w.operator, user=w.operator_user, stock=stock, comment="Pertes à la manutention"
    )
    stock.refresh_from_db()
    assert stock.remaining_volume_l == 0
    assert (flushed.volume_l, flushed.delivery_type, flushed.lot_status) == (
        500.0,
        DeliveryType.FLUSHED,
        LotStatus.ACCEPTED,
    )
    assert flushed.free_field == "Pertes à la manutention"


def test_only_the_owner_uses_a_stock(stock):
    w = stock.world
    with pytest.raises(stocks.StockRefused, match="n’appartient pas"):
        stocks.stock_split(
            entity=w.trader, user=w.trader_user, stock=stock, volume_l=10, delivery_date=dt.date(2025, 6, 29)
        )


def test_etbe_from_ethanol(stock):
    w = stock.world
    etbe = stocks.stock_transform_to_etbe(
        entity=w.operator,
        user=w.operator_user,
        stock=stock,
        volume_ethanol_l=4700,
        volume_etbe_l=10000,
        volume_denaturant_l=47,
        volume_etbe_eligible_l=4700,
    )
    stock.refresh_from_db()
    assert stock.remaining_volume_l == 5300.0
    assert (etbe.biofuel_id, etbe.remaining_volume_l, etbe.initial_volume_l, etbe.ghg_reduction_red_ii) == (
        "ETBE",
        10000.0,
        10000.0,
        stock.ghg_reduction_red_ii,
    )
    # A lot taken from the ETBE stock carries the original lot's sustainability data.
    lot = stocks.stock_split(
        entity=w.operator, user=w.operator_user, stock=etbe, volume_l=1000, delivery_date=dt.date(2025, 6, 29)
    )
    assert (lot.biofuel_id, lot.feedstock_id, lot.eec) == ("ETBE", "BETTERAVE", 9.6)
    with pytest.raises(stocks.StockRefused, match="éthanol"):
        stocks.stock_transform_to_etbe(
            entity=w.operator,
            user=w.operator_user,
            stock=etbe,
            volume_ethanol_l=10,
            volume_etbe_l=20,
            volume_denaturant_l=0,
            volume_etbe_eligible_l=10,
        )
