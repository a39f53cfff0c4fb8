"""Writes about people: the account's own record, a person entered by a mediator, consents (each
with its date), phone checks by SMS, and erasure."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from transition.platform.accounts import permissions
from transition.platform.audit.services import event_record
from transition.platform.core.models import data_version_bump
from transition.platform.core.spreadsheets import clean_text
from transition.platform.notify.personal_data import sms_log_erase
from transition.platform.notify.phone import PhoneError, phone_parse

from ..domain.request_status import OPEN as OPEN_STATUSES
from ..domain.request_status import RequestStatus as RequestStatusValue
from ..domain.request_status import is_open
from ..enums import PRODUCT, Contact, OfferStatus, Outcome, RequestStatus
from ..models import Carpool, ContactLog, Offer, Person, PhoneCheck, Territory, TripRequest, offers_version_name
from ..permissions import MEDIATE, PERSON_MANAGE

PHONE_CODE_TTL = timedelta(minutes=15)
PHONE_CODE_ATTEMPTS = 5
ERASED = "Personne effacée"


@dataclass(frozen=True)
class PersonData:
    first_name: str
    last_name: str = ""
    phone: str = ""
    email: str = ""
    contact_preference: str = Contact.TELEPHONE
    direct_contact: bool = False
    sms_consent: bool = False


def _clean(data: PersonData) -> PersonData:
    first = clean_text(data.first_name or "", keep_newlines=False).strip()[:100]
    if not first:
        raise ValidationError({"first_name": "Le prénom est obligatoire."})
    phone = ""
    if (data.phone or "").strip():
        try:
            phone = phone_parse(data.phone).e164
        except PhoneError as exc:
            raise ValidationError({"phone": str(exc)}) from None
    email = (data.email or "").strip().lower()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise ValidationError({"email": "Cette adresse électronique n’est pas valide."}) from None
    if data.contact_preference not in Contact.values:
        raise ValidationError({"contact_preference": "Choisissez comment être contacté."})
    if data.contact_preference in (Contact.SMS, Contact.TELEPHONE) and not phone:
        raise ValidationError({"phone": "Indiquez un numéro de téléphone pour être contacté par téléphone ou SMS."})
    if data.contact_preference == Contact.SMS and not phone_parse(phone).mobile:
        raise ValidationError({"phone": "Ce numéro n’est pas un mobile : il ne peut pas recevoir de SMS."})
    if data.contact_preference == Contact.EMAIL and not email:
        raise ValidationError({"email": "Indiquez une adresse électronique pour être contacté par courriel."})
    return PersonData(
        first_name=first,
        last_name=clean_text(data.last_name or "", keep_newlines=False).strip()[:100],
        phone=phone,
        email=email,
        contact_preference=data.contact_preference,
        direct_contact=data.direct_contact,
        sms_consent=data.sms_consent,
    )


def _consent(current, wanted: bool, now):
    """The consent's date: kept while it stands, set when given, cleared when withdrawn."""
    if wanted:
        return current or now
    return None


def _apply(person: Person, data: PersonData, now) -> list[str]:
    changed = []
    for field in ("first_name", "last_name", "phone", "email", "contact_preference"):
        if getattr(person, field) != getattr(data, field):
            setattr(person, field, getattr(data, field))
            changed.append(field)
    if "phone" in changed:
        person.phone_verified_at = None
    for field, wanted in (("direct_contact_consent_at", data.direct_contact), ("sms_consent_at", data.sms_consent)):
        value = _consent(getattr(person, field), wanted, now)
        if value != getattr(person, field):
            setattr(person, field, value)
            changed.append(field)
    return changed


def person_for_user(*, territory: Territory, user) -> Person | None:
    return Person.objects.filter(territory=territory, user=user).first()


@transaction.atomic
def person_save_own(*, territory: Territory, user, data: PersonData) -> Person:
    """The signed-in person's own record in this territory (created on first use). Signing up
    with the terms accepted is their consent to the processing, dated now."""
    data = _clean(data)
    now = timezone.now()
    person = Person.objects.select_for_update().filter(territory=territory, user=user).first()
    created = person is None
    if created:
        person = Person(territory=territory, user=user, data_consent_at=now)
    if not data.email:
        data = PersonData(**{**data.__dict__, "email": user.email})
    changed = _apply(person, data, now)
    person.full_clean(exclude=["user", "territory"])
    person.save()
    event_record(
        actor=user,
        action="comobi.person_create" if created else "comobi.person_update",
        target=person,
        product=PRODUCT,
        payload={"fields": changed},
    )
    return person


