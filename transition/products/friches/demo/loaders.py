"""The demo loaders registered with the platform, in order."""

from . import referentials, sites, survey


def load() -> None:
    survey.load()
    referentials.load()
    sites.load()
