"""Partner API for network operators (mounted at /chaleur/api/v2/): the demands of their networks.

Authentication: `Authorization: Bearer <token>`, one token per organisation, created in the
back-office (/chaleur/pro/api); only its SHA-256 is stored. Rate limited per client IP.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.security import HttpBearer

from transition.platform.accounts.ratelimit import RateLimited, rate_limit_check

from . import selectors_demands, services_demands
from .domain.demand_status import STATUS_LABELS, DemandStatus
from .models import Demand, PartnerToken
from .models.demands import token_hash

router = Router(tags=["France Chaleur Urbaine — partenaires"])


class PartnerAuth(HttpBearer):
    def authenticate(self, request, token):
        found = PartnerToken.objects.select_related("organisation").filter(token_hash=token_hash(token)).first()
        if found is None:
            return None
        PartnerToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        return found.organisation


class Error(Schema):
    message: str


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


def _out(d: Demand) -> dict:
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


def _limited(request) -> JsonResponse | None:
    try:
        rate_limit_check(scope="chaleur_partner_api", request=request)
    except RateLimited as exc:
        response = JsonResponse({"message": exc.message}, status=429)
        response["Retry-After"] = str(exc.retry_after_s)
        return response
    return None


MAX_LIMIT = 1000


@router.get(
    "/demands",
    auth=PartnerAuth(),
    response={200: DemandListOut, 400: Error, 401: Error, 429: Error},
    summary="Demandes de raccordement de vos réseaux",
    description=(
        "Les demandes affectées aux réseaux de votre organisation, de la plus anciennement modifiée à la plus "
        "récente. `updated_since` (date et heure ISO 8601, par exemple 2026-01-31T08:00:00+01:00) ne renvoie que "
        "celles modifiées depuis ; `limit` (1 000 au plus) et `offset` paginent."
    ),
)
def demands_list(request, updated_since: datetime | None = None, limit: int = 100, offset: int = 0):
    if limited := _limited(request):
        return limited
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        return Status(400, {"message": f"« limit » doit être entre 1 et {MAX_LIMIT}, « offset » positif."})
    if updated_since is not None and timezone.is_naive(updated_since):
        return Status(400, {"message": "« updated_since » doit préciser le fuseau horaire (par exemple +01:00 ou Z)."})
    demands = selectors_demands.demands_for_organisations([request.auth.pk]).select_related("network")
    if updated_since is not None:
        demands = demands.filter(updated_at__gt=updated_since)
    demands = demands.order_by("updated_at", "pk")
    return Status(200, {"count": demands.count(), "results": [_out(d) for d in demands[offset : offset + limit]]})


@router.patch(
    "/demands/{demand_id}",
    auth=PartnerAuth(),
    response={200: DemandOut, 400: Error, 401: Error, 404: Error, 429: Error},
    summary="Mettre à jour le statut ou le commentaire d’une demande",
    description="Statuts : " + ", ".join(f"`{s.value}` ({STATUS_LABELS[s]})" for s in DemandStatus) + ".",
)
def demand_update(request, demand_id: int, payload: DemandUpdateIn):
    if limited := _limited(request):
        return limited
    demand = Demand.objects.select_related("network").filter(pk=demand_id).first()
    if demand is None:
        return Status(404, {"message": "Demande introuvable."})
    if payload.status is not None and payload.status not in {s.value for s in DemandStatus}:
        return Status(400, {"message": f"Statut inconnu : « {payload.status} »."})
    try:
        demand = services_demands.partner_demand_update(
            organisation=request.auth, demand=demand, status=payload.status, comment=(payload.comment or "").strip()
        )
    except PermissionDenied:
        return Status(404, {"message": "Demande introuvable."})
    except ValidationError as exc:
        return Status(400, {"message": " ".join(exc.messages)})
    return Status(200, _out(demand))
