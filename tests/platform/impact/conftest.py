from datetime import date
from decimal import Decimal

import pytest

from transition.platform.impact import registry
from transition.platform.impact.registry import Indicator


@pytest.fixture
def indicator_registry(monkeypatch):
    """The registered indicators, restored after the test: register freely inside it."""
    monkeypatch.setattr(registry, "_indicators", dict(registry._indicators))
    return registry


@pytest.fixture
def portal_only(monkeypatch):
    """Only the portal's own indicators, as before any product registers its own."""
    monkeypatch.setattr(registry, "_indicators", {k: i for k, i in registry._indicators.items() if k[0] == "portail"})
    return registry


def constant(value):
    def compute(day: date):
        return value

    return compute


def broken(day: date):
    raise RuntimeError("base des demandes injoignable")


def make_indicator(product="chaleur", key="tested_addresses", compute=None, **fields) -> Indicator:
    return Indicator(
        product=product,
        key=key,
        label=fields.pop("label", "Adresses testées"),
        definition=fields.pop("definition", "Nombre d’adresses testées depuis l’ouverture du service."),
        unit=fields.pop("unit", "adresses"),
        compute=compute or constant(Decimal(42)),
        **fields,
    )
