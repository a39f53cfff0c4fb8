"""Monthly declarations: refused while a lot waits, freezes what both sides declared, cancelled
back; reminders before the deadline, once."""

import datetime as dt

import pytest
from django.core import mail

from tests.fakes import FakeClock
from transition.products.carbure.domain.vocabulary import DeliveryType, LotStatus
from transition.products.carbure.models import Declaration, YearLock
from transition.products.carbure.selectors.declarations import declaration_summaries
from transition.products.carbure.selectors.directory import draft_from_row
from transition.products.carbure.services import declarations, lots, transactions
from transition.products.carbure.services.declarations import DeclarationRefused

from ..factories import row, world

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    return FakeClock(monkeypatch, dt.datetime(2025, 6, 30, 10, tzinfo=dt.UTC))


@pytest.fixture
def w(clock):
    return world()


def sent(w):
    draft, _ = draft_from_row(w.producer, row(client="Raffinerie de Provence"))
    lot = lots.lot_create(entity=w.producer, user=w.producer_user, draft=draft)
    lots.lots_send(entity=w.producer, user=w.producer_user, lots=[lot])
    return lot


def test_refused_while_a_lot_waits_then_freezes(w):
    lot = sent(w)
    with pytest.raises(DeclarationRefused, match="1 lot attend une réponse"):
        declarations.declaration_validate(entity=w.producer, user=w.producer_user, period=202506)
    transactions.lot_accept(entity=w.operator, user=w.operator_user, lot=lot, delivery_type=DeliveryType.BLENDING)
    declarations.declaration_validate(entity=w.operator, user=w.operator_user, period=202506)
    declarations.declaration_validate(entity=w.producer, user=w.producer_user, period=202506)
    lot.refresh_from_db()
    assert lot.lot_status == LotStatus.FROZEN
    with pytest.raises(DeclarationRefused, match="déjà déclarée"):
        declarations.declaration_validate(entity=w.producer, user=w.producer_user, period=202506)
    assert Declaration.objects.get(entity=w.producer, period=202506).deadline == dt.date(2025, 7, 31)

    # The producer cancels its declaration: the lot thaws, can be corrected again.
    declarations.declaration_cancel(entity=w.producer, user=w.producer_user, period=202506)
    lot.refresh_from_db()
    assert (lot.lot_status, lot.declared_by_supplier, lot.declared_by_client) == (LotStatus.ACCEPTED, False, True)
    YearLock.objects.create(year=2025)
    with pytest.raises(DeclarationRefused, match="verrouillée"):
        declarations.declaration_validate(entity=w.producer, user=w.producer_user, period=202506)


def test_refused_while_a_lot_is_in_correction_or_rejected(w):
    lot = sent(w)
    transactions.lot_fix_ask(entity=w.operator, user=w.operator_user, lot=lot)
    with pytest.raises(DeclarationRefused, match="en correction"):
        declarations.declaration_validate(entity=w.operator, user=w.operator_user, period=202506)
    other = sent(w)
    transactions.lot_reject(entity=w.operator, user=w.operator_user, lot=other)
    with pytest.raises(DeclarationRefused, match="refusé"):
        declarations.declaration_validate(entity=w.producer, user=w.producer_user, period=202506)


def test_summaries(w):
    sent(w)
    june = declaration_summaries(w.producer, today=dt.date(2025, 6, 30))[0]
    assert (june.period, june.lots_sent, june.declared, june.overdue) == (202506, 1, False, False)
    assert "attend une réponse" in june.refusal


def test_reminders(w, clock):
    lot = sent(w)
    transactions.lot_accept(entity=w.operator, user=w.operator_user, lot=lot, delivery_type=DeliveryType.BLENDING)
    declarations.declaration_validate(entity=w.operator, user=w.operator_user, period=202506)
    mail.outbox.clear()
    clock.set(dt.datetime(2025, 7, 15, 8, tzinfo=dt.UTC))
    assert declarations.declaration_reminders_send(days_before=15) == 0  # 16 days before: too early
    clock.set(dt.datetime(2025, 7, 16, 8, tzinfo=dt.UTC))
    assert declarations.declaration_reminders_send(days_before=15) == 1  # the producer, not the operator
    assert [m.to for m in mail.outbox] == [["paul.producteur@example.fr"]]
    assert "juin 2025" in mail.outbox[0].subject and "31 juillet 2025" in mail.outbox[0].subject
    assert declarations.declaration_reminders_send(days_before=15) == 0  # once
