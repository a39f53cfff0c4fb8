import time

import pytest
from django.core import mail
from django.db import connection
from huey import RedisHuey

from transition.platform.notify import tasks
from transition.platform.notify.enums import EmailStatus
from transition.platform.notify.models import EmailLog
from transition.platform.notify.services import email_send

from ..impact.redis_server import huey_name, redis_url  # noqa: F401  (fixtures)


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_consumer_sends_the_email_end_to_end(redis_url, huey_name, monkeypatch):  # noqa: F811
    """email_send → Redis → a huey consumer (worker thread) → the email backend → the log."""
    queue = RedisHuey(huey_name, url=redis_url)
    real_job = tasks.email_deliver_job

    @queue.task(retries=1, retry_delay=1, name="email_deliver_job")
    def deliver(log_id):
        try:
            return real_job.call_local(log_id)
        finally:
            connection.close()  # the worker thread's own connection to the test database

    monkeypatch.setattr(tasks, "email_deliver_job", deliver)
    consumer = queue.create_consumer(workers=1, periodic=False, initial_delay=0.05, max_delay=0.2)
    # The worker and the scheduler only: Consumer.start() would also take over the test's signals.
    consumer.scheduler.start()
    for _, worker in consumer.worker_threads:
        worker.start()
    try:
        log = email_send(to="anne@example.fr", template="notify/emails/test", context={"note": "essai"})
        deadline = time.monotonic() + 30
        while EmailLog.objects.get(pk=log.pk).status == EmailStatus.QUEUED:
            assert time.monotonic() < deadline, "le consommateur n’a pas envoyé le courriel en 30 s"
            time.sleep(0.05)
    finally:
        consumer.stop(graceful=True)
        queue.flush()
    log.refresh_from_db()
    assert log.status == EmailStatus.SENT and log.sent_at is not None
    assert [m.to for m in mail.outbox] == [["anne@example.fr"]]
    assert "Note : essai" in mail.outbox[0].body
    assert real_job.huey.immediate  # the application's own queue stayed untouched
