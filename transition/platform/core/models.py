"""Versions of the data sets that in-process indexes are built from.

A data set (the local geocoder's addresses, a product's networks…) has a counter, bumped inside
the transaction that changes the data. A process holding an index built from that data reads the
version (one row, by its unique name: cheap enough for each request, or trusted for a few seconds)
and rebuilds when it moved. `data_version_changed` tells this process's listeners at once.

    data_version_bump("chaleur-reseaux")           # in the transaction that changed the networks
    data_version_get("chaleur-reseaux")            # -> (version, changed_at)
    with data_version_batch("chaleur-reseaux"):    # many changes, one bump at the end
        ...
"""

import contextvars
from contextlib import contextmanager
from datetime import datetime

from django.db import models, transaction
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone

__all__ = [
    "DataVersion",
    "data_version_batch",
    "data_version_bump",
    "data_version_changed",
    "data_version_get",
]

# Sent after each bump (inside the caller's transaction), with `name` and `version`: the
# in-process indexes built from that data expire.
data_version_changed = Signal()


class DataVersion(models.Model):
    """A counter per data set, bumped by each change, read by the in-memory indexes to rebuild."""

    name = models.CharField("jeu de données", max_length=50, unique=True)
    version = models.PositiveIntegerField("version", default=0)
    changed_at = models.DateTimeField("modifié le", default=timezone.now)

    class Meta:
        verbose_name = "version des données"
        verbose_name_plural = "versions des données"

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


def data_version_get(name: str) -> tuple[int, datetime | None]:
    """(version, time of the change), (0, None) for a data set never changed. The time tells two
    databases apart that reached the same number (a test database rolled back, a restored dump),
    so that an index never serves stale data."""
    row = DataVersion.objects.filter(name=name).values_list("version", "changed_at").first()
    return (row[0], row[1]) if row else (0, None)


# Names whose bumps are being folded into one (data_version_batch), with whether one was asked.
_batches: contextvars.ContextVar[dict[str, bool] | None] = contextvars.ContextVar("data_version_batches", default=None)


def data_version_bump(name: str) -> int:
    """Increment the version inside the current transaction (rolled back with it) and tell this
    process's listeners. Inside `data_version_batch(name)`, only noted: the batch bumps once."""
    batches = _batches.get()
    if batches is not None and name in batches:
        batches[name] = True
        return data_version_get(name)[0]
    with transaction.atomic():
        DataVersion.objects.get_or_create(name=name)
        DataVersion.objects.filter(name=name).update(version=F("version") + 1, changed_at=timezone.now())
        version = DataVersion.objects.filter(name=name).values_list("version", flat=True).get()
    data_version_changed.send(sender=DataVersion, name=name, version=version)
    return version


@contextmanager
def data_version_batch(name: str):
    """Bumps of `name` inside the block (an import saving many rows, each bumping through a
    signal) are folded into one, made when the block ends without error. Open it inside the
    transaction so that the bump is rolled back with the changes."""
    outer = _batches.get()
    if outer is not None and name in outer:  # nested: the outer batch bumps
        yield
        return
    batches = {**(outer or {}), name: False}
    token = _batches.set(batches)
    try:
        yield
    finally:
        _batches.reset(token)
    for other in outer or {}:  # bumps of an enclosing batch's names, noted here, are its own
        outer[other] = outer[other] or batches[other]
    if batches[name]:
        data_version_bump(name)
