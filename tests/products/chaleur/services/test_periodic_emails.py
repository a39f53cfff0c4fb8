from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from transition.products.chaleur.services.periodic_emails import (
    operator_digest_send,
    operator_reminders_send,
    requester_followups_send,
)

from ..factories import DemandFactory, network_fixture, operator_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_weekday_digest_lists_new_demands_once(operator):
    DemandFactory(network=operator.network, address="1 rue Nouvelle")
    DemandFactory(network=operator.network, address="2 rue Nouvelle")
    DemandFactory(network=None, address="3 rue Sans Réseau")
    assert operator_digest_send() == 1
    [email] = mail.outbox
    assert email.to == [operator.user.email]
    assert "2 nouvelles demandes" in email.subject
    assert "1 rue Nouvelle" in email.body and "3 rue Sans Réseau" not in email.body
    assert operator_digest_send() == 0  # idempotent: already signalled
    assert len(mail.outbox) == 1


def test_weekly_reminder_of_demands_waiting_more_than_7_days(operator):
    now = timezone.now()
    DemandFactory(network=operator.network, address="Vieille", created_at=now - timedelta(days=8))
    DemandFactory(network=operator.network, address="Récente", created_at=now - timedelta(days=2))
    DemandFactory(
        network=operator.network, address="Prise", created_at=now - timedelta(days=9), status="etude_en_cours"
    )
    assert operator_reminders_send(now=now) == 1
    [email] = mail.outbox
    assert "Vieille" in email.body and "Récente" not in email.body and "Prise" not in email.body
    assert operator_reminders_send(now=now + timedelta(days=1)) == 0
    assert operator_reminders_send(now=now + timedelta(days=7)) == 1  # a week later, still waiting


def test_requester_followups_at_day_30_and_45_once_each(network):
    now = timezone.now()
    demand = DemandFactory(network=network, email="r@example.fr", created_at=now - timedelta(days=31))
    DemandFactory(network=network, created_at=now - timedelta(days=31), status="realise")
    DemandFactory(network=network, created_at=now - timedelta(days=10))
    assert requester_followups_send(now=now) == 1
    assert requester_followups_send(now=now) == 0
    assert requester_followups_send(now=now + timedelta(days=15)) == 1
    assert requester_followups_send(now=now + timedelta(days=16)) == 0
    demand.refresh_from_db()
    assert demand.followup_days_sent == [30, 45]
    assert [m.to for m in mail.outbox] == [["r@example.fr"], ["r@example.fr"]]
    assert "30 jours" in mail.outbox[0].body and "45 jours" in mail.outbox[1].body
