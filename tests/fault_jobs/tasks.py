"""`tests.fault_rows`: writes one audit event per row, in batches, pausing between batches so that
a test can kill its consumer mid-job. A row written twice would show as two events."""

import time

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from transition.platform.audit.services import event_record
from transition.platform.jobs.registry import job_kind

ROW_ACTION = "tests.fault_row"


@job_kind("tests.fault_rows")
def fault_rows_job(ctx):
    rows, size, pause_s = ctx.payload["rows"], ctx.payload["batch"], ctx.payload["pause_s"]
    ctx.set_total(rows)
    for offset in range(ctx.checkpoint.get("next", 0), rows, size):
        time.sleep(pause_s)  # the work of a batch
        end = min(rows, offset + size)
        with ctx.batch() as batch:
            for line in range(offset, end):
                event_record(actor=None, action=ROW_ACTION, target=("row", f"{ctx.job.pk}:{line}"))
            batch.checkpoint["next"] = end
            batch.done = end
    return {"rows": rows}


@job_kind("tests.file_copy")
def file_copy_job(ctx):
    """Reads an upload through the storage API and writes a result beside it: what a bulk test
    does, on whichever machine the consumer runs."""
    with default_storage.open(ctx.payload["upload"], "rb") as upload:
        text = upload.read().decode()
    with ctx.batch() as batch:
        name = default_storage.save(ctx.payload["result"], ContentFile(text.upper().encode()))
        batch.done = 1
    return {"result": name}
