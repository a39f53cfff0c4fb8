"""Writes about passengers' requests: ask, edit, hand to the mediator, take up, log a contact,
reveal a consenting driver's contact, change the status. Statuses move by the domain's table."""

from dataclasses import dataclass, field
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from transition.platform.accounts import permissions
from transition.platform.audit.services import event_record
from transition.platform.core.spreadsheets import clean_text

from ..domain.matching import great_circle_m, weekday_mask
from ..domain.request_status import Outcome as OutcomeValue
from ..domain.request_status import RequestEvent, manual_change_allowed, status_after
from ..domain.request_status import RequestStatus as StatusValue
from ..enums import PRODUCT, ContactAnswer, ContactChannel, OfferStatus, Outcome, Reason, RequestStatus, Source
from ..models import ContactLog, Offer, Person, TripRequest
from ..permissions import MEDIATE, PERSON_MANAGE, REQUEST_MANAGE
from ..selectors.places import Resolved
from .offers import MIN_TRIP_M


@dataclass(frozen=True)
class RequestData:
    origin: Resolved
    destination: Resolved
    day: date | None = None
    weekdays: frozenset[int] = field(default_factory=frozenset)
    leave_after: time | None = None
    arrive_before: time | None = None
    return_wanted: bool = False
    return_after: time | None = None
    reason: str = Reason.AUTRE


def request_check(data: RequestData, *, today: date) -> None:
    errors: dict[str, str] = {}
    if data.day is None and not data.weekdays:
        errors["day"] = "Indiquez une date, ou les jours de la semaine pour un besoin régulier."
    elif data.day is not None and data.weekdays:
        errors["weekdays"] = "Une date ou des jours de la semaine, pas les deux."
    elif data.day is not None and data.day < today:
        errors["day"] = "Cette date est déjà passée."
    if data.leave_after and data.arrive_before and data.arrive_before <= data.leave_after:
        errors["arrive_before"] = "L’heure d’arrivée souhaitée doit suivre l’heure de départ."
    if data.return_after and not data.return_wanted:
        errors["return_after"] = "Cochez « retour souhaité » pour indiquer son heure."
    if data.return_after and data.leave_after and data.return_after <= data.leave_after:
        errors["return_after"] = "Le retour part après l’aller."
    if great_circle_m(data.origin.point, data.destination.point) < MIN_TRIP_M:
        errors["destination"] = "Le départ et l’arrivée sont au même endroit."
    if data.reason not in Reason.values:
        errors["reason"] = "Choisissez un motif."
    if errors:
        raise ValidationError(errors)


def request_fill(request: TripRequest, data: RequestData) -> None:
    request.origin_label = data.origin.label[:200]
    request.origin_lat, request.origin_lon = data.origin.point.lat, data.origin.point.lon
    request.destination_label = data.destination.label[:200]
    request.destination_lat, request.destination_lon = data.destination.point.lat, data.destination.point.lon
    request.day = data.day
    request.weekdays = 0 if data.day else weekday_mask(data.weekdays)
    request.leave_after, request.arrive_before = data.leave_after, data.arrive_before
    request.return_wanted = data.return_wanted
    request.return_after = data.return_after if data.return_wanted else None
    request.reason = data.reason


def _audit(actor, action: str, request: TripRequest, **payload) -> None:
    event_record(actor=actor, action=f"comobi.{action}", target=request, product=PRODUCT, payload=payload)


def request_event(*, actor, request: TripRequest, event: RequestEvent) -> bool:
    """Move the request by `event` (the domain's table); True when its status changed."""
    before = StatusValue(request.status)
    after = status_after(before, event)
    if after == before:
        return False
    request.status = after
    request.status_changed_at = timezone.now()
    if after != StatusValue.CLOSE:
        request.outcome = ""
    request.save(update_fields=["status", "status_changed_at", "outcome"])
    _audit(actor, "request_status", request, event=event.value, **{"from": before.value, "to": after.value})
    return True


@transaction.atomic
def request_create(
    *,
    actor,
    passenger: Person,
    data: RequestData,
    source: str = Source.WEB,
    import_key: str = "",
    today: date | None = None,
) -> TripRequest:
    """A request by the passenger themselves, or entered by a mediator (then taken up by them)."""
    if actor is not None:
        permissions.require(actor, PERSON_MANAGE, passenger)
    request_check(data, today=today or timezone.localdate())
    now = timezone.now()
    request = TripRequest(
        territory=passenger.territory,
        passenger=passenger,
        source=source,
        import_key=import_key,
        created_at=now,
        status_changed_at=now,
    )
    request_fill(request, data)
    if source == Source.MEDIATEUR:
        request.entered_by = actor
        request.mediator = actor
        request.status = RequestStatus.PRISE_EN_COMPTE
    request.save()
    _audit(actor, "request_create", request, source=source)
    return request


@transaction.atomic
def request_update(*, actor, request: TripRequest, data: RequestData) -> TripRequest:
    permissions.require(actor, REQUEST_MANAGE, request)
    if request.status == RequestStatus.CLOSE:
        raise ValidationError("Cette demande est close : rouvrez-la d’abord.")
    request_check(data, today=timezone.localdate())
    request_fill(request, data)
    request.save()
    _audit(actor, "request_update", request)
    return request


