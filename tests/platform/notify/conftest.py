from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _test_email_templates(settings):
    """Email templates that belong to the tests (tests/platform/notify/templates/)."""
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [HERE / "templates"]}]
