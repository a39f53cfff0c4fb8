"""Reads about offers: a person's own, a territory's drivers."""

from django.db.models import QuerySet

from ..enums import OfferStatus
from ..models import Offer, Person, Territory


def offers_of_person(*, person: Person) -> QuerySet[Offer]:
    return Offer.objects.filter(driver=person).exclude(status=OfferStatus.WITHDRAWN).order_by("status", "-created_at")


def active_offers(*, territory: Territory) -> QuerySet[Offer]:
    return Offer.objects.filter(territory=territory, status=OfferStatus.ACTIVE).select_related("driver")
