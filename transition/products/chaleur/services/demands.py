"""Connection demands sent by the public: their eligibility computed here from the coordinates
(never taken from the page), their routing, their first status."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from transition.platform.audit.services import event_record

from ..domain.demand_status import initial_status
from ..enums import PRODUCT, DemandEventKind
from ..models import Demand, DemandEvent
from ..notifications import notify_demand_created
from ..selectors.demands import agency_for_citycode, routed_network
from ..selectors.eligibility import commune_of_point, eligibility_snapshot

__all__ = ["DemandInput", "demand_create"]


@dataclass(frozen=True)
class DemandInput:
    first_name: str
    last_name: str
    email: str
    phone: str
    structure_type: str
    company: str
    heating_energy: str
    heating_type: str
    dwellings_count: int | None
    surface_m2: int | None
    comment: str
    wants_operator_contact: bool
    wants_agency_advice: bool


def demand_create(
    *, lon: float, lat: float, address: str, citycode: str, data: DemandInput, requester=None, geocoder=None
) -> Demand:
    """A connection request. Its eligibility is computed here from the coordinates, it is routed to
    the network when eligible or closer than 500 m, starts "À traiter" when eligible and "Non
    réalisable" otherwise; the person gets a confirmation and, when asked, the local energy agency
    gets the request. The commune comes from reverse geocoding; the page's code only when the
    geocoder knows nothing there (the snapshot says which)."""
    citycode, citycode_source = commune_of_point(lon=lon, lat=lat, given=citycode, geocoder=geocoder)
    snapshot = eligibility_snapshot(lon=lon, lat=lat, citycode=citycode)
    snapshot["citycode_source"] = citycode_source
    network, future = routed_network(snapshot)
    # Without a network to take it, the demand is kept (and no operator can be asked for).
    if (network or future) and not (data.wants_operator_contact or data.wants_agency_advice):
        raise ValidationError(
            "Choisissez au moins un contact : le gestionnaire du réseau ou l’agence locale de l’énergie."
        )
    agency = agency_for_citycode(citycode) if data.wants_agency_advice else None
    status = initial_status(eligible=snapshot["eligible"])
    now = timezone.now()
    with transaction.atomic():
        demand = Demand.objects.create(
            created_at=now,
            updated_at=now,
            requester=requester if getattr(requester, "is_authenticated", False) else None,
            first_name=data.first_name,
            last_name=data.last_name,
            email=data.email.lower(),
            phone=data.phone,
            structure_type=data.structure_type,
            company=data.company,
            address=address,
            citycode=citycode,
            lon=lon,
            lat=lat,
            heating_energy=data.heating_energy,
            heating_type=data.heating_type,
            dwellings_count=data.dwellings_count,
            surface_m2=data.surface_m2,
            comment=data.comment,
            eligibility_type=snapshot["type"],
            eligible=snapshot["eligible"],
            distance_m=snapshot["distance_m"],
            in_pdp=snapshot["in_pdp"],
            eligibility_snapshot=snapshot,
            network=network,
            network_under_construction=future,
            status=status,
            wants_operator_contact=data.wants_operator_contact,
            wants_agency_advice=data.wants_agency_advice,
            agency=agency,
        )
        DemandEvent.objects.create(
            demand=demand, created_at=now, kind=DemandEventKind.CREATED, to_status=status, text="Demande envoyée."
        )
        event_record(
            actor=requester,
            action="chaleur.demand_create",
            target=demand,
            payload={"status": status, "network_id": network.pk if network else None, "eligible": snapshot["eligible"]},
            product=PRODUCT,
        )
        notify_demand_created(demand=demand, network=network or future, agency=agency)
    return demand
