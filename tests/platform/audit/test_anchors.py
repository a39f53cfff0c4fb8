"""Finding 5 of issue 9: the audit chain cannot be rewritten. Its hashes are keyed (HMAC with
AUDIT_HMAC_KEYS) and its head is anchored outside the database; audit_verify names the first
event that disagrees."""

import json
import subprocess
import sys
from datetime import UTC

import boto3
import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from moto import mock_aws

from transition.platform.audit.anchors import directory_read
from transition.platform.audit.hashing import event_hash, parse_keys
from transition.platform.audit.models import ChainHead, Event
from transition.platform.audit.selectors import anchors_verify, chain_verify
from transition.platform.audit.services import anchor_write, event_record

pytestmark = pytest.mark.django_db

KEY_A = "a:" + "s" * 40
KEY_B = "b:" + "t" * 40


@pytest.fixture(autouse=True)
def _anchors_here(settings, tmp_path):
    settings.AUDIT_ANCHOR_DIR = str(tmp_path / "ancres")
    settings.AUDIT_ANCHOR_BACKENDS = ["directory"]
    settings.AUDIT_HMAC_KEYS = parse_keys(KEY_A)


def _chain(n=6, start=0):
    return [
        event_record(actor=None, action=f"essai.decision_{i}", target=("essai.dossier", i), payload={"montant": i})
        for i in range(start, start + n)
    ]


def _store(event: Event):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_event SET payload = %s, previous_hash = %s, hash = %s, key_id = %s WHERE id = %s",
            [json.dumps(event.payload), event.previous_hash, event.hash, event.key_id, event.pk],
        )
    ChainHead.objects.filter(pk=1).update(last_event_id=event.pk, last_hash=event.hash)


