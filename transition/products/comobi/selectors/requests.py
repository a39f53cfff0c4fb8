"""Reads about requests: as the matching rule sees them, a passenger's own, a territory's by
status, the unmet ones."""

from dataclasses import dataclass
from datetime import date, time

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ..domain.matching import Need
from ..domain.request_status import OPEN
from ..enums import CarpoolStatus, ContactChannel, Outcome, RequestStatus
from ..models import ContactLog, Territory, TripRequest

UNMET_STATUSES = (RequestStatus.CREEE, RequestStatus.PRISE_EN_COMPTE, RequestStatus.RECHERCHE)


def _minutes(value: time | None) -> int | None:
    return None if value is None else value.hour * 60 + value.minute


def need_of(request: TripRequest, *, back: bool = False, today: date | None = None) -> Need:
    """The request as the matching rule reads it; `back`: its return journey."""
    origin, destination = (request.destination, request.origin) if back else (request.origin, request.destination)
    if back:
        after, before = _minutes(request.return_after), None
    else:
        after, before = _minutes(request.leave_after), _minutes(request.arrive_before)
    if request.day is not None:
        return Need(
            origin=origin, destination=destination, day=request.day, leave_after_min=after, arrive_before_min=before
        )
    return Need(
        origin=origin,
        destination=destination,
        weekdays=request.weekday_set,
        not_before=today or timezone.localdate(),
        leave_after_min=after,
        arrive_before_min=before,
    )


def requests_of_person_user(*, territory: Territory, user) -> QuerySet[TripRequest]:
    return TripRequest.objects.filter(territory=territory, passenger__user=user).order_by("-created_at")


@dataclass(frozen=True)
class RequestFilters:
    status: str = ""
    q: str = ""
    mine_only: bool = False
    handed_only: bool = False


def request_list(*, territory: Territory, filters: RequestFilters, user=None) -> QuerySet[TripRequest]:
    requests = TripRequest.objects.filter(territory=territory).select_related("passenger", "mediator")
    if filters.status == "ouvertes":
        requests = requests.filter(status__in=[s.value for s in OPEN])
    elif filters.status:
        requests = requests.filter(status=filters.status)
    if filters.q:
        words = filters.q.split()[:5]
        for word in words:
            requests = requests.filter(
                Q(passenger__first_name__icontains=word)
                | Q(passenger__last_name__icontains=word)
                | Q(passenger__phone__icontains=word.lstrip("0"))
                | Q(origin_label__icontains=word)
                | Q(destination_label__icontains=word)
            )
    if filters.mine_only and user is not None:
        requests = requests.filter(mediator=user)
    if filters.handed_only:
        requests = requests.filter(handed_to_mediator_at__isnull=False)
    return requests.order_by("-created_at")


def request_status_counts(*, territory: Territory) -> list[tuple[str, str, int]]:
    counts = dict(
        TripRequest.objects.filter(territory=territory)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return [(status.value, status.label, counts.get(status.value, 0)) for status in RequestStatus]


def unmet_requests(*, territory: Territory) -> QuerySet[TripRequest]:
    """Requests still waiting for a driver, or closed without a solution."""
    return (
        TripRequest.objects.filter(territory=territory)
        .filter(Q(status__in=UNMET_STATUSES) | Q(status=RequestStatus.CLOSE, outcome=Outcome.SANS_SOLUTION))
        .select_related("passenger")
        .order_by("-created_at")
    )


def revealed_offer_ids(*, request: TripRequest) -> set[int]:
    return set(
        ContactLog.objects.filter(request=request, channel=ContactChannel.DIRECT, offer__isnull=False).values_list(
            "offer_id", flat=True
        )
    )


def contacts_of(*, request: TripRequest) -> QuerySet[ContactLog]:
    return request.contacts.select_related("person", "offer", "by").order_by("-at")


def carpools_pending(*, request: TripRequest):
    return request.carpools.filter(status=CarpoolStatus.CONFIRMEE)
