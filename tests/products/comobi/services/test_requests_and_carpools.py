"""A request's life: asked, handed, searched, confirmed, done; notifications and reminders."""

from datetime import UTC, date, datetime, time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.fakes import FakeClock
from tests.platform.accounts.factories import UserFactory
from transition.platform.notify.models import EmailLog, SmsLog, SmsOutbox
from transition.products.comobi.domain.matching import Point
from transition.products.comobi.enums import (
    CarpoolStatus,
    Contact,
    ContactAnswer,
    ContactChannel,
    Outcome,
    Reason,
    RequestStatus,
    Source,
)
from transition.products.comobi.notifications import request_handed_notify
from transition.products.comobi.selectors.places import Resolved
from transition.products.comobi.services.carpools import carpool_confirm, carpool_reminders_send, carpool_status_set
from transition.products.comobi.services.requests import (
    RequestData,
    contact_log_add,
    driver_contact_reveal,
    request_cancel,
    request_create,
    request_hand_to_mediator,
    request_status_set,
    request_take,
)

from ..factories import POINT, PersonFactory, offer_make

pytestmark = pytest.mark.django_db
NOW = datetime(2030, 3, 4, 9, 0, tzinfo=UTC)  # a Monday morning
TOMORROW = date(2030, 3, 5)


@pytest.fixture
def clock(monkeypatch):
    return FakeClock(monkeypatch, NOW)


def place(name):
    return Resolved(name, Point(*POINT[name]), "lieu")


@pytest.fixture
def passenger(territory):
    return PersonFactory(territory=territory, user=UserFactory(), contact_preference=Contact.SMS, sms_consent_at=NOW)


@pytest.fixture
def driver(territory):
    return PersonFactory(
        territory=territory, user=UserFactory(), contact_preference=Contact.EMAIL, direct_contact_consent_at=NOW
    )


def asked(passenger, **fields):
    data = RequestData(
        **{
            "origin": place("Gramat"),
            "destination": place("Hôpital de Figeac"),
            "day": TOMORROW,
            "leave_after": time(7, 30),
            "reason": Reason.MEDICAL,
            **fields,
        }
    )
    return request_create(actor=passenger.user, passenger=passenger, data=data)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"day": None}, "day"),
        ({"day": date(2030, 3, 1)}, "day"),
        ({"weekdays": frozenset({1})}, "weekdays"),
        ({"arrive_before": time(7, 0)}, "arrive_before"),
        ({"return_after": time(16, 0)}, "return_after"),
        ({"destination": place("Gramat")}, "destination"),
    ],
)
def test_request_rules(clock, passenger, fields, field):
    with pytest.raises(ValidationError) as caught:
        asked(passenger, **fields)
    assert field in caught.value.message_dict


def test_the_whole_life_of_a_request(clock, territory, passenger, driver, mediator):
    offer = offer_make(driver, "Gramat", "Figeac", departure=time(7, 40))
    request = asked(passenger)
    assert request.status == RequestStatus.CREEE
    request_hand_to_mediator(actor=passenger.user, request=request)
    assert request.status == RequestStatus.PRISE_EN_COMPTE and request.handed_to_mediator_at
    assert request_handed_notify(request) == 1
    assert EmailLog.objects.filter(to=mediator.email, template="comobi/emails/request_handed").exists()
    contact_log_add(
        actor=mediator, request=request, channel=ContactChannel.APPEL, answer=ContactAnswer.ACCEPTE, offer=offer
    )
    assert request.status == RequestStatus.RECHERCHE
    carpool = carpool_confirm(actor=mediator, request=request, offer=offer, day=TOMORROW, pickup_time=time(7, 45))
    request.refresh_from_db()
    assert request.status == RequestStatus.SUIVI
    assert carpool.shared_distance_m > 10_000  # Gramat to Figeac's hospital on the road
    # both told by their channel: the passenger by SMS, the driver by email
    assert SmsLog.objects.filter(to=passenger.phone, template="comobi/sms/carpool_confirmed").exists()
    assert EmailLog.objects.filter(to=driver.email, template="comobi/emails/carpool_confirmed").exists()
    with pytest.raises(ValidationError, match="pas encore eu lieu"):
        carpool_status_set(actor=mediator, carpool=carpool, status=CarpoolStatus.EFFECTUEE)
    clock.advance(days=1, hours=3)
    carpool_status_set(actor=mediator, carpool=carpool, status=CarpoolStatus.EFFECTUEE)
    request.refresh_from_db()
    assert (request.status, request.outcome) == (RequestStatus.CLOSE, Outcome.TRAJET_EFFECTUE)


def test_a_failed_trip_puts_the_request_back_to_searching(clock, territory, passenger, driver, mediator):
    request = asked(passenger)
    carpool = carpool_confirm(actor=mediator, request=request, driver=driver, day=TOMORROW, pickup_time=time(7, 45))
    carpool_status_set(actor=mediator, carpool=carpool, status=CarpoolStatus.ANNULEE)
    request.refresh_from_db()
    assert request.status == RequestStatus.RECHERCHE
    assert SmsLog.objects.filter(template="comobi/sms/carpool_cancelled").exists()
    carpool_status_set(actor=mediator, carpool=carpool, status=CarpoolStatus.CONFIRMEE)  # a mistake corrected
    request.refresh_from_db()
    assert request.status == RequestStatus.SUIVI


def test_a_passenger_may_cancel_their_own_trip_only(clock, territory, passenger, driver, mediator):
    request = asked(passenger)
    carpool = carpool_confirm(actor=mediator, request=request, driver=driver, day=TOMORROW, pickup_time=time(7, 45))
    with pytest.raises(PermissionDenied):
        carpool_status_set(actor=passenger.user, carpool=carpool, status=CarpoolStatus.EFFECTUEE)
    carpool_status_set(actor=passenger.user, carpool=carpool, status=CarpoolStatus.ANNULEE)


