from datetime import timedelta
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from transition.platform.notify.enums import EmailStatus
from transition.platform.notify.models import EmailLog
from transition.platform.notify.services import email_deliver, email_log_purge, email_render, email_send

pytestmark = pytest.mark.django_db

CONTEXT = {"name": "Anne & Cie", "number": 42}


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise SMTPServerDisconnected("le serveur SMTP a fermé la connexion")


@pytest.fixture
def scheduled():
    """Retries land in huey's schedule (immediate mode does not run them by itself)."""
    HUEY.flush()
    yield HUEY
    HUEY.flush()


def test_email_send_renders_logs_and_sends_through_the_backend():
    log = email_send(to="anne@example.fr", template="notify_tests/hello", context=CONTEXT, product="chaleur")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["anne@example.fr"]
    assert message.subject == "Bonjour Anne & Cie de la part de France Chaleur Urbaine"  # one line, not escaped
    assert message.body.strip() == "Bonjour Anne & Cie, votre demande n° 42 est enregistrée."
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Anne &amp; Cie" in html  # escaped in HTML
    assert "France Chaleur Urbaine" in html and "République<br>Française" in html
    assert message.extra_headers["Message-ID"] == log.message_id

    log.refresh_from_db()
    assert log.status == EmailStatus.SENT
    assert log.sent_at is not None and log.attempts == 1 and log.error == ""
    assert (log.to, log.template, log.product) == ("anne@example.fr", "notify_tests/hello", "chaleur")
    assert log.subject == message.subject
    assert log.message_id.startswith("<") and log.message_id.endswith(">")


def test_log_keeps_no_body():
    email_send(to="anne@example.fr", template="notify_tests/hello", context=CONTEXT)
    row = EmailLog.objects.values().get()
    assert not any("votre demande" in str(value) for value in row.values())


def test_reply_to_and_sender():
    email_send(to="anne@example.fr", template="notify_tests/hello", context=CONTEXT, reply_to="agent@dreal.gouv.fr")
    message = mail.outbox[0]
    assert message.reply_to == ["agent@dreal.gouv.fr"]
    assert message.from_email == "Transition <ne-pas-repondre@transition.beta.gouv.fr>"


@pytest.mark.parametrize(("to", "reply_to"), [("pas-une-adresse", None), ("", None), ("a@example.fr", "nope")])
def test_invalid_addresses_are_refused_in_french_before_anything_is_written(to, reply_to):
    with pytest.raises(ValidationError, match="invalide"):
        email_send(to=to, template="notify_tests/hello", context=CONTEXT, reply_to=reply_to)
    assert not EmailLog.objects.exists()
    assert mail.outbox == []


def test_unknown_product_is_refused():
    with pytest.raises(ValueError, match="Service inconnu"):
        email_render(template="notify_tests/hello", context=CONTEXT, product="nulle-part")


def test_a_failed_sending_is_logged_and_retried_until_it_gives_up(settings, scheduled):
    settings.EMAIL_BACKEND = "tests.platform.notify.test_email_send.FailingBackend"
    log = email_send(to="anne@example.fr", template="notify_tests/hello", context=CONTEXT)
    log.refresh_from_db()
    assert log.status == EmailStatus.QUEUED
    assert log.attempts == 1
    assert "SMTPServerDisconnected" in log.error and "nouvelle tentative prévue" in log.error

    attempts = 1
    while pending := scheduled.scheduled():
        (retry,) = pending
        scheduled.storage.flush_schedule()
        scheduled.execute(retry, timestamp=retry.eta)
        attempts += 1
    log.refresh_from_db()
    assert attempts == settings.NOTIFY_RETRIES + 1
    assert log.status == EmailStatus.FAILED
    assert log.attempts == attempts
    assert "nouvelle tentative" not in log.error
    assert mail.outbox == []


def test_a_retry_after_a_failure_can_succeed(settings, scheduled):
    settings.EMAIL_BACKEND = "tests.platform.notify.test_email_send.FailingBackend"
    log = email_send(to="anne@example.fr", template="notify_tests/hello", context=CONTEXT)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    (retry,) = scheduled.scheduled()
    scheduled.storage.flush_schedule()
    scheduled.execute(retry, timestamp=retry.eta)
    log.refresh_from_db()
    assert (log.status, log.attempts, log.error) == (EmailStatus.SENT, 2, "")
    assert len(mail.outbox) == 1


def test_delivery_never_sends_twice_and_gives_up_when_the_log_row_is_gone():
    log = email_send(to="anne@example.fr", template="notify_tests/hello", context=CONTEXT)
    assert len(mail.outbox) == 1
    assert email_deliver(log_id=log.pk) == EmailStatus.SENT  # already sent: nothing leaves
    assert len(mail.outbox) == 1
    log.delete()
    assert email_deliver(log_id=log.pk) is None
    assert len(mail.outbox) == 1


def test_purge_deletes_only_rows_past_retention():
    old = email_send(to="anne@example.fr", template="notify_tests/hello", context=CONTEXT)
    EmailLog.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    email_send(to="bob@example.fr", template="notify_tests/hello", context=CONTEXT)
    assert email_log_purge(before=timezone.now() - timedelta(days=365)) == 1
    assert list(EmailLog.objects.values_list("to", flat=True)) == ["bob@example.fr"]


def test_outside_immediate_mode_the_job_waits_for_the_transaction_to_commit(
    django_capture_on_commit_callbacks, monkeypatch
):
    from transition.platform.notify import tasks

    calls = []

    class Job:
        class huey:
            immediate = False

        def __call__(self, log_id):
            calls.append(log_id)

    monkeypatch.setattr(tasks, "email_deliver_job", Job())
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        log = email_send(to="anne@example.fr", template="notify_tests/hello", context=CONTEXT)
        assert calls == []  # not before the commit
    assert len(callbacks) == 1
    assert calls == [log.pk]
