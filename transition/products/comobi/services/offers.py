"""Writes about drivers' offers: offer, edit, pause, resume, withdraw. Every write bumps the
territory's offers version, which the matching index follows."""

from dataclasses import dataclass, field
from datetime import date, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from transition.platform.accounts import permissions
from transition.platform.audit.services import event_record
from transition.platform.core.models import data_version_bump
from transition.platform.core.spreadsheets import clean_text

from ..domain.matching import great_circle_m, weekday_mask
from ..enums import PRODUCT, OfferKind, OfferStatus, Source
from ..models import Offer, Person, Territory, offers_version_name
from ..permissions import OFFER_MANAGE, PERSON_MANAGE
from ..selectors.places import Resolved

MIN_TRIP_M = 500  # a trip shorter than this goes nowhere a car is needed


@dataclass(frozen=True)
class OfferData:
    kind: str
    origin: Resolved
    destination: Resolved
    departure_time: time
    weekdays: frozenset[int] = field(default_factory=frozenset)
    day: date | None = None
    return_time: time | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    seats: int = 1
    max_extra_minutes: int | None = None
    precise_place: str = ""
    remarks: str = ""


def offer_check(data: OfferData, *, today: date) -> None:
    """Every rule an offer must keep, with its French message by field."""
    errors: dict[str, str] = {}
    if data.kind == OfferKind.REGULAR:
        if not data.weekdays:
            errors["weekdays"] = "Cochez au moins un jour pour un trajet régulier."
        if data.valid_until and data.valid_until < today:
            errors["valid_until"] = "La date de fin est déjà passée."
        if data.valid_from and data.valid_until and data.valid_until < data.valid_from:
            errors["valid_until"] = "La date de fin précède la date de début."
    elif data.kind == OfferKind.ONE_OFF:
        if data.day is None:
            errors["day"] = "Indiquez la date du trajet."
        elif data.day < today:
            errors["day"] = "Cette date est déjà passée."
    else:
        errors["kind"] = "Choisissez un trajet régulier ou ponctuel."
    if data.return_time is not None and data.return_time <= data.departure_time:
        errors["return_time"] = "Le retour part après l’aller, le même jour."
    if great_circle_m(data.origin.point, data.destination.point) < MIN_TRIP_M:
        errors["destination"] = "Le départ et l’arrivée sont au même endroit."
    if not 1 <= data.seats <= 8:
        errors["seats"] = "Entre 1 et 8 places."
    if data.max_extra_minutes is not None and not 0 <= data.max_extra_minutes <= 45:
        errors["max_extra_minutes"] = "Un détour de 0 à 45 minutes."
    if errors:
        raise ValidationError(errors)


def _bump(territory: Territory) -> None:
    data_version_bump(offers_version_name(territory.pk))


def offer_fill(offer: Offer, data: OfferData) -> None:
    offer.kind = data.kind
    offer.origin_label, offer.origin_lat, offer.origin_lon = (
        data.origin.label[:200],
        data.origin.point.lat,
        data.origin.point.lon,
    )
    offer.destination_label = data.destination.label[:200]
    offer.destination_lat, offer.destination_lon = data.destination.point.lat, data.destination.point.lon
    regular = data.kind == OfferKind.REGULAR
    offer.weekdays = weekday_mask(data.weekdays) if regular else 0
    offer.day = None if regular else data.day
    offer.valid_from = data.valid_from if regular else None
    offer.valid_until = data.valid_until if regular else None
    offer.departure_time, offer.return_time = data.departure_time, data.return_time
    offer.seats, offer.max_extra_minutes = data.seats, data.max_extra_minutes
    offer.precise_place = clean_text(data.precise_place or "", keep_newlines=False).strip()[:200]
    offer.remarks = clean_text(data.remarks or "").strip()[:2000]


@transaction.atomic
def offer_create(*, actor, driver: Person, data: OfferData, source: str = Source.WEB, import_key: str = "") -> Offer:
    if actor is not None:
        permissions.require(actor, PERSON_MANAGE, driver)
    offer_check(data, today=timezone.localdate())
    offer = Offer(territory=driver.territory, driver=driver, source=source, import_key=import_key)
    offer_fill(offer, data)
    offer.save()
    _bump(driver.territory)
    event_record(actor=actor, action="comobi.offer_create", target=offer, product=PRODUCT, payload={"source": source})
    return offer


@transaction.atomic
def offer_update(*, actor, offer: Offer, data: OfferData) -> Offer:
    permissions.require(actor, OFFER_MANAGE, offer)
    if offer.status == OfferStatus.WITHDRAWN:
        raise ValidationError("Ce trajet a été retiré : proposez-en un nouveau.")
    offer_check(data, today=timezone.localdate())
    offer_fill(offer, data)
    offer.save()
    _bump(offer.territory)
    event_record(actor=actor, action="comobi.offer_update", target=offer, product=PRODUCT)
    return offer


@transaction.atomic
def offer_status_set(*, actor, offer: Offer, status: str) -> Offer:
    """Pause, resume or withdraw (a withdrawn offer is kept for the statistics, never shown)."""
    permissions.require(actor, OFFER_MANAGE, offer)
    allowed = {
        OfferStatus.ACTIVE: {OfferStatus.PAUSED, OfferStatus.WITHDRAWN},
        OfferStatus.PAUSED: {OfferStatus.ACTIVE, OfferStatus.WITHDRAWN},
        OfferStatus.WITHDRAWN: set(),
    }
    if status not in allowed[OfferStatus(offer.status)]:
        raise ValidationError("Ce changement n’est pas possible pour ce trajet.")
    before = offer.status
    offer.status = status
    if status == OfferStatus.WITHDRAWN:
        offer.withdrawn_at = timezone.now()
    offer.save(update_fields=["status", "withdrawn_at", "updated_at"])
    _bump(offer.territory)
    event_record(
        actor=actor, action="comobi.offer_status", target=offer, product=PRODUCT, payload={"from": before, "to": status}
    )
    return offer
