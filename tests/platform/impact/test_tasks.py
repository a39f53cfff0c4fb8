import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from huey import RedisHuey
from huey.contrib.djhuey import HUEY

from tests.faults import database_url
from transition.platform.impact.models import Snapshot
from transition.platform.impact.tasks import snapshot_daily

from .redis_server import huey_name, redis_url  # noqa: F401  (fixtures)

ROOT = Path(__file__).resolve().parents[3]
TASK_NAME = "transition.platform.impact.tasks.snapshot_daily"


def due_task_names(moment: datetime) -> set[str]:
    return {HUEY._registry.task_to_string(type(task)) for task in HUEY.read_periodic(moment)}


def test_daily_snapshot_is_a_periodic_task_scheduled_once_a_day():
    hour, minute = settings.IMPACT_SNAPSHOT_HOUR_UTC, settings.IMPACT_SNAPSHOT_MINUTE
    at = datetime(2026, 11, 22, hour, minute)
    assert TASK_NAME in due_task_names(at)
    assert TASK_NAME not in due_task_names(at + timedelta(minutes=1))
    assert TASK_NAME not in due_task_names(at + timedelta(hours=1))
    assert TASK_NAME in due_task_names(at + timedelta(days=1))


@pytest.mark.django_db
def test_daily_snapshot_records_yesterday():
    snapshot_daily.call_local()
    yesterday = timezone.localdate() - timedelta(days=1)
    assert set(Snapshot.objects.values_list("product", "key", "date")) >= {
        ("portail", "accounts_created", yesterday),
        ("portail", "requests_handled", yesterday),
    }


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_consumer_runs_the_snapshot_job_end_to_end(redis_url, huey_name, tmp_path):  # noqa: F811
    """`manage.py run_huey` with REDIS_URL set, as in production, takes the job from Redis and
    writes the snapshots into the test database."""
    queue = RedisHuey(huey_name, url=redis_url)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "transition.config.settings.base",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "HUEY_NAME": huey_name,
        "HUEY_WORKERS": "1",
        "TRANSITION_VAR_DIR": str(tmp_path),
    }
    log = (tmp_path / "consumer.log").open("w")
    consumer = subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--no-periodic", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        enqueue = queue.task()(snapshot_daily.call_local)  # the same task name the consumer knows
        enqueue()
        yesterday = timezone.localdate() - timedelta(days=1)
        deadline = time.monotonic() + 60
        while not Snapshot.objects.filter(product="portail", key="accounts_created", date=yesterday).exists():
            assert consumer.poll() is None, (tmp_path / "consumer.log").read_text()
            assert time.monotonic() < deadline, (tmp_path / "consumer.log").read_text()
            time.sleep(0.2)
        assert Snapshot.objects.filter(date=yesterday, key="requests_handled").exists()
        assert len(queue) == 0  # the consumer took the task off the queue
    finally:
        consumer.send_signal(signal.SIGINT)  # huey's graceful stop
        try:
            consumer.wait(timeout=20)
        except subprocess.TimeoutExpired:
            consumer.kill()
            consumer.wait()
        log.close()
        queue.flush()
    assert TASK_NAME in (tmp_path / "consumer.log").read_text()
