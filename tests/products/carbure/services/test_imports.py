"""Importing the template: every date format and quantity, every row's errors, nothing written
when one value cannot be read; big files through a resumable job in batches."""

import datetime as dt
import io

import pytest

from tests.fakes import FakeClock
from transition.platform.jobs.models import Job
from transition.products.carbure import tasks
from transition.products.carbure.models import Lot, LotImport
from transition.products.carbure.services import imports

from ..factories import row, world, xlsx_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(monkeypatch):
    FakeClock(monkeypatch, dt.datetime(2025, 6, 30, 10, tzinfo=dt.UTC))
    return world()


def run(w, rows, **kwargs):
    upload = xlsx_file(rows, **kwargs)
    return imports.lots_import(entity=w.producer, user=w.producer_user, upload=upload, filename=upload.name)


def test_every_date_format_and_quantity(w):
    result = run(
        w,
        [
            row(delivery_date="2025-06-16"),
            row(delivery_date="16/06/2025"),
            row(delivery_date="16/06/25"),
            row(delivery_date=45824),  # an Excel serial
            row(delivery_date=dt.datetime(2025, 6, 16)),  # a date cell
            row(volume=None, quantity=26841, unit="kg"),
            row(volume=None, quantity="724500", unit="MJ"),
        ],
    )
    assert result.report.ok, result.report.lines()
    lots = Lot.objects.filter(added_by=w.producer).order_by("pk")
    assert [lot.delivery_date for lot in lots] == [dt.date(2025, 6, 16)] * 7
    assert {lot.volume_l for lot in lots} == {34500.0}
    assert not any(lot.has_blocking_errors for lot in lots), [
        list(lot.checks.values_list("code", flat=True)) for lot in lots
    ]


def test_lots_failing_checks_are_imported_as_flagged_drafts(w):
    result = run(w, [row(), row(dae="", etd=0)])
    assert result.report.ok
    assert [lot.has_blocking_errors for lot in result.lots] == [False, True]
    assert set(result.lots[1].checks.values_list("code", flat=True)) >= {
        "MISSING_TRANSPORT_DOCUMENT_REFERENCE",
        "GHG_ETD_0",
    }


def test_one_unreadable_value_refuses_the_whole_file_with_every_rows_errors(w):
    result = run(
        w,
        [
            row(),
            row(delivery_date="31/02/2025", biocarburant_code="ETHX"),
            row(),
            row(volume="trente", eec="beaucoup", production_site="Usine inconnue"),
        ],
    )
    assert not result.report.ok
    problems = {(p.line, p.field) for p in result.report.errors}
    assert problems == {
        (3, "delivery_date"),
        (3, "biocarburant_code"),
        (5, "volume"),
        (5, "eec"),
        (5, "production_site"),
    }
    assert all(p.message for p in result.report.errors)
    assert not Lot.objects.exists()


def test_a_file_that_is_not_a_template(w):
    upload = io.BytesIO(b"%PDF-1.4 not a table")
    upload.name = "lots.pdf"
    result = imports.lots_import(entity=w.producer, user=w.producer_user, upload=upload, filename="lots.pdf")
    assert not result.report.ok and not Lot.objects.exists()


def test_a_big_file_goes_through_a_job_in_batches(w, settings, django_capture_on_commit_callbacks):
    settings.CARBURE_IMPORT_INLINE_ROWS = 3
    settings.CARBURE_IMPORT_BATCH_SIZE = 2
    result = run(w, [row(champ_libre=f"lot {i}") for i in range(5)])
    assert result.pending is not None and not Lot.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        job = tasks.lots_import_start(result.pending)  # started on commit, run at once in tests
    job.refresh_from_db()
    lot_import = LotImport.objects.get(pk=result.pending.pk)
    assert job.is_done, (job.message, job.error)
    assert (job.total, job.done_count, lot_import.lots_created) == (5, 5, 5)
    assert sorted(Lot.objects.values_list("free_field", flat=True)) == [f"lot {i}" for i in range(5)]
    assert not lot_import.file


def test_a_big_file_with_errors_is_refused_by_its_job(w, settings, django_capture_on_commit_callbacks):
    settings.CARBURE_IMPORT_INLINE_ROWS = 1
    result = run(w, [row(), row(delivery_date="hier")])
    with django_capture_on_commit_callbacks(execute=True):
        job = tasks.lots_import_start(result.pending)
    job.refresh_from_db()
    lot_import = LotImport.objects.get(pk=result.pending.pk)
    assert job.is_failed and "refusé" in job.message
    assert lot_import.refused and lot_import.report["errors"][0]["line"] == 3
    assert not Lot.objects.exists()


def test_a_job_that_fails_midway_removes_what_it_wrote(w, settings, monkeypatch, django_capture_on_commit_callbacks):
    settings.CARBURE_IMPORT_INLINE_ROWS = 1
    settings.CARBURE_IMPORT_BATCH_SIZE = 1
    result = run(w, [row(), row(), row()])
    real = imports.lots_create
    calls = []

    def flaky(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("disque plein")
        return real(**kwargs)

    monkeypatch.setattr(imports, "lots_create", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        job = tasks.lots_import_start(result.pending)
    job.refresh_from_db()
    assert job.is_failed
    assert not Lot.objects.exists()  # the first batch was committed, then removed
    assert Job.objects.get(pk=job.pk).error
