"""Writes about confirmed trips: confirm (a mediator, or the passenger with a driver they
reached directly), mark done, cancelled or no-show, and the day-before reminders."""

from datetime import date, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from transition.platform.accounts import permissions
from transition.platform.audit.services import event_record

from ..domain.carpool_status import FAILED, NOT_BEFORE_THE_DAY, change_allowed
from ..domain.carpool_status import CarpoolStatus as CarpoolStatusValue
from ..domain.notices import reminder_due
from ..domain.request_status import RequestEvent
from ..enums import PRODUCT, CarpoolStatus, ContactChannel, Direction, OfferStatus, Outcome, RequestStatus
from ..models import Carpool, ContactLog, Offer, Person, TripRequest
from ..notifications import carpool_notify
from ..permissions import MEDIATE, REQUEST_MANAGE, is_mediator
from ..selectors.travel import shared_road_m
from .requests import request_event


def _may_confirm(actor, request: TripRequest, offer: Offer | None) -> None:
    if is_mediator(actor, request.territory):
        return
    permissions.require(actor, REQUEST_MANAGE, request)
    direct = (
        offer is not None
        and ContactLog.objects.filter(request=request, offer=offer, channel=ContactChannel.DIRECT).exists()
    )
    if not direct:
        raise ValidationError("Seul le médiateur peut confirmer ce trajet : vous n’avez pas contacté ce conducteur.")


@transaction.atomic
def carpool_confirm(
    *,
    actor,
    request: TripRequest,
    day: date,
    pickup_time: time,
    direction: str = Direction.ALLER,
    offer: Offer | None = None,
    driver: Person | None = None,
) -> Carpool:
    """The passenger will travel with this driver on this day: the request goes to follow-up and
    both are told, each by their channel (the messages leave once this transaction commits)."""
    _may_confirm(actor, request, offer)
    if offer is not None:
        if offer.territory_id != request.territory_id or offer.status == OfferStatus.WITHDRAWN:
            raise ValidationError("Ce trajet n’est plus proposé.")
        driver = offer.driver
    if driver is None or driver.territory_id != request.territory_id:
        raise ValidationError({"driver": "Choisissez le conducteur."})
    if driver.pk == request.passenger_id:
        raise ValidationError({"driver": "Le conducteur et le passager sont la même personne."})
    if day < timezone.localdate():
        raise ValidationError({"day": "Cette date est déjà passée."})
    if direction not in Direction.values:
        raise ValidationError({"direction": "Choisissez l’aller ou le retour."})
    if request.status == RequestStatus.CLOSE:
        request_event(actor=actor, request=request, event=RequestEvent.REOPENED)
    back = direction == Direction.RETOUR
    origin, destination = (request.destination, request.origin) if back else (request.origin, request.destination)
    now = timezone.now()
    carpool = Carpool.objects.create(
        territory=request.territory,
        request=request,
        offer=offer,
        driver=driver,
        passenger=request.passenger,
        direction=direction,
        day=day,
        pickup_time=pickup_time,
        pickup_label=request.destination_label if back else request.origin_label,
        dropoff_label=request.origin_label if back else request.destination_label,
        shared_distance_m=shared_road_m(request.territory, origin, destination),
        confirmed_by=actor,
        confirmed_at=now,
        status_changed_at=now,
    )
    request_event(actor=actor, request=request, event=RequestEvent.CARPOOL_CONFIRMED)
    event_record(
        actor=actor,
        action="comobi.carpool_confirm",
        target=carpool,
        product=PRODUCT,
        payload={"request_id": request.pk},
    )
    carpool_notify(carpool, template="carpool_confirmed")
    return carpool


def _may_change(actor, carpool: Carpool, status: str) -> None:
    if is_mediator(actor, carpool.territory):
        return
    own = actor.pk in (carpool.passenger.user_id, carpool.driver.user_id)
    if not (own and status == CarpoolStatus.ANNULEE):
        permissions.require(actor, MEDIATE, carpool.territory)


@transaction.atomic
def carpool_status_set(*, actor, carpool: Carpool, status: str) -> Carpool:
    """Done, cancelled, no-show (or back to confirmed, to correct a mistake); the request follows:
    closed when every trip of it is done, back to searching when its last one fell through."""
    _may_change(actor, carpool, status)
    if status not in CarpoolStatus.values or not change_allowed(
        CarpoolStatusValue(carpool.status), CarpoolStatusValue(status)
    ):
        raise ValidationError({"status": "Ce changement n’est pas possible pour ce trajet."})
    if status in NOT_BEFORE_THE_DAY and carpool.day > timezone.localdate():
        raise ValidationError({"status": "Ce trajet n’a pas encore eu lieu."})
    before = carpool.status
    carpool.status = status
    carpool.status_changed_at = timezone.now()
    carpool.save(update_fields=["status", "status_changed_at"])
    request = carpool.request
    others_pending = request.carpools.filter(status=CarpoolStatus.CONFIRMEE).exclude(pk=carpool.pk).exists()
    if status == CarpoolStatus.CONFIRMEE:
        if request.status == RequestStatus.CLOSE:
            request_event(actor=actor, request=request, event=RequestEvent.REOPENED)
        request_event(actor=actor, request=request, event=RequestEvent.CARPOOL_CONFIRMED)
    elif status == CarpoolStatus.EFFECTUEE and not others_pending:
        if request_event(actor=actor, request=request, event=RequestEvent.ALL_CARPOOLS_DONE):
            request.outcome = Outcome.TRAJET_EFFECTUE
            request.save(update_fields=["outcome"])
    elif CarpoolStatusValue(status) in FAILED and not others_pending:
        done = request.carpools.filter(status=CarpoolStatus.EFFECTUEE).exists()
        event = RequestEvent.ALL_CARPOOLS_DONE if done else RequestEvent.CARPOOL_FAILED
        if request_event(actor=actor, request=request, event=event) and done:
            request.outcome = Outcome.TRAJET_EFFECTUE
            request.save(update_fields=["outcome"])
    event_record(
        actor=actor,
        action="comobi.carpool_status",
        target=carpool,
        product=PRODUCT,
        payload={"from": before, "to": status},
    )
    if status == CarpoolStatus.ANNULEE:
        carpool_notify(carpool, template="carpool_cancelled")
    return carpool


def carpool_reminders_send(*, now=None) -> int:
    """Send the day-before reminders that are due (job every quarter of an hour); each carpool is
    marked first, so that a crash never sends one twice."""
    now = now or timezone.now()
    sent = 0
    window = Carpool.objects.filter(
        status=CarpoolStatus.CONFIRMEE,
        reminder_sent_at__isnull=True,
        day__gte=timezone.localdate(now),
        day__lte=timezone.localdate(now) + timedelta(days=1),
    ).select_related("territory", "driver__user", "passenger__user")
    for carpool in window:
        if not reminder_due(now, carpool.departure, confirmed_at=carpool.confirmed_at, already_sent=False):
            continue
        with transaction.atomic():
            if not Carpool.objects.filter(pk=carpool.pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now):
                continue
            carpool_notify(carpool, template="carpool_reminder", now=now)
        sent += 1
    return sent
