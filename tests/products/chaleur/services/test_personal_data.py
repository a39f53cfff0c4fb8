from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from tests.platform.accounts.factories import UserFactory
from transition.products.chaleur.models import Ambassador, BulkTest, Demand
from transition.products.chaleur.services.personal_data import (
    personal_data_erase,
    personal_data_export,
    retention_apply,
)

from ..factories import DemandFactory, network_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_retention_and_erasure(network, settings):
    now = timezone.now()
    old = DemandFactory(network=network, email="old@example.fr", updated_at=now - timedelta(days=3 * 365 + 1))
    recent = DemandFactory(network=network, email="recent@example.fr", status="realise")
    Ambassador.objects.create(demand=recent, display_name="R")
    owner = UserFactory(email="recent@example.fr")
    bulk = BulkTest(owner=owner, original_name="a.csv", created_at=now - timedelta(days=400))
    bulk.file.save("a.txt", ContentFile(b"x"), save=True)
    assert retention_apply(now=now) == {"demands": 1, "messages": 0, "bulk_tests": 1}
    old.refresh_from_db()
    assert (old.email, old.first_name, old.anonymised_at is not None) == ("anonyme@anonyme.invalid", "", True)
    assert retention_apply(now=now) == {"demands": 0, "messages": 0, "bulk_tests": 0}
    assert personal_data_export(owner)["demandes"][0]["adresse"] == recent.address
    personal_data_erase(owner)
    recent.refresh_from_db()
    assert recent.email == "anonyme@anonyme.invalid" and recent.last_name == "(anonymisé)"
    assert not Ambassador.objects.filter(demand=recent).exists()  # its name and testimony were the person's
    assert personal_data_export(owner)["demandes"] == []
    assert Demand.objects.count() == 2  # kept, without the person, for the statistics