@transaction.atomic
def person_enter(
    *, actor, territory: Territory, data: PersonData, data_consent: bool, person: Person | None = None
) -> Person:
    """A person a mediator enters (or corrects) from a phone call. The person's consent to the
    processing is asked on the phone and recorded with its date and who collected it."""
    permissions.require(actor, MEDIATE, territory)
    data = _clean(data)
    if person is None and not data_consent:
        raise ValidationError(
            {
                "data_consent": "Demandez à la personne si elle accepte que ses coordonnées soient enregistrées : sans son accord, rien n’est enregistré."
            }
        )
    now = timezone.now()
    created = person is None
    if created:
        person = Person(territory=territory, entered_by=actor, data_consent_at=now, consent_recorded_by=actor)
    elif person.territory_id != territory.pk:
        raise ValidationError("Cette personne n’appartient pas à ce territoire.")
    consents_before = (person.direct_contact_consent_at, person.sms_consent_at)
    changed = _apply(person, data, now)
    if (person.direct_contact_consent_at, person.sms_consent_at) != consents_before:
        person.consent_recorded_by = actor
    if created and data.phone:
        person.phone_verified_at = now  # the mediator is speaking with the person on this number
    person.full_clean(exclude=["user", "territory", "entered_by", "consent_recorded_by"])
    person.save()
    event_record(
        actor=actor,
        action="comobi.person_enter" if created else "comobi.person_update",
        target=person,
        product=PRODUCT,
        payload={"fields": changed},
    )
    return person


def person_find_by_phone(*, territory: Territory, phone: str) -> Person | None:
    try:
        e164 = phone_parse(phone).e164
    except PhoneError:
        return None
    return Person.objects.filter(territory=territory, phone=e164).order_by("-updated_at").first()


# --- phone checks ---------------------------------------------------------------------------------


def _code_hash(person: Person, code: str) -> str:
    return hashlib.sha256(f"{person.pk}:{code}".encode()).hexdigest()


@transaction.atomic
def phone_check_start(*, actor, person: Person) -> str:
    """Create a 6-digit code for the person's phone; the caller sends it by SMS. Returns it."""
    permissions.require(actor, PERSON_MANAGE, person)
    if not person.phone:
        raise ValidationError("Indiquez d’abord un numéro de téléphone.")
    if not phone_parse(person.phone).mobile:
        raise ValidationError("Ce numéro n’est pas un mobile : il ne peut pas recevoir le code par SMS.")
    code = f"{secrets.randbelow(10**6):06d}"
    now = timezone.now()
    PhoneCheck.objects.filter(person=person, used_at__isnull=True).update(used_at=now)
    PhoneCheck.objects.create(
        person=person, phone=person.phone, code_hash=_code_hash(person, code), expires_at=now + PHONE_CODE_TTL
    )
    return code


def phone_check_confirm(*, actor, person: Person, code: str) -> None:
    """Check a code. Each try is counted and kept even when it fails (outside any transaction
    that the failure would roll back), so that five wrong tries end the code."""
    permissions.require(actor, PERSON_MANAGE, person)
    now = timezone.now()
    check = (
        PhoneCheck.objects.filter(person=person, phone=person.phone, used_at__isnull=True, expires_at__gt=now)
        .order_by("-created_at")
        .first()
    )
    if check is None:
        raise ValidationError("Aucun code en cours pour ce numéro : demandez-en un nouveau.")
    counted = PhoneCheck.objects.filter(pk=check.pk, attempts__lt=PHONE_CODE_ATTEMPTS).update(
        attempts=F("attempts") + 1
    )
    if not counted:
        raise ValidationError("Trop d’essais : demandez un nouveau code.")
    if not secrets.compare_digest(check.code_hash, _code_hash(person, (code or "").strip())):
        raise ValidationError("Ce code n’est pas le bon.")
    with transaction.atomic():
        if not PhoneCheck.objects.filter(pk=check.pk, used_at__isnull=True).update(used_at=now):
            raise ValidationError("Ce code a déjà servi : demandez-en un nouveau.")
        person.phone_verified_at = now
        person.save(update_fields=["phone_verified_at", "updated_at"])
        event_record(actor=actor, action="comobi.phone_verified", target=person, product=PRODUCT)


