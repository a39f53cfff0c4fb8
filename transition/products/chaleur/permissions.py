"""Every "may this person do that" rule of France Chaleur Urbaine, registered with the platform
(`register()`, from apps.py) and used by views, services and the API alike:

    permissions.require(user, "chaleur.demand_change", demand)   # platform helper, raises
    is_operator(user)                                            # the operator rule, written once

Who sees which demand: the team all of them (staff whose session was verified with the second
factor: has_staff_power); an operator (role `gestionnaire`) those routed to its
organisation's networks (NetworkOperator); a collectivité those of its territory (read only); an
agency (role `alec`) those sent to it (read only). Only the operator of the demand's network, or
staff, changes a demand; the partner API acts for an operator organisation.
"""

from django.db.models import Q, QuerySet

from transition.platform.accounts import permissions as platform_permissions
from transition.platform.accounts.models import Membership, Organisation
from transition.platform.accounts.permissions import has_staff_power

from .enums import PRODUCT, Role
from .models import Demand, NetworkOperator, Territory

__all__ = [
    "demands_of_operators",
    "demands_visible",
    "is_operator",
    "operates_network",
    "operator_network_ids",
    "operator_organisations",
    "organisation_ids",
    "pro_roles",
    "register",
    "requester_demands",
]


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def organisation_ids(user, role: Role) -> list[int]:
    """The organisations in which the person holds this role."""
    if not _signed_in(user):
        return []
    return list(
        Membership.objects.filter(user=user, product=PRODUCT, role=role).values_list("organisation_id", flat=True)
    )


def pro_roles(user) -> set[Role]:
    """The roles the person holds in France Chaleur Urbaine (any organisation)."""
    if not _signed_in(user):
        return set()
    held = Membership.objects.filter(user=user, product=PRODUCT, role__in=Role.values).values_list("role", flat=True)
    return {Role(role) for role in held}


def is_operator(user) -> bool:
    """Staff, or a network operator (role `gestionnaire`): prospects, the partner API's token."""
    return _signed_in(user) and (has_staff_power(user) or Role.GESTIONNAIRE in pro_roles(user))


def has_pro_access(user) -> bool:
    """Staff, or anyone holding a role of the product: the back-office opens to them."""
    return _signed_in(user) and (has_staff_power(user) or bool(pro_roles(user)))


def operator_organisations(user) -> QuerySet[Organisation]:
    """The organisations the person operates networks for."""
    return Organisation.objects.filter(pk__in=organisation_ids(user, Role.GESTIONNAIRE)).order_by("name")


def operator_network_ids(organisation_ids: list[int]) -> tuple[set[int], set[int]]:
    """(networks, networks under construction) operated by these organisations."""
    links = NetworkOperator.objects.filter(organisation_id__in=organisation_ids)
    networks = {n for n in links.values_list("network_id", flat=True) if n}
    futures = {n for n in links.values_list("network_under_construction_id", flat=True) if n}
    return networks, futures


def demands_of_operators(organisation_ids: list[int]) -> QuerySet[Demand]:
    """Demands routed to the networks of these operator organisations."""
    networks, futures = operator_network_ids(organisation_ids)
    if not networks and not futures:
        return Demand.objects.none()
    return Demand.objects.filter(Q(network_id__in=networks) | Q(network_under_construction_id__in=futures))


def _territory_codes(organisation_ids: list[int]) -> set[str]:
    codes: set[str] = set()
    for territory in Territory.objects.filter(organisation_id__in=organisation_ids):
        codes.update(str(c) for c in territory.insee_codes)
    return codes


def demands_visible(user) -> QuerySet[Demand]:
    """Every demand the person may read."""
    if not _signed_in(user):
        return Demand.objects.none()
    if has_staff_power(user):
        return Demand.objects.all()
    query = Q(pk__in=[])
    operator_orgs = organisation_ids(user, Role.GESTIONNAIRE)
    if operator_orgs:
        networks, futures = operator_network_ids(operator_orgs)
        query |= Q(network_id__in=networks) | Q(network_under_construction_id__in=futures)
    collectivite_orgs = organisation_ids(user, Role.COLLECTIVITE)
    if collectivite_orgs:
        query |= Q(citycode__in=_territory_codes(collectivite_orgs))
    alec_orgs = organisation_ids(user, Role.ALEC)
    if alec_orgs:
        query |= Q(agency__organisation_id__in=alec_orgs)
    return Demand.objects.filter(query)


def can_view_demand(user, demand) -> bool:
    return demand is not None and demands_visible(user).filter(pk=demand.pk).exists()


def can_change_demand(user, demand) -> bool:
    """Only the operator of the demand's network (or staff) changes it; a collectivité reads."""
    if demand is None or not _signed_in(user):
        return False
    if has_staff_power(user):
        return True
    return demands_of_operators(organisation_ids(user, Role.GESTIONNAIRE)).filter(pk=demand.pk).exists()


def organisation_can_change_demand(organisation, demand) -> bool:
    """The partner API acts for an operator organisation: the demands of its networks."""
    return demands_of_operators([organisation.pk]).filter(pk=demand.pk).exists()


def requester_demands(user) -> QuerySet[Demand]:
    """The demands a signed-in person sent: linked to their account, or sent with the address
    they sign in with (an address the sign-in proved theirs). Anonymised demands are no one's."""
    if not _signed_in(user):
        return Demand.objects.none()
    query = Q(requester_id=user.pk)
    if user.email:
        query |= Q(email__iexact=user.email)
    return Demand.objects.filter(query, anonymised_at__isnull=True)


def can_follow_own_demand(user, demand) -> bool:
    return demand is not None and requester_demands(user).filter(pk=demand.pk).exists()


def operates_network(user, network) -> bool:
    """Whether the person is an operator (role `gestionnaire`) of an organisation linked to this
    network: they may propose corrections of its page."""
    if network is None or not _signed_in(user):
        return False
    networks, _ = operator_network_ids(organisation_ids(user, Role.GESTIONNAIRE))
    return network.pk in networks


def can_view_bulk_test(user, bulk) -> bool:
    return bulk is not None and _signed_in(user) and (has_staff_power(user) or bulk.owner_id == user.pk)


RULES = {
    "chaleur.pro_access": lambda user, _obj: has_pro_access(user),
    "chaleur.demand_view": can_view_demand,
    "chaleur.demand_change": can_change_demand,
    "chaleur.prospects": lambda user, _obj: is_operator(user),
    "chaleur.bulk_test": lambda user, _obj: has_pro_access(user),
    "chaleur.bulk_test_view": can_view_bulk_test,
    "chaleur.demand_follow": can_follow_own_demand,
    "chaleur.network_correct": lambda user, network: operates_network(user, network),
    # Staff decides on corrections, and only with the second factor.
    "chaleur.network_correction_review": lambda user, _obj: _signed_in(user) and has_staff_power(user),
}


def register() -> None:
    for action, rule in RULES.items():
        platform_permissions.register_permission(action, rule)
