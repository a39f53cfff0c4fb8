from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from tests import seeded

# A test never asserts a duration (speed lives in bench/): hypothesis's per-example deadline and
# its "too slow" health check would only make results depend on the machine's load.
hypothesis_settings.register_profile("transition", deadline=None, suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.load_profile("transition")

# One Chromium per test process, and a `page` fixture that fails on any console error or CSP violation.
pytest_plugins = ["tests.browser", "tests.personas"]

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture
def shared_data() -> Path:
    """../shared/data beside the checkout; a test that needs it skips, with that reason, without it."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"données partagées absentes : {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the rate limits' counters of the tests that ran
    before it in the same process (127.0.0.1 each time) must not refuse its requests."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test databases, whose migration-loaded rows come back after every flush
    (tests/seeded.py): a test never depends on whether a transactional test ran before it."""
    with django_db_blocker.unblock():
        kept = seeded.keep()
    with seeded.restore_on_flush(kept):
        yield
