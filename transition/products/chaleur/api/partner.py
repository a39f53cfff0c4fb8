"""Partner API for network operators (mounted at /chaleur/api/v2/): the demands of their networks.

Authentication: `Authorization: Bearer <token>`, one token per organisation, created in the
back-office (/chaleur/pro/api); only its SHA-256 is stored. Rate limited per client IP.
A status change goes through the back-office's own service (same rules, same email to the
requester), for the organisation.
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.utils import timezone
from ninja import Router, Status
from ninja.security import HttpBearer

from transition.platform.accounts.ratelimit import RateLimited, rate_limit_check

from ..domain.demand_status import STATUS_LABELS, DemandStatus
from ..domain.tokens import token_hash
from ..models import Demand, PartnerToken
from ..permissions import demands_of_operators
from ..services.back_office import demand_update_by_partner
from .schemas import DemandListOut, DemandOut, DemandUpdateIn, Error, demand_out

router = Router(tags=["France Chaleur Urbaine — partenaires"])


class PartnerAuth(HttpBearer):
    def authenticate(self, request, token):
        found = PartnerToken.objects.select_related("organisation").filter(token_hash=token_hash(token)).first()
        if found is None:
            return None
        PartnerToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        return found.organisation


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
    demands = demands_of_operators([request.auth.pk]).select_related("network")
    if updated_since is not None:
        demands = demands.filter(updated_at__gt=updated_since)
    demands = demands.order_by("updated_at", "pk")
    return Status(200, {"count": demands.count(), "results": [demand_out(d) for d in demands[offset : offset + limit]]})


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
        demand = demand_update_by_partner(
            organisation=request.auth, demand=demand, status=payload.status, comment=payload.comment or ""
        )
    except PermissionDenied:
        return Status(404, {"message": "Demande introuvable."})
    except ValidationError as exc:
        return Status(400, {"message": " ".join(exc.messages)})
    return Status(200, demand_out(demand))
