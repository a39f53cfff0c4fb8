"""Settings of the consumers that fault-injection tests start: production's base settings, plus
the job kinds of tests/fault_jobs."""

from transition.config.settings.base import *  # noqa: F403
from transition.config.settings.base import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.fault_jobs"]
