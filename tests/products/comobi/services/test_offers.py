from datetime import date, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.platform.accounts.factories import UserFactory
from transition.platform.core.models import data_version_get
from transition.products.comobi.domain.matching import Point
from transition.products.comobi.enums import OfferKind, OfferStatus
from transition.products.comobi.models import offers_version_name
from transition.products.comobi.selectors.places import Resolved
from transition.products.comobi.services.offers import OfferData, offer_create, offer_status_set, offer_update

from ..factories import POINT, PersonFactory

pytestmark = pytest.mark.django_db


def place(name):
    return Resolved(name, Point(*POINT[name]), "commune")


def data(**fields):
    return OfferData(
        **{
            "kind": OfferKind.REGULAR,
            "origin": place("Gramat"),
            "destination": place("Figeac"),
            "departure_time": time(7, 45),
            "weekdays": frozenset({0, 3}),
            "return_time": time(17, 30),
            **fields,
        }
    )


@pytest.fixture
def driver(territory):
    return PersonFactory(territory=territory, user=UserFactory())


def test_a_driver_offers_edits_pauses_and_withdraws(territory, driver):
    offer = offer_create(actor=driver.user, driver=driver, data=data())
    assert (offer.weekdays, offer.kind) == (0b1001, OfferKind.REGULAR)
    before = data_version_get(offers_version_name(territory.pk))[0]
    offer_update(
        actor=driver.user, offer=offer, data=data(kind=OfferKind.ONE_OFF, day=timezone.localdate() + timedelta(days=2))
    )
    offer.refresh_from_db()
    assert (offer.weekdays, offer.day is not None) == (0, True)
    assert data_version_get(offers_version_name(territory.pk))[0] == before + 1
    offer_status_set(actor=driver.user, offer=offer, status=OfferStatus.PAUSED)
    offer_status_set(actor=driver.user, offer=offer, status=OfferStatus.WITHDRAWN)
    with pytest.raises(ValidationError):
        offer_status_set(actor=driver.user, offer=offer, status=OfferStatus.ACTIVE)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"weekdays": frozenset()}, "weekdays"),
        ({"kind": OfferKind.ONE_OFF, "weekdays": frozenset(), "day": None}, "day"),
        ({"kind": OfferKind.ONE_OFF, "day": date(2020, 1, 1)}, "day"),
        ({"return_time": time(7, 0)}, "return_time"),
        ({"destination": place("Gramat")}, "destination"),
        ({"seats": 0}, "seats"),
        ({"max_extra_minutes": 50}, "max_extra_minutes"),
    ],
)
def test_offer_rules(driver, fields, field):
    with pytest.raises(ValidationError) as caught:
        offer_create(actor=driver.user, driver=driver, data=data(**fields))
    assert field in caught.value.message_dict


def test_someone_else_cannot_touch_an_offer(territory, driver):
    offer = offer_create(actor=driver.user, driver=driver, data=data())
    with pytest.raises(PermissionDenied):
        offer_status_set(actor=UserFactory(), offer=offer, status=OfferStatus.PAUSED)
    with pytest.raises(PermissionDenied):
        offer_create(actor=UserFactory(), driver=driver, data=data())


def test_a_mediator_may(territory, driver, mediator):
    offer = offer_create(actor=mediator, driver=driver, data=data())
    offer_status_set(actor=mediator, offer=offer, status=OfferStatus.PAUSED)
