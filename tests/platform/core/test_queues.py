from huey.contrib.djhuey import HUEY

from transition.platform.core.queues import OncePerPeriodMixin


def test_the_application_queue_claims_periodic_jobs_and_keeps_no_result():
    """huey would keep every task's return value (and every error) in Redis without expiry:
    nothing reads them, what a job produced lives in the database."""
    assert isinstance(HUEY, OncePerPeriodMixin)
    assert HUEY.results is False

    @HUEY.task()
    def answer():
        return "fait"

    try:
        assert answer() is None  # no result handle: nothing stored
        assert HUEY.storage.result_store_size() == 0
    finally:
        answer.unregister()
