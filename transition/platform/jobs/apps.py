from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "transition.platform.jobs"
    label = "jobs"
    verbose_name = "Traitements longs"
