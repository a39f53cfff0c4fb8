"""Who may act, and what the rules refuse, through the services."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from tests.fakes import FakeClock
from transition.products.carbure.domain.vocabulary import CorrectionStatus, DeliveryType, LotStatus
from transition.products.carbure.enums import Role
from transition.products.carbure.models import Biofuel, Stock, YearLock
from transition.products.carbure.selectors.directory import draft_from_row
from transition.products.carbure.services import declarations, lots, stocks, transactions
from transition.products.carbure.services.lots import LotActionRefused

from ..factories import member, row, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(monkeypatch):
    FakeClock(monkeypatch, dt.datetime(2025, 6, 30, 10, tzinfo=dt.UTC))
    return world()


def sent_lot(w, **changes):
    draft, _ = draft_from_row(w.producer, row(**{"client": "Raffinerie de Provence", **changes}))
    lot = lots.lot_create(entity=w.producer, user=w.producer_user, draft=draft)
    lots.lots_send(entity=w.producer, user=w.producer_user, lots=[lot])
    lot.refresh_from_db()
    return lot


def test_a_reader_cannot_write(w):
    reader = member(w.producer, role=Role.READER)
    draft, _ = draft_from_row(w.producer, row())
    with pytest.raises(PermissionDenied):
        lots.lot_create(entity=w.producer, user=reader, draft=draft)


def test_someone_of_another_entity_cannot_act_for_it(w):
    draft, _ = draft_from_row(w.producer, row())
    with pytest.raises(PermissionDenied):
        lots.lot_create(entity=w.producer, user=w.trader_user, draft=draft)


def test_only_the_client_accepts(w):
    lot = sent_lot(w)
    with pytest.raises(LotActionRefused, match="seul le client"):
        transactions.lot_accept(entity=w.producer, user=w.producer_user, lot=lot, delivery_type=DeliveryType.BLENDING)


def test_a_lot_with_a_blocking_error_is_not_sent(w):
    draft, _ = draft_from_row(w.producer, row(etd=0))
    lot = lots.lot_create(entity=w.producer, user=w.producer_user, draft=draft)
    report = lots.lots_send(entity=w.producer, user=w.producer_user, lots=[lot])
    assert not report.sent and report.refused[0][1] == "Ce lot a des erreurs bloquantes : corrigez-les d’abord."
    lot.refresh_from_db()
    assert lot.lot_status == LotStatus.DRAFT


def test_checks_are_run_again_when_sending(w):
    draft, _ = draft_from_row(w.producer, row(client="Raffinerie de Provence"))
    lot = lots.lot_create(entity=w.producer, user=w.producer_user, draft=draft)
    assert not lot.has_blocking_errors
    YearLock.objects.create(year=2025)  # the administration locked the year meanwhile
    report = lots.lots_send(entity=w.producer, user=w.producer_user, lots=[lot])
    assert report.refused and "YEAR_LOCKED" in set(lot.checks.values_list("code", flat=True))


def test_refused_then_accepted(w):
    lot = sent_lot(w)
    transactions.lot_reject(entity=w.operator, user=w.operator_user, lot=lot, comment="DAE inconnu à Fos")
    lot.refresh_from_db()
    assert lot.lot_status == LotStatus.REJECTED and lot.comments.get().text == "DAE inconnu à Fos"
    transactions.lot_accept(entity=w.operator, user=w.operator_user, lot=lot, delivery_type=DeliveryType.BLENDING)
    lot.refresh_from_db()
    assert lot.lot_status == LotStatus.ACCEPTED


def test_processing_gives_a_child_lot_of_another_biofuel(w):
    lot = sent_lot(w)
    transactions.lot_accept(
        entity=w.operator,
        user=w.operator_user,
        lot=lot,
        delivery_type=DeliveryType.PROCESSING,
        processor=w.trader,
        processed_biofuel=Biofuel.objects.get(code="ETBE"),
        processed_volume_l=73000,
    )
    child = lot.children.get()
    assert (child.biofuel_id, child.volume_l, child.client, child.supplier, child.lot_status) == (
        "ETBE",
        73000.0,
        w.trader,
        w.operator,
        LotStatus.PENDING,
    )
    assert child.eec == lot.eec  # the sustainability data follows


def test_acceptance_into_stock_needs_a_registered_depot(w):
    lot = sent_lot(w, delivery_site="Entrepôt d’Anvers", delivery_site_country="BE")
    assert lot.lot_status == LotStatus.PENDING
    with pytest.raises(LotActionRefused, match="dépôt enregistré"):
        transactions.lot_accept(entity=w.operator, user=w.operator_user, lot=lot, delivery_type=DeliveryType.STOCK)


def test_an_acceptance_is_cancelled_until_the_stock_is_used(w):
    lot = sent_lot(w)
    transactions.lot_accept(entity=w.operator, user=w.operator_user, lot=lot, delivery_type=DeliveryType.STOCK)
    stock = Stock.objects.get(parent_lot=lot)
    stocks.stock_split(
        entity=w.operator, user=w.operator_user, stock=stock, volume_l=100, delivery_date=dt.date(2025, 6, 29)
    )
    with pytest.raises(LotActionRefused, match="déjà été transférée"):
        transactions.lot_accept_cancel(entity=w.operator, user=w.operator_user, lot=lot)


def test_cancelling_an_acceptance_removes_its_untouched_stock(w):
    lot = sent_lot(w)
    transactions.lot_accept(entity=w.operator, user=w.operator_user, lot=lot, delivery_type=DeliveryType.STOCK)
    transactions.lot_accept_cancel(entity=w.operator, user=w.operator_user, lot=lot)
    lot.refresh_from_db()
    assert lot.lot_status == LotStatus.PENDING and not Stock.objects.exists()


def test_a_fix_does_not_reach_a_declared_lot(w):
    lot = sent_lot(w, client="Négoce Atlantique")
    transactions.lot_accept(
        entity=w.trader, user=w.trader_user, lot=lot, delivery_type=DeliveryType.TRADING, next_client=w.operator
    )
    child = lot.children.get()
    transactions.lot_accept(entity=w.operator, user=w.operator_user, lot=child, delivery_type=DeliveryType.BLENDING)
    declarations.declaration_validate(entity=w.trader, user=w.trader_user, period=202506)
    declarations.declaration_validate(entity=w.operator, user=w.operator_user, period=202506)
    child.refresh_from_db()
    assert child.lot_status == LotStatus.FROZEN
    lot.refresh_from_db()
    assert lot.lot_status == LotStatus.ACCEPTED  # the producer has not declared yet
    transactions.lot_fix_ask(entity=w.producer, user=w.producer_user, lot=lot)
    draft, _ = draft_from_row(w.producer, row(client="Négoce Atlantique", eec=10.1))
    lots.lot_update(entity=w.producer, user=w.producer_user, lot=lot, draft=draft)
    with pytest.raises(LotActionRefused, match="déjà déclarés"):
        transactions.lot_fix_submit(entity=w.producer, user=w.producer_user, lot=lot)
    lot.refresh_from_db()
    assert lot.correction_status == CorrectionStatus.IN_CORRECTION
