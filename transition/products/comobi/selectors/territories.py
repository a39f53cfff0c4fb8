"""Reads about territories: the open ones, one by slug, who works in it, where a person works."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from transition.platform.accounts.models import Membership

from ..enums import PRODUCT, Role
from ..models import Territory


def territory_list(*, open_only: bool = True) -> QuerySet[Territory]:
    territories = Territory.objects.select_related("organisation").annotate(
        commune_count=Count("communes", distinct=True)
    )
    return territories.filter(is_open=True) if open_only else territories


def territory_get(slug: str) -> Territory:
    return get_object_or_404(Territory.objects.select_related("organisation"), slug=slug)


def territory_members(*, territory: Territory) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(organisation_id=territory.organisation_id, product=PRODUCT)
        .select_related("user")
        .order_by("user__family_name", "user__given_name", "role")
    )


def territories_of(user) -> QuerySet[Territory]:
    """The territories where `user` holds a CoMobi role."""
    if not getattr(user, "is_authenticated", False):
        return Territory.objects.none()
    organisations = Membership.objects.filter(user=user, product=PRODUCT, role__in=list(Role)).values("organisation_id")
    return Territory.objects.filter(Q(organisation_id__in=organisations)).order_by("name")
