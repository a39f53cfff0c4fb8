"""Jobs (huey), each one service call: bulk tests, operators' digests and reminders, requesters'
follow-ups, re-checking past bulk tests when networks change, retention. Each is idempotent: what
was sent is recorded, so running one twice sends nothing twice."""

from django.db import transaction
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from .services.bulk_tests import bulk_test_run, bulk_tests_recheck
from .services.periodic_emails import operator_digest_send, operator_reminders_send, requester_followups_send
from .services.personal_data import retention_apply


@db_task(retries=1, retry_delay=60)
def bulk_test_run_task(bulk_test_id: int) -> None:
    bulk_test_run(bulk_test_id=bulk_test_id)


def bulk_test_run_later(bulk_test_id: int) -> None:
    """Queue the job once the caller's transaction commits (a rolled-back start never runs); at
    once when jobs run immediately (tests), as notify does."""
    if bulk_test_run_task.huey.immediate:
        bulk_test_run_task(bulk_test_id)
    else:
        transaction.on_commit(lambda: bulk_test_run_task(bulk_test_id))


# Weekdays at 8:00 (Europe/Paris is the server's TIME_ZONE): new demands of the last day.
@db_periodic_task(crontab(minute="0", hour="8", day_of_week="1-5"))
def operator_digest_job() -> None:
    operator_digest_send()


# Mondays at 9:00: demands still "À traiter" after 7 days.
@db_periodic_task(crontab(minute="0", hour="9", day_of_week="1"))
def operator_reminder_job() -> None:
    operator_reminders_send()


# Every day at 10:00: requester follow-ups at day 30 and day 45.
@db_periodic_task(crontab(minute="0", hour="10"))
def requester_followup_job() -> None:
    requester_followups_send()


# Every 15 minutes: when the networks' data version moved, past bulk tests are checked again.
@db_periodic_task(crontab(minute="*/15"))
def bulk_tests_recheck_job() -> None:
    bulk_tests_recheck()


# Every night at 3:30: retention periods (docs/rgpd.md).
@db_periodic_task(crontab(minute="30", hour="3"))
def retention_job() -> None:
    retention_apply()
