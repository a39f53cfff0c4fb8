"""What the API says, per audience: the public API's eligibility answer and addresses, the partner
API's demands. Errors have the platform's one shape (platform/core/api.py)."""

from datetime import datetime

from ninja import Schema

from ..domain.demand_status import STATUS_LABELS, DemandStatus
from ..domain.eligibility_result import EligibilityResult
from ..models import Demand

__all__ = [
    "AddressOut",
    "DemandListOut",
    "DemandOut",
    "DemandUpdateIn",
    "EligibilityOut",
    "demand_out",
    "eligibility_out",
]


class EligibilityOut(Schema):
    isEligible: bool
    distance: int | None
    inPDP: bool
    futurNetwork: bool
    id: str | None
    name: str | None
    gestionnaire: str | None
    rateENRR: float | None
    rateCO2: float | None
    type: str
    isClasse: bool | None


def eligibility_out(result: EligibilityResult) -> dict:
    """The public API's form of an eligibility answer (the field names France Chaleur Urbaine's API uses)."""
    network = result.network
    return {
        "isEligible": result.eligible,
        "distance": result.distance_m,
        "inPDP": result.in_pdp,
        "futurNetwork": result.future_network,
        "id": (network.national_id or None) if network else None,
        "name": network.name or None if network else None,
        "gestionnaire": network.gestionnaire or None if network else None,
        "rateENRR": network.renewable_rate_pct if network else None,
        "rateCO2": network.co2_kg_per_kwh if network else None,
        "type": str(result.type),
        "isClasse": network.classified if network else None,
    }


class AddressOut(Schema):
    label: str
    citycode: str
    lon: float
    lat: float


class DemandOut(Schema):
    id: int
    reference: str
    created_at: datetime
    updated_at: datetime
    status: str
    status_label: str
    address: str
    citycode: str
    lon: float
    lat: float
    eligible: bool
    eligibility_type: str
    distance_m: int | None
    in_pdp: bool
    network_id: str | None
    structure_type: str
    company: str
    heating_energy: str
    heating_type: str
    dwellings_count: int | None
    surface_m2: int | None
    consumption_mwh: float | None
    first_name: str
    last_name: str
    email: str
    phone: str
    comment: str
    operator_comment: str


class DemandListOut(Schema):
    count: int
    results: list[DemandOut]


class DemandUpdateIn(Schema):
    status: str | None = None
    comment: str | None = None


def demand_out(d: Demand) -> dict:
    """What the partner API gives of a demand."""
    return {
        "id": d.pk,
        "reference": d.reference,
        "created_at": d.created_at,
        "updated_at": d.updated_at,
        "status": d.status,
        "status_label": STATUS_LABELS[DemandStatus(d.status)],
        "address": d.address,
        "citycode": d.citycode,
        "lon": d.lon,
        "lat": d.lat,
        "eligible": d.eligible,
        "eligibility_type": d.eligibility_type,
        "distance_m": d.distance_m,
        "in_pdp": d.in_pdp,
        "network_id": d.network.national_id if d.network else None,
        "structure_type": d.structure_type,
        "company": d.company,
        "heating_energy": d.heating_energy,
        "heating_type": d.heating_type,
        "dwellings_count": d.dwellings_count,
        "surface_m2": d.surface_m2,
        "consumption_mwh": float(d.consumption_mwh) if d.consumption_mwh is not None else None,
        "first_name": d.first_name,
        "last_name": d.last_name,
        "email": d.email,
        "phone": d.phone,
        "comment": d.comment,
        "operator_comment": d.operator_comment,
    }
