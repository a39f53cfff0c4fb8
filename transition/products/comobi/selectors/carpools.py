"""Reads about confirmed trips: what is coming, what waits for its outcome."""

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from ..enums import CarpoolStatus
from ..models import Carpool, Person, Territory


def carpools_upcoming(*, territory: Territory, days: int = 7) -> QuerySet[Carpool]:
    today = timezone.localdate()
    return (
        Carpool.objects.filter(
            territory=territory, status=CarpoolStatus.CONFIRMEE, day__gte=today, day__lte=today + timedelta(days=days)
        )
        .select_related("driver", "passenger", "request")
        .order_by("day", "pickup_time")
    )


def carpools_to_close(*, territory: Territory) -> QuerySet[Carpool]:
    """Confirmed trips whose day has passed: the mediator asks how it went."""
    return (
        Carpool.objects.filter(territory=territory, status=CarpoolStatus.CONFIRMEE, day__lt=timezone.localdate())
        .select_related("driver", "passenger", "request")
        .order_by("day", "pickup_time")
    )


def carpools_recent(*, territory: Territory, limit: int = 50) -> QuerySet[Carpool]:
    return (
        Carpool.objects.filter(territory=territory)
        .exclude(status=CarpoolStatus.CONFIRMEE)
        .select_related("driver", "passenger")
        .order_by("-status_changed_at")[:limit]
    )


def carpools_of_driver(*, driver: Person) -> QuerySet[Carpool]:
    """The passengers a driver has agreed to take, from today on."""
    return (
        Carpool.objects.filter(driver=driver, status=CarpoolStatus.CONFIRMEE, day__gte=timezone.localdate())
        .select_related("passenger")
        .order_by("day", "pickup_time")
    )
