from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operating the platform: checks run on a live deployment. It sits above every other platform
    app (it exercises the database, Redis, storage, jobs and email), so that core depends on none."""

    name = "transition.platform.ops"
    label = "ops"
    verbose_name = "Exploitation"
