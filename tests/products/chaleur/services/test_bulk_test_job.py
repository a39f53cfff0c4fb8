"""The bulk test is a platform job: a consumer that dies mid-test leaves committed batches only,
the test resumes from the last one after the lease, each line is stored once, the person reads
"reprise après incident" meanwhile and gets one email at the end."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from tests.fakes import FakeClock
from transition.platform.jobs.enums import JobState
from transition.platform.jobs.runner import job_run, jobs_to_resume
from transition.products.chaleur.domain.bulk_columns import ColumnMapping
from transition.products.chaleur.enums import BulkTestStatus
from transition.products.chaleur.models import BulkTest, BulkTestRow
from transition.products.chaleur.services import bulk_tests
from transition.products.chaleur.services.bulk_tests import bulk_test_start

from ..factories import network_fixture, pro_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

ROWS = 23


class ConsumerDied(BaseException):
    """Stands for kill -9: nothing after it runs, no handler sees it."""


@pytest.fixture
def started(pro, network, settings):
    """A test of 23 positions near the network, in batches of 5, its job queued (not yet run)."""
    settings.CHALEUR_BULK_BATCH_SIZE = 5
    lines = "\n".join(f"45.{1881 + i % 3},5.72" for i in range(ROWS))
    bulk = BulkTest(owner=pro, original_name="positions.csv", delimiter=",", has_header=True)
    bulk.file.save("positions.csv", ContentFile(f"lat,lon\n{lines}\n".encode()), save=False)
    bulk.save()
    return bulk_test_start(
        actor=pro, bulk=bulk, delimiter=",", has_header=True, mapping=ColumnMapping(lat_column=0, lon_column=1)
    )


def die_after(monkeypatch, batches: int):
    real = bulk_tests._bulk_rows_insert
    calls = {"n": 0}

    def insert(**kwargs):
        if calls["n"] == batches:
            raise ConsumerDied
        calls["n"] += 1
        return real(**kwargs)

    monkeypatch.setattr(bulk_tests, "_bulk_rows_insert", insert)


def test_a_bulk_test_whose_consumer_died_resumes_from_its_last_batch(client, pro, started, monkeypatch):
    clock = FakeClock(monkeypatch, timezone.now())
    job = started.job
    assert (job.kind, job.payload, job.total) == ("chaleur.bulk_test", {"bulk_test_id": started.pk}, ROWS)
    die_after(monkeypatch, 2)
    with pytest.raises(ConsumerDied):
        job_run(job.pk, worker="machine-a:1")
    started.refresh_from_db()
    assert (started.status, started.processed_rows) == (BulkTestStatus.RUNNING, 10)
    assert BulkTestRow.objects.filter(bulk_test=started).count() == 10  # what the counter says: committed together

    clock.advance(seconds=121)  # the lease ran out: the watchdog hands the job on
    assert jobs_to_resume() == [job.pk]
    client.force_login(pro)
    state = client.get(reverse("chaleur:pro_bulk_status", args=[started.pk])).json()
    assert state["status_label"] == "En cours (reprise après incident)"
    assert state["note"].startswith("Reprise après incident")
    page = client.get(reverse("chaleur:pro_bulk_detail", args=[started.pk])).content.decode()
    assert "En cours (reprise après incident) : 10 / 23 adresses." in page

    monkeypatch.undo()
    FakeClock(monkeypatch, timezone.now() + timezone.timedelta(seconds=121))
    assert job_run(job.pk, worker="machine-b:2") == JobState.DONE
    started.refresh_from_db()
    lines = list(BulkTestRow.objects.filter(bulk_test=started).values_list("line", flat=True))
    assert sorted(lines) == list(range(2, ROWS + 2))  # every line once
    assert (started.status, started.processed_rows, started.total_rows) == (BulkTestStatus.DONE, ROWS, ROWS)
    assert started.result_file
    [email] = mail.outbox
    assert email.to == ["bureau@etudes.example"]


def test_a_consumer_that_died_after_the_last_batch_finishes_once(started, monkeypatch):
    """Killed while writing the XLSX: every row is stored, the test not yet done. The resumed job
    stores nothing again, writes the XLSX and sends the one email."""
    clock = FakeClock(monkeypatch, timezone.now())
    real = bulk_tests.bulk_result_rebuild

    def dies(bulk, **kwargs):
        raise ConsumerDied

    monkeypatch.setattr(bulk_tests, "bulk_result_rebuild", dies)
    with pytest.raises(ConsumerDied):
        job_run(started.job.pk, worker="machine-a:1")
    assert BulkTestRow.objects.filter(bulk_test=started).count() == ROWS and mail.outbox == []
    monkeypatch.setattr(bulk_tests, "bulk_result_rebuild", real)
    clock.advance(seconds=121)
    assert jobs_to_resume() == [started.job.pk]
    assert job_run(started.job.pk, worker="machine-b:2") == JobState.DONE
    assert job_run(started.job.pk, worker="machine-c:3") is None  # a finished job is nobody's to run
    assert BulkTestRow.objects.filter(bulk_test=started).count() == ROWS
    assert len(mail.outbox) == 1


def test_a_failure_tells_the_person_what_to_do(client, pro, started, monkeypatch):
    def broken(**kwargs):
        raise ValueError("colonne inattendue")

    monkeypatch.setattr(bulk_tests, "_bulk_rows_insert", broken)
    assert job_run(started.job.pk) == JobState.FAILED
    client.force_login(pro)
    state = client.get(reverse("chaleur:pro_bulk_status", args=[started.pk])).json()
    assert state["status"] == "failed"
    assert "Déposez le fichier à nouveau" in state["error"] and "colonne inattendue" not in state["error"]


def test_a_second_start_is_refused(pro, started):
    with pytest.raises(Exception, match="déjà lancé"):
        bulk_test_start(
            actor=pro, bulk=started, delimiter=",", has_header=True, mapping=ColumnMapping(lat_column=0, lon_column=1)
        )
