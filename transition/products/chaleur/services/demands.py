"""Connection demands sent by the public: their eligibility computed here from the coordinates
(never taken from the page), their routing, their first status."""

import dataclasses
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from transition.platform.audit.services import event_record
from transition.platform.core.spreadsheets import clean_text

from ..domain.demand_status import initial_status
from ..enums import PRODUCT, DemandEventKind
from ..models import Demand, DemandEvent
from ..notifications import notify_demand_created
from ..selectors.demands import agency_for_citycode, routed_network
from ..selectors.eligibility import eligibility_snapshot, place_of_point

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


def _line(text: str, max_length: int) -> str:
    return clean_text(text or "", keep_newlines=False).strip()[:max_length]


def _cleaned(data: DemandInput) -> DemandInput:
    """The public's text without control characters (one `\\x01` used to break every export
    holding the demand), single-line fields on one line."""
    return dataclasses.replace(
        data,
        first_name=_line(data.first_name, 150),
        last_name=_line(data.last_name, 150),
        phone=_line(data.phone, 30),
        company=_line(data.company, 255),
        comment=clean_text(data.comment or "").strip(),
    )


def demand_create(*, lon: float, lat: float, citycode: str, data: DemandInput, requester=None, geocoder=None) -> Demand:
    """A connection request. Its eligibility is computed here from the coordinates, it is routed to
    the network when eligible or closer than 500 m, starts "À traiter" when eligible and "Non
    réalisable" otherwise; the person gets a confirmation and, when asked, the local energy agency
    gets the request. The commune and the address come from reverse geocoding on the server (the
    page's commune code only when the geocoder knows nothing there, the snapshot says which; the
    page's label never: it would carry anyone's text to the confirmation email)."""
    data = _cleaned(data)
    place = place_of_point(lon=lon, lat=lat, given=citycode, geocoder=geocoder)
    citycode = place.citycode
    snapshot = eligibility_snapshot(lon=lon, lat=lat, citycode=citycode)
    snapshot["citycode_source"] = place.citycode_source
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
            address=place.address,
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
