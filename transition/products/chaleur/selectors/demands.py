"""Read queries of the demands side: who sees which demand, lists, prospects, ambassadors."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from transition.platform.accounts.models import Membership

from .domain.demand_status import STATUS_LABELS, DemandStatus
from .models import Ambassador, BulkTest, Copropriete, Demand, Network, NetworkOperator, Territory

PRODUCT = "chaleur"
PRO_ROLES = ("gestionnaire", "collectivite", "alec", "professionnel")


def organisation_ids(user, role: str) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Membership.objects.filter(user=user, product=PRODUCT, role=role).values_list("organisation_id", flat=True)
    )


def pro_roles(user) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Membership.objects.filter(user=user, product=PRODUCT, role__in=PRO_ROLES).values_list("role", flat=True))


def operator_network_ids(organisation_ids: list[int]) -> tuple[set[int], set[int]]:
    links = NetworkOperator.objects.filter(organisation_id__in=organisation_ids)
    networks = {n for n in links.values_list("network_id", flat=True) if n}
    futures = {n for n in links.values_list("network_under_construction_id", flat=True) if n}
    return networks, futures


def demands_for_organisations(organisation_ids: list[int]) -> QuerySet[Demand]:
    """Demands routed to the networks of these operator organisations."""
    networks, futures = operator_network_ids(organisation_ids)
    if not networks and not futures:
        return Demand.objects.none()
    return Demand.objects.filter(Q(network_id__in=networks) | Q(network_under_construction_id__in=futures))


def territory_codes(organisation_ids: list[int]) -> set[str]:
    codes: set[str] = set()
    for territory in Territory.objects.filter(organisation_id__in=organisation_ids):
        codes.update(str(c) for c in territory.insee_codes)
    return codes


def demands_visible(user) -> QuerySet[Demand]:
    """Every demand the person may read: staff all; an operator those of its networks; a
    collectivité those of its territory; an agency those sent to it."""
    if not getattr(user, "is_authenticated", False):
        return Demand.objects.none()
    if user.is_staff:
        return Demand.objects.all()
    query = Q(pk__in=[])
    operator_orgs = organisation_ids(user, "gestionnaire")
    if operator_orgs:
        networks, futures = operator_network_ids(operator_orgs)
        query |= Q(network_id__in=networks) | Q(network_under_construction_id__in=futures)
    collectivite_orgs = organisation_ids(user, "collectivite")
    if collectivite_orgs:
        query |= Q(citycode__in=territory_codes(collectivite_orgs))
    alec_orgs = organisation_ids(user, "alec")
    if alec_orgs:
        query |= Q(agency__organisation_id__in=alec_orgs)
    return Demand.objects.filter(query)


def can_view_demand(user, demand) -> bool:
    return demand is not None and demands_visible(user).filter(pk=demand.pk).exists()


def can_change_demand(user, demand) -> bool:
    """Only the operator of the demand's network (or staff) changes it; a collectivité reads."""
    if demand is None or not getattr(user, "is_authenticated", False):
        return False
    if user.is_staff:
        return True
    return demands_for_organisations(organisation_ids(user, "gestionnaire")).filter(pk=demand.pk).exists()


SORTS = {
    "recent": "-created_at",
    "ancien": "created_at",
    "statut": "status",
    "logements": "-dwellings_count",
    "distance": "distance_m",
    "adresse": "address",
}


@dataclass(frozen=True)
class DemandFilters:
    status: str = ""
    network_id: int | None = None
    q: str = ""
    eligible: str = ""  # "", "oui", "non"
    sort: str = "recent"


def demand_list(*, user, filters: DemandFilters) -> QuerySet[Demand]:
    demands = demands_visible(user).select_related("network", "network_under_construction", "agency")
    if filters.status in {s.value for s in DemandStatus}:
        demands = demands.filter(status=filters.status)
    if filters.network_id:
        demands = demands.filter(network_id=filters.network_id)
    if filters.eligible == "oui":
        demands = demands.filter(eligible=True)
    elif filters.eligible == "non":
        demands = demands.filter(eligible=False)
    q = filters.q.strip()
    if q:
        demands = demands.filter(
            Q(address__icontains=q)
            | Q(last_name__icontains=q)
            | Q(first_name__icontains=q)
            | Q(email__icontains=q)
            | Q(company__icontains=q)
        )
    return demands.order_by(SORTS.get(filters.sort, "-created_at"), "-pk")


def demand_networks(*, user) -> QuerySet[Network]:
    """The networks the person's visible demands are on (for the filter)."""
    ids = demands_visible(user).exclude(network=None).values_list("network_id", flat=True).distinct()
    return Network.objects.filter(pk__in=list(ids)).order_by("name")


def demand_status_counts(*, user) -> list[tuple[str, str, int]]:
    counts = dict.fromkeys([s.value for s in DemandStatus], 0)
    for status in demands_visible(user).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return [(s.value, STATUS_LABELS[s], counts[s.value]) for s in DemandStatus]


