"""What the networks side of the product registers with the platform (called from apps.py)."""

import contextvars
from contextlib import contextmanager

from django.db.models.signals import m2m_changed, post_delete, post_save

# Set while an import writes many rows: it bumps the data version once, at its end.
_bumps_muted = contextvars.ContextVar("chaleur_network_bumps_muted", default=False)


@contextmanager
def version_bumps_muted():
    token = _bumps_muted.set(True)
    try:
        yield
    finally:
        _bumps_muted.reset(token)


def _network_changed(sender, **kwargs) -> None:
    """Any change to a network, a PDP or a network under construction (the admin, a service)
    bumps the data version, so that every process rebuilds its eligibility index."""
    if _bumps_muted.get() or kwargs.get("raw"):
        return
    from .models import data_version_bump

    data_version_bump()  # inside the caller's transaction: rolled back with its change


def setup() -> None:
    from transition.platform.core.registry import register_demo_loader

    from . import admin_networks, demo
    from .models import Network, NetworkUnderConstruction, Pdp, on_data_version_bump

    for model in (Network, NetworkUnderConstruction, Pdp):
        post_save.connect(_network_changed, sender=model, dispatch_uid=f"chaleur-version-save-{model.__name__}")
        post_delete.connect(_network_changed, sender=model, dispatch_uid=f"chaleur-version-delete-{model.__name__}")
    m2m_changed.connect(
        _network_changed, sender=Pdp.networks_under_construction.through, dispatch_uid="chaleur-version-pdp-m2m"
    )
    register_demo_loader("chaleur-1-reseaux", demo.load_networks)
    admin_networks.register()

    def expire_index():
        from .eligibility_index import expire_index as expire

        expire()

    on_data_version_bump(expire_index)
