"""Periodic jobs are enqueued once per period, whatever the number of consumers running the
scheduler (every consumer may: a dead one takes no periodic job with it)."""

import re
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone
from huey import crontab

from tests.faults import ConsumerProcess, RedisProcess, queue_name, wait_for
from transition.platform.core import periodic
from transition.platform.core.models import PeriodicClaim
from transition.platform.core.periodic import periodic_claim
from transition.platform.core.queues import MemoryHuey

NOON = datetime(2026, 3, 2, 12, 0, 17)  # naive UTC, as huey's scheduler reads its clock
SWEEP = "transition.platform.notify.tasks.email_outbox_sweep_job"


def consumer_queue(name="transition-test"):
    """One consumer's view of the queue: the same periodic job declared, its own scheduler."""
    queue = MemoryHuey(name, immediate=False, results=False)
    queue.periodic_task(crontab(minute="*/15"), name="platform.quarter")(lambda: None)
    queue.periodic_task(crontab(minute="0", hour="12"), name="platform.noon")(lambda: None)
    return queue


def due(queue, moment):
    return sorted(type(task).__name__ for task in queue.read_periodic(moment))


@pytest.mark.django_db
def test_of_three_consumers_checking_the_same_minute_one_enqueues_each_job():
    consumers = [consumer_queue() for _ in range(3)]
    first, *others = consumers
    assert due(first, NOON) == ["platform.noon", "platform.quarter"]
    for other in others:
        assert due(other, NOON + timedelta(seconds=30)) == []
    assert due(first, NOON) == []  # the same consumer checking twice in the minute: once too

    # The next period belongs to whichever consumer checks first.
    assert due(others[1], NOON + timedelta(minutes=15)) == ["platform.quarter"]
    assert due(first, NOON + timedelta(minutes=15, seconds=40)) == []
    claim = PeriodicClaim.objects.get(task__endswith="platform.quarter")
    assert claim.period == datetime(2026, 3, 2, 12, 15, tzinfo=UTC)
    assert str(claim).endswith("platform.quarter @ 2026-03-02 12:15")


@pytest.mark.django_db
def test_a_consumer_whose_clock_lags_cannot_claim_a_period_already_passed():
    at = timezone.now().replace(second=0, microsecond=0)
    assert periodic_claim(task="platform.minutely", period=at, by="a:1")
    assert not periodic_claim(task="platform.minutely", period=at - timedelta(minutes=1), by="b:2")
    assert not periodic_claim(task="platform.minutely", period=at + timedelta(seconds=59), by="b:2")
    assert periodic_claim(task="platform.minutely", period=at + timedelta(minutes=1), by="b:2")
    assert PeriodicClaim.objects.get().claimed_by == "b:2"


@pytest.mark.django_db
def test_a_database_that_does_not_answer_enqueues_nothing_and_says_so(monkeypatch, caplog):
    def unreachable(**kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(periodic, "periodic_claim", unreachable)
    assert due(consumer_queue(), NOON) == []
    assert "réservation impossible" in caplog.text


def test_jobs_run_at_once_in_tests_are_not_claimed():
    queue = MemoryHuey("immediate", immediate=True)
    queue.periodic_task(crontab(minute="*"), name="platform.every_minute")(lambda: None)
    assert len(queue.read_periodic(NOON)) == 1  # no database touched


def _decisions(log: str) -> list[tuple[str, str]]:
    """(minute, 'won' | 'lost') for each time a consumer's scheduler checked the sweep job."""
    pattern = rf"Tâche périodique {re.escape(SWEEP)} (réservée|déjà réservée) pour (\d{{4}}-\d\d-\d\d \d\d:\d\d)"
    return [(minute, "lost" if verdict.startswith("déjà") else "won") for verdict, minute in re.findall(pattern, log)]


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_two_real_consumers_both_scheduling_enqueue_the_minutely_sweep_once_a_minute(tmp_path):
    """Two `run_huey` consumers, scheduler on in both, as docs/deploy.md says to run them."""
    if datetime.now().second > 40:  # both first checks should fall in the same minute
        time.sleep(61 - datetime.now().second)
    name = queue_name()
    with RedisProcess(tmp_path) as redis_server:
        consumers = [
            ConsumerProcess(tmp_path, redis_url=redis_server.url, huey_name=name, name=f"consumer{i}").start()
            for i in (1, 2)
        ]
        try:
            wait_for(
                lambda: all(_decisions(c.log()) for c in consumers),
                message="les deux planificateurs n’ont pas examiné la tâche périodique",
                on_timeout=lambda: "\n".join(c.log() for c in consumers),
            )
        finally:
            for consumer in consumers:
                consumer.stop()
    decisions = [d for c in consumers for d in _decisions(c.log())]
    for minute in {m for m, _ in decisions}:
        verdicts = sorted(v for m, v in decisions if m == minute)
        assert verdicts in (["won"], ["lost", "won"]), decisions
    enqueued = {
        job for c in consumers for job in re.findall(rf"Enqueueing periodic task {re.escape(SWEEP)}: (\S+)\.", c.log())
    }
    assert len(enqueued) == sum(1 for _, v in decisions if v == "won")
    assert ["lost", "won"] in [sorted(v for m, v in decisions if m == minute) for minute in {m for m, _ in decisions}]