def test_reveal_needs_the_drivers_consent(clock, territory, passenger, driver):
    request = asked(passenger)
    offer = offer_make(driver)
    log = driver_contact_reveal(actor=passenger.user, request=request, offer=offer)
    assert log.channel == ContactChannel.DIRECT
    assert driver_contact_reveal(actor=passenger.user, request=request, offer=offer) == log  # once
    request.refresh_from_db()
    assert request.status == RequestStatus.RECHERCHE
    shy = PersonFactory(territory=territory, direct_contact_consent_at=None)
    with pytest.raises(ValidationError, match="médiateur"):
        driver_contact_reveal(actor=passenger.user, request=request, offer=offer_make(shy))
    with pytest.raises(PermissionDenied):
        driver_contact_reveal(actor=UserFactory(), request=request, offer=offer)


def test_passenger_confirms_with_a_driver_reached_directly(clock, territory, passenger, driver):
    request = asked(passenger)
    offer = offer_make(driver)
    with pytest.raises(ValidationError, match="médiateur"):
        carpool_confirm(actor=passenger.user, request=request, offer=offer, day=TOMORROW, pickup_time=time(8, 0))
    driver_contact_reveal(actor=passenger.user, request=request, offer=offer)
    carpool_confirm(actor=passenger.user, request=request, offer=offer, day=TOMORROW, pickup_time=time(8, 0))


def test_no_message_later_than_an_hour_before_departure(clock, territory, passenger, driver, mediator):
    request = asked(passenger, day=date(2030, 3, 4))
    carpool_confirm(actor=mediator, request=request, driver=driver, day=date(2030, 3, 4), pickup_time=time(10, 30))
    assert not SmsLog.objects.exists() and not EmailLog.objects.filter(template__contains="carpool").exists()


def test_reminder_the_day_before(clock, territory, passenger, driver, mediator):
    request = asked(passenger)
    carpool_confirm(actor=mediator, request=request, driver=driver, day=TOMORROW, pickup_time=time(7, 45))
    assert carpool_reminders_send() == 0  # 10:00 in Paris: too early
    clock.set(datetime(2030, 3, 4, 17, 5, tzinfo=UTC))  # 18:05 in Paris
    assert carpool_reminders_send() == 1
    assert carpool_reminders_send() == 0  # once
    assert SmsLog.objects.filter(template="comobi/sms/carpool_reminder").count() == 1
    assert EmailLog.objects.filter(template="comobi/emails/carpool_reminder").count() == 1


def test_unverified_numbers_get_no_names(clock, territory, driver, mediator):
    passenger = PersonFactory(
        territory=territory, contact_preference=Contact.SMS, sms_consent_at=NOW, phone_verified_at=None
    )
    request = request_create(
        actor=mediator,
        passenger=passenger,
        data=RequestData(origin=place("Gramat"), destination=place("Figeac"), day=TOMORROW),
        source=Source.MEDIATEUR,
    )
    carpool_confirm(actor=mediator, request=request, driver=driver, day=TOMORROW, pickup_time=time(7, 45))
    body = SmsOutbox.objects.get(to=passenger.phone).body
    assert driver.first_name not in body and "Gramat" not in body
    assert "08/03" not in body and "05/03" in body


def test_verified_numbers_get_the_details(clock, territory, driver, mediator):
    passenger = PersonFactory(
        territory=territory, contact_preference=Contact.SMS, sms_consent_at=NOW, phone_verified_at=NOW
    )
    request = request_create(
        actor=mediator,
        passenger=passenger,
        data=RequestData(origin=place("Gramat"), destination=place("Figeac"), day=TOMORROW),
        source=Source.MEDIATEUR,
    )
    carpool_confirm(actor=mediator, request=request, driver=driver, day=TOMORROW, pickup_time=time(7, 45))
    body = SmsOutbox.objects.get(to=passenger.phone).body
    assert driver.public_name in body and "Gramat" in body


def test_no_sms_without_consent_and_nothing_through_the_mediator(clock, territory, driver, mediator):
    silent = PersonFactory(territory=territory, contact_preference=Contact.MEDIATEUR, sms_consent_at=NOW)
    request = request_create(
        actor=mediator,
        passenger=silent,
        data=RequestData(origin=place("Gramat"), destination=place("Figeac"), day=TOMORROW),
        source=Source.MEDIATEUR,
    )
    carpool_confirm(actor=mediator, request=request, driver=driver, day=TOMORROW, pickup_time=time(7, 45))
    assert not SmsLog.objects.filter(to=silent.phone).exists()
    assert not EmailLog.objects.filter(to=silent.email).exists()


def test_manual_status_and_cancel(clock, territory, passenger, mediator):
    request = asked(passenger)
    request_take(actor=mediator, request=request)
    assert request.mediator == mediator and request.status == RequestStatus.PRISE_EN_COMPTE
    with pytest.raises(ValidationError, match="issue"):
        request_status_set(actor=mediator, request=request, status=RequestStatus.CLOSE)
    request_status_set(actor=mediator, request=request, status=RequestStatus.CLOSE, outcome=Outcome.SANS_SOLUTION)
    with pytest.raises(ValidationError):
        request_status_set(actor=mediator, request=request, status=RequestStatus.SUIVI)
    request_status_set(actor=mediator, request=request, status=RequestStatus.RECHERCHE)
    request_cancel(actor=passenger.user, request=request)
    assert (request.status, request.outcome) == (RequestStatus.CLOSE, Outcome.ANNULEE)