# --- erasure ---------------------------------------------------------------------------------------


def _coarse(value: float) -> float:
    """About a kilometre: enough for the map of needs, too coarse to find a house."""
    return round(value, 2)


@transaction.atomic
def person_erase(*, actor, person: Person, reason: str) -> None:
    """Erase what identifies the person; keep, anonymised, what the statistics count (trips done,
    requests received, kilometres). Their offers are withdrawn, their requests closed."""
    if actor is not None:
        permissions.require(actor, PERSON_MANAGE, person)
    now = timezone.now()
    for offer in Offer.objects.filter(driver=person):
        offer.status = OfferStatus.WITHDRAWN
        offer.withdrawn_at = offer.withdrawn_at or now
        offer.origin_label = offer.destination_label = ERASED
        offer.precise_place = offer.remarks = ""
        offer.origin_lat, offer.origin_lon = _coarse(offer.origin_lat), _coarse(offer.origin_lon)
        offer.destination_lat, offer.destination_lon = _coarse(offer.destination_lat), _coarse(offer.destination_lon)
        offer.save()
    for request in TripRequest.objects.filter(passenger=person):
        if is_open(RequestStatusValue(request.status)):
            request.status, request.outcome, request.status_changed_at = RequestStatus.CLOSE, Outcome.ANNULEE, now
        request.origin_label = request.destination_label = ERASED
        request.origin_lat, request.origin_lon = _coarse(request.origin_lat), _coarse(request.origin_lon)
        request.destination_lat = _coarse(request.destination_lat)
        request.destination_lon = _coarse(request.destination_lon)
        request.save()
    ContactLog.objects.filter(request__passenger=person).update(note="")
    ContactLog.objects.filter(person=person).update(note="")
    Carpool.objects.filter(passenger=person).update(pickup_label=ERASED, dropoff_label=ERASED)
    Carpool.objects.filter(driver=person).update(pickup_label=ERASED, dropoff_label=ERASED)
    PhoneCheck.objects.filter(person=person).delete()
    Person.objects.filter(pk=person.pk).update(
        user=None,
        first_name=ERASED,
        last_name="",
        phone="",
        email="",
        phone_verified_at=None,
        direct_contact_consent_at=None,
        sms_consent_at=None,
        contact_preference=Contact.MEDIATEUR,
        updated_at=now,
    )
    data_version_bump(offers_version_name(person.territory_id))
    event_record(actor=actor, action="comobi.person_erase", target=person, product=PRODUCT, payload={"reason": reason})


def account_identifiers(user) -> set[str]:
    """What the person typed in CoMobi that identifies them (accounts.erasure replaces it in the
    mediators' notes and the offers' remarks)."""
    found: set[str] = set()
    for person in Person.objects.filter(user=user):
        found |= {person.first_name, person.last_name, f"{person.first_name} {person.last_name}", person.phone}
        found.add(person.email)
    return {text for text in found if text and text.strip() and text != ERASED}


def account_erase(user) -> None:
    """ "Mes données" → erase: every CoMobi record of the account, with the SMS sent to its numbers."""
    for person in Person.objects.filter(user=user):
        phones = [person.phone]
        person_erase(actor=None, person=person, reason="effacement du compte")
        sms_log_erase(phones)


@transaction.atomic
def people_retention_apply(*, now=None) -> int:
    """Erase people with nothing going on for COMOBI_RETENTION_DAYS: no active offer, no open
    request, no trip, and no change to their record since then. Returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.COMOBI_RETENTION_DAYS)
    idle = (
        Person.objects.filter(updated_at__lt=cutoff)
        .exclude(first_name=ERASED)
        .exclude(offers__status=OfferStatus.ACTIVE)
        .exclude(offers__updated_at__gte=cutoff)
        .exclude(requests__created_at__gte=cutoff)
        .exclude(requests__status__in=[s.value for s in OPEN_STATUSES])
        .exclude(rides__day__gte=cutoff.date())
        .exclude(drives__day__gte=cutoff.date())
        .distinct()
    )
    count = 0
    for person in idle:
        phones = [person.phone]
        person_erase(actor=None, person=person, reason="durée de conservation écoulée")
        sms_log_erase(phones)
        count += 1
    return count
