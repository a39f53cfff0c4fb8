"""The email log is the outbox: an email whose job the queue lost is sent later, and once."""

import email
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from huey import RedisHuey

from tests.faults import ConsumerProcess, RedisProcess, job_on, queue_name, wait_for
from transition.platform.notify import tasks
from transition.platform.notify.enums import EmailStatus
from transition.platform.notify.models import EmailLog, SmsLog, SmsOutbox
from transition.platform.notify.services import (
    email_deliver,
    email_outbox_due,
    email_send,
    sms_deliver,
    sms_outbox_due,
    sms_send,
)

CONTEXT = {"name": "Anne", "number": 7}


class LostQueue:
    """A queue that accepts the job and loses it (Redis crashed before a consumer took it)."""

    class huey:
        immediate = False

    def __init__(self):
        self.jobs = []

    def __call__(self, log_id):
        self.jobs.append(log_id)


class DownQueue(LostQueue):
    def __call__(self, log_id):
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """email_send, and its transaction committed (the job is enqueued on commit)."""

    def send_one(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return email_send(template="notify_tests/hello", context=CONTEXT, **kwargs)

    return send_one


def age(log, seconds):
    EmailLog.objects.filter(pk=log.pk).update(queued_at=timezone.now() - timedelta(seconds=seconds))


@pytest.mark.django_db
def test_the_message_waits_in_the_outbox_until_it_leaves_then_the_body_is_erased(send, monkeypatch, settings):
    monkeypatch.setattr(tasks, "email_deliver_job", LostQueue())
    log = send(to="anne@example.fr")
    log.refresh_from_db()
    assert log.status == EmailStatus.QUEUED
    assert "votre demande n° 7" in log.outbox["body"]
    assert email_deliver(log_id=log.pk) == EmailStatus.SENT
    log.refresh_from_db()
    assert log.outbox == {} and log.status == EmailStatus.SENT
    assert mail.outbox[0].extra_headers["Message-ID"] == log.message_id


@pytest.mark.django_db
def test_the_sweep_sends_again_what_the_queue_lost_once_the_delay_is_past(send, monkeypatch, settings):
    settings.NOTIFY_OUTBOX_DELAY_S = 300
    lost = LostQueue()
    monkeypatch.setattr(tasks, "email_deliver_job", lost)
    log = send(to="anne@example.fr")
    assert lost.jobs == [log.pk] and mail.outbox == []

    assert email_outbox_due() == []  # not before the delay: the queue may still hold it
    age(log, 301)
    assert email_outbox_due() == [log.pk]
    assert email_outbox_due() == []  # handed again just now: the delay starts over
    age(log, 301)
    monkeypatch.undo()  # the queue works again (immediate, as in every test)
    assert tasks.email_outbox_sweep_job.call_local() == 1
    log.refresh_from_db()
    assert log.status == EmailStatus.SENT and len(mail.outbox) == 1
    age(log, 3600)
    assert tasks.email_outbox_sweep_job.call_local() == 0  # sent: never again
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_queue_that_is_down_delays_the_email_and_says_so(send, monkeypatch, caplog):
    monkeypatch.setattr(tasks, "email_deliver_job", DownQueue())
    log = send(to="anne@example.fr")
    log.refresh_from_db()
    assert log.status == EmailStatus.QUEUED  # not failed: the sweep will send it
    assert "Mise en file impossible" in log.error and "balayage" in log.error
    assert "mise en file impossible" in caplog.text


@pytest.mark.django_db
def test_each_message_leaves_once_while_another_sender_holds_it(send, monkeypatch, settings):
    settings.NOTIFY_SEND_LEASE_S = 300
    monkeypatch.setattr(tasks, "email_deliver_job", LostQueue())
    log = send(to="anne@example.fr")
    EmailLog.objects.filter(pk=log.pk).update(claimed_at=timezone.now())  # a worker is sending it
    assert email_deliver(log_id=log.pk) is None
    age(log, 3600)
    assert email_outbox_due() == []  # not swept while the claim is fresh
    assert mail.outbox == []

    # The worker died holding it: past the lease, the claim is taken over and the email leaves once.
    EmailLog.objects.filter(pk=log.pk).update(claimed_at=timezone.now() - timedelta(seconds=301))
    assert email_outbox_due() == [log.pk]
    assert email_deliver(log_id=log.pk) == EmailStatus.SENT
    assert email_deliver(log_id=log.pk) == EmailStatus.SENT
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_a_message_given_up_keeps_no_body(send, monkeypatch, settings):
    settings.EMAIL_BACKEND = "tests.platform.notify.test_email_send.FailingBackend"
    settings.NOTIFY_RETRIES = 0
    log = send(to="anne@example.fr")
    log.refresh_from_db()
    assert (log.status, log.attempts, log.outbox) == (EmailStatus.FAILED, 1, {})


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_redis_killed_with_emails_queued_loses_none_of_them(tmp_path, monkeypatch):
    """The fault of issue 10: Redis dies (kill -9, no persistence) with 23 emails in its queue.
    Restarted empty, a real consumer's outbox sweep sends each of them, once."""
    name = queue_name()
    maildir = tmp_path / "mails"
    with RedisProcess(tmp_path) as redis_server:
        queue = RedisHuey(name, url=redis_server.url)
        monkeypatch.setattr(tasks, "email_deliver_job", job_on(queue, tasks.email_deliver_job))
        logs = [
            email_send(to=f"personne{i}@example.fr", template="notify/emails/test", context={"note": f"n° {i}"})
            for i in range(23)
        ]
        assert len(queue) == 23
        redis_server.kill()
        redis_server.start()
        assert len(queue) == 0  # the jobs are gone with the crash

        consumer = ConsumerProcess(
            tmp_path,
            redis_url=redis_server.url,
            huey_name=name,
            EMAIL_URL=f"filemail:///{maildir}",
            NOTIFY_OUTBOX_DELAY_S="0",
        ).start()
        try:
            wait_for(
                lambda: not EmailLog.objects.exclude(status=EmailStatus.SENT).exists(),
                message="le balayage n’a pas envoyé les courriels perdus",
                on_timeout=consumer.log,
            )
        finally:
            consumer.stop()
    message_ids = [email.message_from_string(text)["Message-ID"] for text in _mails(maildir)]
    assert sorted(message_ids) == sorted(log.message_id for log in logs)  # each once, none missing
    assert not EmailLog.objects.exclude(outbox={}).exists()


def _mails(maildir):
    """Django's file backend writes each message followed by a line of 79 dashes."""
    for path in maildir.iterdir():
        for chunk in path.read_text().split("-" * 79):
            if chunk.strip():
                yield chunk.strip()


# --- SMS: the same outbox -----------------------------------------------------------------------

SMS_CONTEXT = {"day": timezone.localdate(), "hour": "08:30", "note": ""}


@pytest.fixture
def text(django_capture_on_commit_callbacks, settings):
    """sms_send to a verified number through the development outbox, its transaction committed."""
    settings.SMS_BACKEND = "outbox"

    def send_one():
        with django_capture_on_commit_callbacks(execute=True):
            return sms_send(
                to="06 12 34 56 78", template="notify_tests/sms_trip", context=SMS_CONTEXT, recipient_verified=True
            )

    return send_one


def sms_age(log, seconds):
    SmsLog.objects.filter(pk=log.pk).update(queued_at=timezone.now() - timedelta(seconds=seconds))


@pytest.mark.django_db
def test_an_sms_the_queue_lost_is_sent_by_the_sweep_once(text, monkeypatch, settings):
    settings.NOTIFY_OUTBOX_DELAY_S = 300
    lost = LostQueue()
    monkeypatch.setattr(tasks, "sms_deliver_job", lost)
    log = text()
    log.refresh_from_db()
    assert lost.jobs == [log.pk] and log.status == EmailStatus.QUEUED
    assert "08:30" in log.pending["body"] and not SmsOutbox.objects.exists()

    assert sms_outbox_due() == []
    sms_age(log, 301)
    monkeypatch.undo()
    assert tasks.email_outbox_sweep_job.call_local() == 1
    log.refresh_from_db()
    assert (log.status, log.pending) == (EmailStatus.SENT, {})  # sent, and its text no longer kept
    assert SmsOutbox.objects.filter(log=log).count() == 1
    sms_age(log, 3600)
    assert tasks.email_outbox_sweep_job.call_local() == 0
    assert sms_deliver(log_id=log.pk) == EmailStatus.SENT
    assert SmsOutbox.objects.count() == 1  # never twice


@pytest.mark.django_db
def test_a_queue_that_is_down_delays_the_sms_instead_of_failing_it(text, monkeypatch):
    monkeypatch.setattr(tasks, "sms_deliver_job", DownQueue())
    log = text()
    log.refresh_from_db()
    assert log.status == EmailStatus.QUEUED and "balayage" in log.error


@pytest.mark.django_db
def test_an_sms_being_sent_elsewhere_is_left_alone(text, monkeypatch, settings):
    settings.NOTIFY_SEND_LEASE_S = 300
    monkeypatch.setattr(tasks, "sms_deliver_job", LostQueue())
    log = text()
    SmsLog.objects.filter(pk=log.pk).update(claimed_at=timezone.now())
    assert sms_deliver(log_id=log.pk) is None
    sms_age(log, 3600)
    assert sms_outbox_due() == []
    SmsLog.objects.filter(pk=log.pk).update(claimed_at=timezone.now() - timedelta(seconds=301))
    assert sms_outbox_due() == [log.pk]
    assert sms_deliver(log_id=log.pk) == EmailStatus.SENT
    assert SmsOutbox.objects.count() == 1
