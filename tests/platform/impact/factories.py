from datetime import date
from decimal import Decimal

import factory
from django.utils import timezone

from transition.platform.impact.models import Snapshot


class SnapshotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Snapshot

    product = "portail"
    key = "accounts_created"
    date = factory.LazyFunction(lambda: date(2026, 1, 31))
    value = Decimal(1)
    computed_at = factory.LazyFunction(timezone.now)