def _rewrite_history(events, *, edit, delete, rehash):
    """What the attacker of the issue did: edit one event, delete another, then recompute every
    later hash (`rehash(event)`) so that each link holds again."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_event WHERE id = %s", [events[delete].pk])
    previous = Event.objects.get(pk=events[edit - 1].pk).hash
    for event in Event.objects.filter(pk__gte=events[edit].pk).order_by("id"):
        if event.pk == events[edit].pk:
            event.payload = {"montant": 1_000_000}
        event.previous_hash = previous
        event.hash = rehash(event)
        _store(event)
        previous = event.hash


def _plain_sha256(event):
    """An attacker without the key can only compute the old, unkeyed hash."""
    return event_hash(
        previous_hash=event.previous_hash,
        created_at=event.created_at.astimezone(UTC).isoformat(timespec="microseconds"),
        actor_id=event.actor_id,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        payload=event.payload,
        product=event.product,
    )


def test_rewritten_history_without_the_key_fails_verification():
    events = _chain()
    _rewrite_history(events, edit=2, delete=4, rehash=lambda e: (setattr(e, "key_id", ""), _plain_sha256(e))[1])
    checked, broken = chain_verify()
    assert broken is not None
    assert broken.event_id == events[2].pk
    with pytest.raises(CommandError, match=f"événement {events[2].pk} "):
        call_command("audit_verify")


def test_rewritten_history_with_the_key_is_caught_by_the_anchors(capsys):
    """An insider holding the key recomputes every seal: the chain holds, the anchors do not."""
    events = _chain()
    anchor, places = anchor_write()
    assert anchor["head_event_id"] == events[-1].pk and len(places) == 1
    call_command("audit_verify")
    assert "1 ancre(s) concordante(s), 6 empreinte(s) attestée(s)" in capsys.readouterr().out
    _rewrite_history(events, edit=2, delete=4, rehash=lambda e: e.computed_hash())
    assert chain_verify() == (5, None)  # the chain alone is fooled
    with pytest.raises(CommandError, match=f"événement {events[2].pk} : son empreinte diffère de celle de l’ancre"):
        call_command("audit_verify")


def test_a_deleted_tail_after_an_anchor_is_named():
    events = _chain(3)
    anchor_write()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_event WHERE id = %s", [events[-1].pk])
    previous = Event.objects.order_by("-id").first()
    ChainHead.objects.filter(pk=1).update(last_event_id=previous.pk, last_hash=previous.hash)
    assert chain_verify()[1] is None
    with pytest.raises(CommandError, match=f"événement {events[-1].pk} : absent de la base"):
        call_command("audit_verify")


def test_each_anchor_lists_the_events_since_the_previous_one():
    first = _chain(3)
    anchor_write()
    assert anchor_write() == (None, [])  # nothing new: nothing written
    second = _chain(2, start=3)
    anchor, _ = anchor_write()
    assert [pair[0] for pair in anchor["events"]] == [e.pk for e in second]
    stored = directory_read()
    assert len(stored) == 2
    assert {e.pk for e in first} <= {pair[0] for _, a in stored for pair in a["events"]}
    check = anchors_verify(stored)
    assert (check.anchors, check.events, check.problems, check.broken) == (2, 5, [], None)


def test_a_forged_anchor_is_refused(tmp_path):
    _chain(2)
    anchor, _ = anchor_write()
    forged = {**anchor, "head_hash": "f" * 64}
    check = anchors_verify([("copie", forged), ("illisible", None)])
    assert check.anchors == 0
    assert check.problems == ["copie : signature invalide (ancre modifiée ou forgée)", "illisible : ancre illisible"]
    folder = tmp_path / "copies"
    folder.mkdir()
    (folder / "ancre.json").write_text(json.dumps(forged))
    with pytest.raises(CommandError, match="signature invalide"):
        call_command("audit_verify", anchors=[str(folder)])


def test_key_rotation_keeps_old_events_verifiable(settings):
    old = _chain(2)
    anchor_write()
    settings.AUDIT_HMAC_KEYS = parse_keys(f"{KEY_B},{KEY_A}")  # b seals from now on, a still verifies
    new = _chain(2, start=2)
    assert [e.key_id for e in old + new] == ["a", "a", "b", "b"]
    anchor_write()
    call_command("audit_verify")
    settings.AUDIT_HMAC_KEYS = parse_keys(KEY_B)  # the old key dropped too early
    with pytest.raises(CommandError, match=f"événement {old[0].pk} : scellé par la clé « a » absente"):
        call_command("audit_verify")


def test_unkeyed_events_after_keyed_ones_are_a_rewrite():
    events = _chain(3)
    forged = Event.objects.get(pk=events[2].pk)
    forged.key_id = ""
    forged.hash = _plain_sha256(forged)
    _store(forged)
    assert chain_verify()[1].event_id == events[2].pk


def test_anchors_by_email_and_to_an_s3_bucket(settings, monkeypatch):
    settings.AUDIT_ANCHOR_BACKENDS = ["directory", "email", "s3"]
    settings.AUDIT_ANCHOR_EMAIL = ["archives@example.org"]
    settings.AUDIT_ANCHOR_S3_BUCKET = "ancres"
    monkeypatch.setenv("S3_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("S3_SECRET_ACCESS_KEY", "test")
    monkeypatch.setenv("S3_REGION", "us-east-1")
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="ancres")
        events = _chain(2)
        anchor, places = anchor_write()
        assert places[1] == "courriel à archives@example.org"
        assert places[2].startswith("s3://ancres/audit-anchors/ancre-")
        assert str(events[-1].pk) in mail.outbox[0].subject
        assert anchor["head_hash"] in mail.outbox[0].body
        call_command("audit_verify")
        settings.AUDIT_ANCHOR_BACKENDS = ["s3"]
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_event SET hash = %s WHERE id = %s", ["e" * 64, events[-1].pk])
        ChainHead.objects.filter(pk=1).update(last_hash="e" * 64)
        with pytest.raises(CommandError, match=f"événement {events[-1].pk} "):
            call_command("audit_verify")


def test_production_refuses_to_start_without_a_key():
    env = {"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_SETTINGS_MODULE": "transition.config.settings.prod", "PATH": ""}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "AUDIT_HMAC_KEYS doit être défini" in result.stderr
    env["AUDIT_HMAC_KEYS"] = "prod:" + "k" * 40
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
