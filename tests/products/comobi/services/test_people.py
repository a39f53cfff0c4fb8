import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.platform.accounts.factories import UserFactory
from transition.platform.notify.models import SmsOutbox
from transition.products.comobi.enums import Contact, OfferStatus, RequestStatus
from transition.products.comobi.models import Offer, Person, PhoneCheck
from transition.products.comobi.notifications import phone_code_notify
from transition.products.comobi.services.people import (
    ERASED,
    PersonData,
    person_enter,
    person_erase,
    person_find_by_phone,
    person_save_own,
    phone_check_confirm,
    phone_check_start,
)

from ..factories import PersonFactory, offer_make, request_make

pytestmark = pytest.mark.django_db


def data(**fields):
    return PersonData(**{"first_name": "Josiane", "last_name": "Delmas", "phone": "06 12 34 56 78", **fields})


def test_own_record_with_consents_dated(territory):
    user = UserFactory(email="josiane@exemple.fr")
    person = person_save_own(
        territory=territory, user=user, data=data(direct_contact=True, sms_consent=True, contact_preference=Contact.SMS)
    )
    assert (person.phone, person.email) == ("+33612345678", "josiane@exemple.fr")
    assert person.data_consent_at and person.direct_contact_consent_at and person.sms_consent_at
    first = person.sms_consent_at
    person = person_save_own(
        territory=territory,
        user=user,
        data=data(direct_contact=False, sms_consent=True, contact_preference=Contact.SMS),
    )
    assert person.direct_contact_consent_at is None
    assert person.sms_consent_at == first  # kept while it stands


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"first_name": "  "}, "first_name"),
        ({"phone": "12"}, "phone"),
        ({"phone": "", "contact_preference": Contact.SMS}, "phone"),
        ({"phone": "05 65 12 34 56", "contact_preference": Contact.SMS}, "phone"),
        ({"email": "pas-une-adresse"}, "email"),
    ],
)
def test_person_rules(territory, mediator, fields, field):
    with pytest.raises(ValidationError) as caught:
        person_enter(actor=mediator, territory=territory, data=data(**fields), data_consent=True)
    assert field in caught.value.message_dict


def test_mediator_records_consent_and_who_collected_it(territory, mediator):
    person = person_enter(actor=mediator, territory=territory, data=data(), data_consent=True)
    assert person.consent_recorded_by == mediator and person.entered_by == mediator
    assert person.phone_verified_at is not None  # spoken to on this number
    assert person_find_by_phone(territory=territory, phone="+33 6 12 34 56 78") == person


def test_no_consent_nothing_recorded(territory, mediator):
    with pytest.raises(ValidationError, match="sans son accord"):
        person_enter(actor=mediator, territory=territory, data=data(), data_consent=False)
    assert not Person.objects.exists()


def test_a_stranger_cannot_enter_people(territory):
    with pytest.raises(PermissionDenied):
        person_enter(actor=UserFactory(), territory=territory, data=data(), data_consent=True)


def test_phone_check(territory):
    user = UserFactory()
    person = person_save_own(territory=territory, user=user, data=data())
    code = phone_check_start(actor=user, person=person)
    phone_code_notify(person, code)
    assert code in SmsOutbox.objects.get().body
    with pytest.raises(ValidationError, match="pas le bon"):
        phone_check_confirm(actor=user, person=person, code="000000" if code != "000000" else "111111")
    phone_check_confirm(actor=user, person=person, code=code)
    person.refresh_from_db()
    assert person.phone_verified_at is not None
    with pytest.raises(ValidationError, match="Aucun code"):
        phone_check_confirm(actor=user, person=person, code=code)  # single use
    assert PhoneCheck.objects.get().used_at is not None


def test_phone_check_gives_up_after_five_tries(territory):
    user = UserFactory()
    person = person_save_own(territory=territory, user=user, data=data())
    code = phone_check_start(actor=user, person=person)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        with pytest.raises(ValidationError):
            phone_check_confirm(actor=user, person=person, code=wrong)
    with pytest.raises(ValidationError, match="Trop d’essais"):
        phone_check_confirm(actor=user, person=person, code=code)


def test_erase_keeps_the_counts_not_the_person(territory, mediator):
    person = PersonFactory(territory=territory)
    offer = offer_make(person, return_time=None, remarks="Appelez après 18 h")
    request = request_make(person, day=None, weekdays=(0,))
    person_erase(actor=mediator, person=person, reason="test")
    person.refresh_from_db()
    offer.refresh_from_db()
    request.refresh_from_db()
    assert (person.first_name, person.phone, person.email, person.user) == (ERASED, "", "", None)
    assert offer.status == OfferStatus.WITHDRAWN and offer.remarks == "" and offer.origin_label == ERASED
    assert request.status == RequestStatus.CLOSE and request.origin_label == ERASED
    assert round(request.origin_lat, 2) == request.origin_lat
    assert Offer.objects.count() == 1
