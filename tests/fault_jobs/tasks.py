"""`tests.fault_rows`: writes one audit event per row, in batches, pausing between batches so that
a test can kill its consumer mid-job. A row written twice would show as two events."""

import time

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
