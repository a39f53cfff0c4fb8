"""Reads of demands: the back-office's list, its filters and counts, who is told of which network's
demands, the agency covering a commune. Who may see what is permissions.py's."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from transition.platform.accounts.models import Membership, Organisation

from ..domain.agency_coverage import AgencyArea, covering_agency, normalise_departement
from ..domain.assignment import assigned_network_id
from ..domain.demand_status import STATUS_LABELS, DemandStatus
from ..enums import PRODUCT, Role
from ..models import Agency, Demand, Network, NetworkOperator, NetworkUnderConstruction
from ..permissions import demands_visible

__all__ = [
    "SORTS",
    "DemandFilters",
    "agency_for_citycode",
    "demand_list",
    "demand_networks",
    "demand_status_counts",
    "operator_emails_for_networks",
    "operator_display_name",
    "routed_network",
]


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
        product=PRODUCT, role=Role.GESTIONNAIRE, user__is_active=True
    ).values_list("organisation_id", "user__email"):
        members.setdefault(org_id, []).append(email)
    out: dict[int, list[str]] = {}
    for network_id, org_id in links:
        for email in members.get(org_id, []):
            if email not in out.setdefault(network_id, []):
                out[network_id].append(email)
    return out


def agency_for_citycode(citycode: str) -> Agency | None:
    """The active local energy agency covering this commune, if any."""
    areas = [
        AgencyArea(
            id=a.pk,
            communes=frozenset(str(c).strip().upper() for c in a.communes),
            departements=frozenset(normalise_departement(str(d)) for d in a.departements),
        )
        for a in Agency.objects.filter(active=True)
    ]
    agency_id = covering_agency(areas, citycode)
    return Agency.objects.get(pk=agency_id) if agency_id else None


def operator_display_name(user) -> str:
    """How an operator signs the emails it writes: its organisations, or else its name."""
    names = (
        Organisation.objects.filter(memberships__user=user, memberships__product=PRODUCT)
        .distinct()
        .values_list("name", flat=True)
    )
    return ", ".join(names) or user.get_full_name()


def routed_network(snapshot: dict) -> tuple[Network | None, NetworkUnderConstruction | None]:
    """The network (or network under construction) a demand with this eligibility snapshot goes
    to, by the assignment rule (domain/assignment.py); (None, None) when it waits for the team."""
    network_id = assigned_network_id(
        eligible=snapshot["eligible"], distance_m=snapshot["distance_m"], network_id=snapshot["network_id"]
    )
    if network_id is None:
        return None, None
    if snapshot["network_is_future"]:
        return None, NetworkUnderConstruction.objects.filter(pk=network_id).first()
    return Network.objects.filter(pk=network_id).first(), None