def operator_emails_for_networks() -> dict[int, list[str]]:
    """For each network with an operator: the emails of that organisation's `gestionnaire` members."""
    links = NetworkOperator.objects.filter(network__isnull=False).values_list("network_id", "organisation_id")
    members: dict[int, list[str]] = {}
    for org_id, email in Membership.objects.filter(
        product=PRODUCT, role="gestionnaire", user__is_active=True
    ).values_list("organisation_id", "user__email"):
        members.setdefault(org_id, []).append(email)
    out: dict[int, list[str]] = {}
    for network_id, org_id in links:
        for email in members.get(org_id, []):
            if email not in out.setdefault(network_id, []):
                out[network_id].append(email)
    return out


# ---------------------------------------------------------------------------------------------
# Prospects: condominiums of the registry within 200 m of an operator's networks
# ---------------------------------------------------------------------------------------------

PROSPECT_DISTANCE_M = 200


@dataclass(frozen=True)
class Prospect:
    copropriete: Copropriete
    network: Network
    distance_m: int


@dataclass(frozen=True)
class ProspectFilters:
    network_id: int | None = None
    heating_type: str = ""
    heating_energy: str = ""
    min_dwellings: int | None = None
    construction_period: str = ""
    q: str = ""


def prospect_list(*, user, filters: ProspectFilters) -> list[Prospect]:
    """Nearest operator network per condominium, distance in Lambert-93 metres (rounded). The
    registry is narrowed by the indexed Lambert-93 columns to each network's box grown by 200 m,
    then the exact distance is computed with shapely on the network's trace."""
    import numpy as np
    import shapely

    if not getattr(user, "is_authenticated", False):
        return []
    orgs = organisation_ids(user, "gestionnaire")
    networks_ids, _ = operator_network_ids(orgs)
    if user.is_staff and not orgs:
        networks_ids = set(Network.objects.filter(has_trace=True).values_list("pk", flat=True))
    networks = Network.objects.filter(pk__in=networks_ids, has_trace=True, trace__isnull=False)
    if filters.network_id:
        networks = networks.filter(pk=filters.network_id)
    best: dict[int, Prospect] = {}
    for network in networks:
        trace = shapely.from_wkb(bytes(network.trace.wkb))
        xmin, ymin, xmax, ymax = trace.bounds
        d = PROSPECT_DISTANCE_M
        copros = Copropriete.objects.filter(
            x_l93__gte=xmin - d, x_l93__lte=xmax + d, y_l93__gte=ymin - d, y_l93__lte=ymax + d
        )
        if filters.heating_type:
            copros = copros.filter(heating_type=filters.heating_type)
        if filters.heating_energy:
            copros = copros.filter(heating_energy=filters.heating_energy)
        if filters.construction_period:
            copros = copros.filter(construction_period=filters.construction_period)
        if filters.min_dwellings:
            copros = copros.filter(dwellings_count__gte=filters.min_dwellings)
        if filters.q.strip():
            q = filters.q.strip()
            copros = copros.filter(Q(name__icontains=q) | Q(address__icontains=q) | Q(syndic__icontains=q))
        copros = list(copros)
        if not copros:
            continue
        points = shapely.points(np.array([c.x_l93 for c in copros]), np.array([c.y_l93 for c in copros]))
        distances = shapely.distance(trace, points)
        for copro, distance in zip(copros, distances, strict=True):
            rounded = int(np.floor(distance + 0.5))
            if rounded <= d and (copro.pk not in best or rounded < best[copro.pk].distance_m):
                best[copro.pk] = Prospect(copropriete=copro, network=network, distance_m=rounded)
    return sorted(best.values(), key=lambda p: (p.distance_m, p.copropriete.registry_id))


# ---------------------------------------------------------------------------------------------
# Ambassadors, bulk tests
# ---------------------------------------------------------------------------------------------


def network_ambassadors(*, network) -> QuerySet[Ambassador]:
    return Ambassador.objects.filter(
        active=True, demand__network=network, demand__status=DemandStatus.REALISE
    ).order_by("display_name")


def ambassador_get(*, pk: int) -> Ambassador | None:
    return (
        Ambassador.objects.filter(pk=pk, active=True, demand__status=DemandStatus.REALISE)
        .select_related("demand__network")
        .first()
    )


def ambassador_of(*, demand) -> Ambassador | None:
    return Ambassador.objects.filter(demand=demand).first()


def bulk_tests_of(*, user) -> QuerySet[BulkTest]:
    return BulkTest.objects.filter(owner=user).order_by("-created_at")


def can_view_bulk_test(user, bulk) -> bool:
    return bulk is not None and getattr(user, "is_authenticated", False) and (user.is_staff or bulk.owner_id == user.pk)
