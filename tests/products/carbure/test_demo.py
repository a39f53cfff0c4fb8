"""The demo data: lots at every status, a stock, a declared month; loading twice changes nothing."""

import pytest

from transition.products.carbure.demo import lots as demo
from transition.products.carbure.domain.vocabulary import CorrectionStatus, DeliveryType, LotStatus
from transition.products.carbure.models import Declaration, Entity, Lot, Stock

pytestmark = pytest.mark.django_db


def test_demo_is_complete_and_idempotent():
    demo.load()
    counts = (Lot.objects.count(), Stock.objects.count(), Entity.objects.count(), Declaration.objects.count())
    assert set(Lot.objects.values_list("lot_status", flat=True)) == set(LotStatus)
    assert Lot.objects.filter(correction_status=CorrectionStatus.IN_CORRECTION).exists()
    assert Lot.objects.filter(lot_status=LotStatus.DRAFT, has_blocking_errors=True).exists()
    assert Lot.objects.filter(delivery_type=DeliveryType.CONSUMPTION).exists()
    assert Stock.objects.filter(remaining_volume_l__gt=0).exists()
    assert Declaration.objects.filter(declared=True).count() == 3
    demo.load()
    assert counts == (Lot.objects.count(), Stock.objects.count(), Entity.objects.count(), Declaration.objects.count())
