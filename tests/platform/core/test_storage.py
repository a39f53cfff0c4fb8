"""Files go through Django's storage API: the local disk by default, an S3-compatible bucket by
configuration (STORAGE_BACKEND=s3), tested against a local S3 server on loopback."""

import re
from pathlib import Path

import pytest
import requests
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from huey import RedisHuey

import tests.fault_jobs.tasks  # noqa: F401 - registers the job kinds
from tests.faults import ConsumerProcess, RedisProcess, job_on, queue_name, wait_for
from tests.s3 import s3, storages_from_env  # noqa: F401  (fixture)
from transition.platform.jobs import tasks as job_tasks
from transition.platform.jobs.enums import JobState
from transition.platform.jobs.models import Job
from transition.platform.jobs.services import job_enqueue

ROOT = Path(__file__).resolve().parents[3] / "transition"


def test_the_local_disk_is_the_default(monkeypatch):
    storages = storages_from_env(monkeypatch, {})
    assert storages["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"STORAGE_BACKEND": "s3"}, "S3_BUCKET"),
        ({"STORAGE_BACKEND": "nfs"}, "« local » ou « s3 »"),
    ],
)
def test_a_wrong_storage_configuration_refuses_to_start(monkeypatch, env, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        storages_from_env(monkeypatch, env)


def test_files_round_trip_through_a_private_bucket(s3):  # noqa: F811
    name = default_storage.save("chaleur/tests-adresses/2026/03/fichier.csv", ContentFile(b"adresse\n1 rue X\n"))
    assert s3.keys() == [name]
    assert default_storage.exists(name) and default_storage.size(name) == 16
    with default_storage.open(name, "rb") as f:
        assert f.read() == b"adresse\n1 rue X\n"
    # Never a public URL: an anonymous read is refused, a signed one expires.
    assert "X-Amz-Signature=" in default_storage.url(name)
    assert requests.get(f"{s3.endpoint}/{s3.bucket}/{name}", timeout=5).status_code == 403
    # The same name again is a new file, never an overwrite of someone else's.
    other = default_storage.save(name, ContentFile(b"autre"))
    assert other != name and len(s3.keys()) == 2
    default_storage.delete(name)
    assert s3.keys() == [other]


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_consumer_on_another_machine_reads_the_upload_and_writes_the_result(s3, tmp_path, monkeypatch):  # noqa: F811
    """The consumer shares no disk with the web process (its MEDIA_ROOT is elsewhere and empty):
    the issue's FileNotFoundError cannot happen, both reach the bucket."""
    upload = default_storage.save("uploads/adresses.csv", ContentFile(b"1 rue de la paix"))
    name = queue_name()
    with RedisProcess(tmp_path) as redis_server:
        queue = RedisHuey(name, url=redis_server.url)
        monkeypatch.setattr(job_tasks, "job_run_task", job_on(queue, job_tasks.job_run_task))
        consumer = ConsumerProcess(
            tmp_path / "autre-machine",
            redis_url=redis_server.url,
            huey_name=name,
            settings="tests.consumer_settings",
            MEDIA_ROOT=str(tmp_path / "autre-machine" / "media"),
            **s3.env,
        )
        consumer.workdir.mkdir()
        consumer.start("--no-periodic")
        try:
            job = job_enqueue(kind="tests.file_copy", payload={"upload": upload, "result": "results/adresses.csv"})
            wait_for(
                lambda: Job.objects.filter(pk=job.pk, state__in=[JobState.DONE, JobState.FAILED]).exists(),
                on_timeout=consumer.log,
            )
        finally:
            consumer.stop()
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    with default_storage.open(job.result["result"], "rb") as f:
        assert f.read() == b"1 RUE DE LA PAIX"
    assert not (tmp_path / "autre-machine" / "media").exists()  # nothing on the consumer's disk


# A stored file's place on this disk: FileSystemStorage, MEDIA_ROOT, `<field or storage>.path`.
FILESYSTEM_ONLY = re.compile(r"FileSystemStorage|MEDIA_ROOT|(?:file|storage)\.path\b")


def test_no_code_reaches_stored_files_by_the_local_disk():
    """Stored files are opened through the storage (`field.open()`, `default_storage`), never by a
    path on this machine's disk: another machine, or a bucket, would not have it."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in ROOT.rglob("*.py")
        if "settings" not in path.parts and "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FILESYSTEM_ONLY.search(line)
    ]
    assert offenders == []
