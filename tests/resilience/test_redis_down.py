"""Redis stopped in the middle of a run of public form posts (issue 10: "Redis down 3 s during 100
demand posts" gave 23 × 500 and lost forms). The cache (rate limits) and the job queue both live
on a real redis-server of the test's own, killed after 30 posts and restarted after 70."""

import logging
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.utils import timezone
from huey import RedisHuey

import tests.fault_jobs.tasks  # noqa: F401 - registers the job kind
from tests.faults import ConsumerProcess, RedisProcess, job_on, queue_name, wait_for
from transition.platform.accounts.models import EmailLoginToken
from transition.platform.jobs import tasks as job_tasks
from transition.platform.jobs.enums import JobState
from transition.platform.jobs.models import Job
from transition.platform.jobs.runner import jobs_to_resume
from transition.platform.jobs.services import job_enqueue
from transition.platform.notify import tasks
from transition.platform.notify.enums import EmailStatus
from transition.platform.notify.models import EmailLog

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def redis_server(tmp_path):
    with RedisProcess(tmp_path) as server:
        yield server


@pytest.fixture
def redis_everywhere(settings, redis_server, monkeypatch):
    """The cache and the email queue on the test's Redis, as in production."""
    settings.CACHES = {
        "default": {
            "BACKEND": "transition.platform.core.cache.FailOpenRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "FALLBACK_RETRY_S": 0},
        }
    }
    name = queue_name()
    queue = RedisHuey(name, url=redis_server.url)
    monkeypatch.setattr(tasks, "email_deliver_job", job_on(queue, tasks.email_deliver_job))
    yield queue, name
    caches["default"].close()


def test_redis_down_during_100_posts_costs_no_request_and_no_email(redis_server, redis_everywhere, tmp_path, caplog):
    queue, name = redis_everywhere
    client = Client(raise_request_exception=False)
    statuses = []
    with caplog.at_level(logging.WARNING):
        for i in range(100):
            if i == 30:
                redis_server.kill()
            if i == 70:
                redis_server.start()
            response = client.post(
                "/connexion/", {"email": f"agent{i}@example.gouv.fr"}, REMOTE_ADDR=f"10.0.{i // 250}.{i % 250 + 1}"
            )
            statuses.append(response.status_code)
    assert statuses == [302] * 100  # no 500, no form lost: every link was sent
    assert EmailLoginToken.objects.count() == 100
    assert "Redis ne répond pas" in caplog.text and "Redis répond de nouveau" in caplog.text
    # The 40 emails of the outage never reached the queue, the 30 before it died with Redis: all
    # wait in the outbox. Only the last 30 are in the queue.
    assert EmailLog.objects.filter(status=EmailStatus.QUEUED).count() == 100
    assert EmailLog.objects.filter(error__startswith="Mise en file impossible").count() == 40
    assert len(queue) == 30

    # A consumer sends the 30 queued, and its sweep the 70 others: 100 emails, each once.
    maildir = tmp_path / "mails"
    consumer = ConsumerProcess(
        tmp_path,
        redis_url=redis_server.url,
        huey_name=name,
        EMAIL_URL=f"filemail:///{maildir}",
        NOTIFY_OUTBOX_DELAY_S="0",
    ).start()
    try:
        wait_for(
            lambda: EmailLog.objects.filter(status=EmailStatus.SENT).count() == 100,
            message="les 100 liens de connexion ne sont pas tous partis",
            on_timeout=consumer.log,
        )
    finally:
        consumer.stop()
    sent = [line for path in maildir.iterdir() for line in path.read_text().splitlines() if line.startswith("To: ")]
    assert sorted(sent) == sorted(f"To: agent{i}@example.gouv.fr" for i in range(100))


def test_a_job_started_while_redis_is_down_waits_for_the_watchdog(redis_server, monkeypatch, settings):
    """The start is recorded (the job row commits with the request); its dispatch fails without
    failing the request, and the watchdog dispatches it once Redis is back."""
    queue = RedisHuey(queue_name(), url=redis_server.url)
    monkeypatch.setattr(job_tasks, "job_run_task", job_on(queue, job_tasks.job_run_task))
    redis_server.kill()
    with transaction.atomic():
        job = job_enqueue(kind="tests.fault_rows", payload={"rows": 3, "batch": 1, "pause_s": 0})
    assert Job.objects.get(pk=job.pk).state == JobState.QUEUED
    redis_server.start()
    later = timezone.now() + timedelta(seconds=2 * settings.JOBS_LEASE_S + 1)
    assert jobs_to_resume(now=later) == [job.pk]
