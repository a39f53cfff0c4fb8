"""Receivers connected from apps.py: any change to a network, a PDP or a network under
construction (the admin, a service, an import) bumps the networks' data version (platform/core),
so that every process rebuilds its eligibility index and its map layers."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from transition.platform.core.models import data_version_bump

from .enums import NETWORKS_DATA
from .models import Network, NetworkUnderConstruction, Pdp


def _network_changed(sender, **kwargs) -> None:
    if kwargs.get("raw"):  # loaddata: fixtures bump nothing
        return
    # Inside the caller's transaction: rolled back with its change. An import or the demo wraps
    # its writes in data_version_batch(NETWORKS_DATA): one bump at its end.
    data_version_bump(NETWORKS_DATA)


def connect() -> None:
    for model in (Network, NetworkUnderConstruction, Pdp):
        post_save.connect(_network_changed, sender=model, dispatch_uid=f"chaleur-version-save-{model.__name__}")
        post_delete.connect(_network_changed, sender=model, dispatch_uid=f"chaleur-version-delete-{model.__name__}")
    m2m_changed.connect(
        _network_changed, sender=Pdp.networks_under_construction.through, dispatch_uid="chaleur-version-pdp-m2m"
    )
