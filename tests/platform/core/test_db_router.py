"""Read replica routing, with two database aliases: `replica` mirrors the test database, and each
test counts the queries each alias received."""

from contextlib import contextmanager

import pytest
from django.db import connections, transaction
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from huey.contrib.djhuey import HUEY

from transition.platform.audit.models import Event
from transition.platform.core.db_router import (
    ReplicaRouter,
    ReplicaRouterMiddleware,
    on_replica,
    replica_reads,
    wrote,
)
from transition.platform.core.models import PeriodicClaim

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture(autouse=True)
def replica_configured(settings):
    settings.DATABASE_REPLICA_READS = True
    ReplicaRouterMiddleware(lambda request: None)(None)  # a clean state before and after
    yield
    ReplicaRouterMiddleware(lambda request: None)(None)


@contextmanager
def queries():
    """{alias: number of queries} seen inside the block."""
    counts = {}
    with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(connections["replica"]) as rep:
        yield counts
    counts.update(default=len(primary), replica=len(rep))


def read():
    return list(PeriodicClaim.objects.all())


def write(name="platform.test"):
    PeriodicClaim.objects.create(task=name, period="2026-03-02T12:00Z", claimed_by="test")


def test_reads_go_to_the_primary_unless_on_a_read_only_path():
    with queries() as seen:
        read()
    assert seen == {"default": 1, "replica": 0}
    with queries() as seen, replica_reads():
        read()
    assert seen == {"default": 0, "replica": 1}


def test_a_request_that_wrote_reads_what_it_wrote_from_the_primary():
    def view(request):
        with replica_reads():
            read()  # nothing written yet: the replica
        write()
        with replica_reads():
            assert [c.task for c in read()] == ["platform.test"]  # read-after-write: the primary
        return HttpResponse()

    with queries() as seen:
        ReplicaRouterMiddleware(view)(None)
    assert seen == {"default": 2, "replica": 1}
    assert not wrote()  # the next request starts afresh

    with queries() as seen:
        ReplicaRouterMiddleware(lambda request: replica_reads()(read)())(None)
    assert seen == {"default": 0, "replica": 1}


def test_a_transaction_on_the_primary_reads_from_the_primary():
    with queries() as seen, transaction.atomic(), replica_reads():
        read()
    assert seen["replica"] == 0


def test_without_a_replica_everything_reads_the_primary(settings):
    settings.DATABASE_REPLICA_READS = False
    with queries() as seen, replica_reads():
        read()
    assert seen == {"default": 1, "replica": 0}


def test_the_statistics_pages_read_from_the_replica(client):
    with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(connections["replica"]) as rep:
        assert client.get("/stats/").status_code == 200
    assert any("impact_snapshot" in q["sql"] for q in rep.captured_queries)
    assert not any("impact_snapshot" in q["sql"] for q in primary.captured_queries)


def test_a_job_starts_with_a_clean_state():
    write()
    assert wrote()
    for hook in HUEY._pre_execute.values():
        hook(None)
    assert not wrote()


def test_writes_and_migrations_only_ever_go_to_the_primary():
    router = ReplicaRouter()
    with replica_reads():
        assert router.db_for_write(Event) == "default"
    assert router.allow_migrate("replica", "core") is False
    assert router.allow_migrate("default", "core") is True


def test_a_list_is_pinned_to_where_the_request_may_read_when_it_is_built():
    listing = on_replica(PeriodicClaim.objects.all())  # evaluated later, outside any replica_reads()
    with queries() as seen:
        list(listing)
    assert seen == {"default": 0, "replica": 1}
    write()
    listing = on_replica(PeriodicClaim.objects.all())
    with queries() as seen:
        assert len(list(listing)) == 1  # this request wrote: what it lists comes from the primary
    assert seen == {"default": 1, "replica": 0}
