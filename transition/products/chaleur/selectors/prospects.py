"""Prospects: the condominiums of the registry near an operator's networks (domain/prospects.py
says how near), each with its nearest network."""

from dataclasses import dataclass

import numpy as np
import shapely
from django.db.models import Q, QuerySet

from transition.platform.accounts.permissions import has_staff_power

from ..domain.prospects import PROSPECT_DISTANCE_M, prospect_distance_m
from ..enums import Role
from ..models import Copropriete, Network
from ..permissions import operator_network_ids, organisation_ids

__all__ = ["PROSPECT_DISTANCE_M", "Prospect", "ProspectFilters", "prospect_list", "prospect_networks"]


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
    registry is narrowed by the indexed Lambert-93 columns to each network's box grown by the
    prospect distance, then the exact distance is computed with shapely on the network's trace."""
    if not getattr(user, "is_authenticated", False):
        return []
    orgs = organisation_ids(user, Role.GESTIONNAIRE)
    networks_ids, _ = operator_network_ids(orgs)
    if has_staff_power(user) and not orgs:
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
        for copro, distance in zip(copros, distances.tolist(), strict=True):
            shown = prospect_distance_m(distance)
            if shown is not None and (copro.pk not in best or shown < best[copro.pk].distance_m):
                best[copro.pk] = Prospect(copropriete=copro, network=network, distance_m=shown)
    return sorted(best.values(), key=lambda p: (p.distance_m, p.copropriete.registry_id))


def prospect_networks(*, user) -> QuerySet[Network]:
    """The networks the person operates, for the prospects' filter."""
    networks, _ = operator_network_ids(organisation_ids(user, Role.GESTIONNAIRE))
    return Network.objects.filter(pk__in=networks)