@transaction.atomic
def request_hand_to_mediator(*, actor, request: TripRequest) -> TripRequest:
    """The passenger asks the territory's mediators to find a driver for them."""
    permissions.require(actor, REQUEST_MANAGE, request)
    if request.status == RequestStatus.CLOSE:
        raise ValidationError("Cette demande est close.")
    if request.handed_to_mediator_at is None:
        request.handed_to_mediator_at = timezone.now()
        request.save(update_fields=["handed_to_mediator_at"])
    request_event(actor=actor, request=request, event=RequestEvent.HANDED_TO_MEDIATOR)
    return request


@transaction.atomic
def request_take(*, actor, request: TripRequest) -> TripRequest:
    """A mediator takes the request up: they follow it from now on."""
    permissions.require(actor, MEDIATE, request.territory)
    request.mediator = actor
    request.save(update_fields=["mediator"])
    request_event(actor=actor, request=request, event=RequestEvent.OPENED_BY_MEDIATOR)
    return request


@transaction.atomic
def request_status_set(*, actor, request: TripRequest, status: str, outcome: str = "") -> TripRequest:
    """A mediator sets the status by hand, along the allowed changes; closing says why."""
    permissions.require(actor, MEDIATE, request.territory)
    before = StatusValue(request.status)
    if status not in RequestStatus.values or not manual_change_allowed(before, StatusValue(status)):
        raise ValidationError({"status": "Ce changement d’état n’est pas possible pour cette demande."})
    if status == RequestStatus.CLOSE and outcome not in Outcome.values:
        raise ValidationError({"outcome": "Indiquez l’issue de la demande pour la clore."})
    request.status = status
    request.outcome = outcome if status == RequestStatus.CLOSE else ""
    request.status_changed_at = timezone.now()
    request.save(update_fields=["status", "outcome", "status_changed_at"])
    _audit(
        actor, "request_status", request, manual=True, outcome=request.outcome, **{"from": before.value, "to": status}
    )
    return request


@transaction.atomic
def request_cancel(*, actor, request: TripRequest) -> TripRequest:
    """The passenger no longer needs the trip."""
    permissions.require(actor, REQUEST_MANAGE, request)
    if request.status == RequestStatus.CLOSE:
        return request
    if request_event(actor=actor, request=request, event=RequestEvent.CLOSED):
        request.outcome = OutcomeValue.ANNULEE.value
        request.save(update_fields=["outcome"])
    return request


@transaction.atomic
def contact_log_add(
    *,
    actor,
    request: TripRequest,
    channel: str,
    answer: str = ContactAnswer.SANS_OBJET,
    note: str = "",
    person: Person | None = None,
    offer: Offer | None = None,
) -> ContactLog:
    permissions.require(actor, MEDIATE, request.territory)
    if channel not in ContactChannel.values or channel == ContactChannel.DIRECT:
        raise ValidationError({"channel": "Choisissez le moyen de contact."})
    if answer not in ContactAnswer.values:
        raise ValidationError({"answer": "Choisissez la réponse."})
    for other in (person, offer):
        if other is not None and other.territory_id != request.territory_id:
            raise ValidationError("Cette personne ou ce trajet n’est pas de ce territoire.")
    log = ContactLog.objects.create(
        request=request,
        person=person or (offer.driver if offer else None),
        offer=offer,
        channel=channel,
        answer=answer,
        note=clean_text(note or "").strip()[:2000],
        by=actor,
        at=timezone.now(),
    )
    if channel != ContactChannel.NOTE:
        request_event(actor=actor, request=request, event=RequestEvent.CONTACT_LOGGED)
    _audit(actor, "contact_log", request, channel=channel, answer=answer)
    return log


@transaction.atomic
def driver_contact_reveal(*, actor, request: TripRequest, offer: Offer) -> ContactLog:
    """The passenger takes the contact of a driver who consented to direct contact. Logged, so
    that the mediator sees it and the driver can be told."""
    permissions.require(actor, REQUEST_MANAGE, request)
    driver = offer.driver
    if offer.territory_id != request.territory_id or offer.status != OfferStatus.ACTIVE:
        raise ValidationError("Ce trajet n’est plus proposé.")
    if driver.direct_contact_consent_at is None or not (driver.phone or driver.email):
        raise ValidationError("Ce conducteur préfère passer par le médiateur : confiez-lui votre demande.")
    if driver.pk == request.passenger_id:
        raise ValidationError("Ce trajet est le vôtre.")
    already = ContactLog.objects.filter(request=request, offer=offer, channel=ContactChannel.DIRECT).first()
    if already:
        return already
    log = ContactLog.objects.create(
        request=request, person=driver, offer=offer, channel=ContactChannel.DIRECT, by=actor, at=timezone.now()
    )
    request_event(actor=actor, request=request, event=RequestEvent.DRIVER_CONTACTED)
    _audit(actor, "driver_contact_reveal", request, offer_id=offer.pk)
    return log
