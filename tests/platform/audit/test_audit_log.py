import threading
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

from tests.platform.accounts.factories import OrganisationFactory, UserFactory
from transition.platform.audit.hashing import GENESIS_HASH
from transition.platform.audit.models import AppendOnlyError, ChainHead, Event
from transition.platform.audit.selectors import chain_verify
from transition.platform.audit.services import event_record, events_record

pytestmark = pytest.mark.django_db


def _chain(n=5):
    actor = UserFactory()
    organisation = OrganisationFactory()
    return [
        event_record(
            actor=actor,
            action=f"essai.decision_{i}",
            target=organisation,
            payload={"montant": Decimal("12.50"), "rang": i, "texte": "décidé"},
            product="essai",
        )
        for i in range(n)
    ]


def test_events_are_chained_by_hash():
    events = _chain()
    assert events[0].previous_hash == GENESIS_HASH
    for before, after in zip(events, events[1:], strict=False):
        assert after.previous_hash == before.hash
    first = Event.objects.get(pk=events[0].pk)
    assert first.payload == {"montant": "12.50", "rang": 0, "texte": "décidé"}
    assert first.object_type == "accounts.organisation"
    assert first.computed_hash() == first.hash
    assert chain_verify() == (5, None)


def test_audit_verify_says_the_chain_is_whole(capsys):
    _chain(3)
    call_command("audit_verify")
    assert "Chaîne intacte : 3 événement(s)" in capsys.readouterr().out


def test_audit_verify_finds_a_tampered_row():
    events = _chain()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_event SET action = %s WHERE id = %s", ["essai.falsifie", events[2].pk])
    with pytest.raises(CommandError, match=f"événement {events[2].pk} .*modifié"):
        call_command("audit_verify")


def test_audit_verify_finds_a_removed_row():
    events = _chain()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_event WHERE id = %s", [events[1].pk])
    with pytest.raises(CommandError, match=f"événement {events[2].pk} .*supprimé"):
        call_command("audit_verify")


def test_audit_verify_finds_a_removed_tail():
    events = _chain()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_event WHERE id = %s", [events[-1].pk])
    with pytest.raises(CommandError, match="fin de chaîne supprimée"):
        call_command("audit_verify")


def test_audit_verify_finds_a_rehashed_row():
    """Rewriting a row with a fresh hash of its own still breaks the link to the next one."""
    events = _chain()
    forged = Event.objects.get(pk=events[1].pk)
    forged.payload = {"montant": "0"}
    new_hash = forged.computed_hash()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_event SET payload = %s, hash = %s WHERE id = %s", ['{"montant": "0"}', new_hash, forged.pk]
        )
    checked, broken = chain_verify()
    assert (checked, broken.event_id) == (2, events[2].pk)


def test_no_update_or_delete_through_the_application():
    event = _chain(1)[0]
    event.action = "autre"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(action="autre")
    with pytest.raises(AppendOnlyError):
        Event.objects.all().delete()
    assert Event.objects.get().action == "essai.decision_0"


def test_target_pairs_and_system_actor():
    event = event_record(actor=None, action="essai.import", target=("essai.lot", 42))
    assert (event.actor_id, event.object_type, event.object_id) == (None, "essai.lot", "42")
    with pytest.raises(TypeError):
        event_record(actor=None, action="essai.x", payload=["pas", "un", "dict"])


def test_admin_is_read_only(admin_client):
    from django.contrib.admin.sites import site

    model_admin = site._registry[Event]
    request = admin_client.get("/").wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain():
    ChainHead.objects.all().delete()
    errors = []

    def writer(n):
        try:
            for i in range(8):
                event_record(actor=None, action=f"essai.parallele_{n}_{i}")
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert chain_verify() == (32, None)
    assert len(set(Event.objects.values_list("previous_hash", flat=True))) == 32


def test_events_recorded_at_once_continue_the_same_chain():
    """events_record (a batch, one lock) and event_record interleave into one verifiable chain."""
    before = _chain(2)
    actor = UserFactory()
    batch = events_record(
        [
            {"actor": actor, "action": "essai.lot", "target": ("essai.objet", str(i)), "payload": {"rang": i}}
            for i in range(3)
        ],
        product="essai",
    )
    after = _chain(1)
    assert batch[0].previous_hash == before[-1].hash
    assert after[0].previous_hash == batch[-1].hash
    assert [e.object_id for e in Event.objects.filter(action="essai.lot").order_by("id")] == ["0", "1", "2"]
    assert ChainHead.objects.get().last_hash == after[0].hash
    assert chain_verify() == (6, None)
    assert events_record([]) == []
    with pytest.raises(ValueError):
        events_record([{"actor": actor, "action": ""}])
