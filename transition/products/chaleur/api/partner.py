"""Partner API for network operators (mounted at /chaleur/api/v2/): the demands of their networks.

Authentication: `Authorization: Bearer <token>`, a platform API token of the organisation with the
scope "chaleur:demandes", issued at /compte/jetons/ by one of its operators (only its SHA-256 is
stored). Rate limited per client IP. A status change goes through the back-office's own service
(same rules, same email to the requester), for the organisation.
"""

import re
from datetime import datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Query, Router
from pydantic import WithJsonSchema

from transition.platform.accounts.api_tokens import ApiTokenAuth
from transition.platform.accounts.ratelimit import api_rate_limit
from transition.platform.core.api import API_ERRORS, ApiError

from ..domain.demand_status import STATUS_LABELS, DemandStatus
from ..enums import PARTNER_SCOPE
from ..models import Demand
from ..permissions import demands_of_operators
from ..services.back_office import demand_update_by_partner
from .schemas import DemandListOut, DemandOut, DemandUpdateIn, demand_out

router = Router(tags=["France Chaleur Urbaine — partenaires"])

MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000
# An ISO 8601 date-time with its offset, nothing else (no bare date, no Unix timestamp).
ISO_DATETIME = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|[+-][0-9]{2}:[0-9]{2})$"
ISO_DATETIME_MESSAGE = (
    "« updated_since » doit être une date-heure ISO 8601 avec son fuseau, par exemple 2026-01-31T08:00:00+01:00."
)
# Documented with its pattern, parsed by _since() (so that a mistake gets the message below).
IsoDateTimeText = Annotated[str, WithJsonSchema({"type": "string", "pattern": ISO_DATETIME})]
UPDATED_SINCE = Query(None, description="Date-heure ISO 8601 avec son fuseau.")
NOT_FOUND = ApiError(404, "not_found", "Demande introuvable.")


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(400, "invalid", message, errors=[{"field": field, "message": message}])


def _since(raw: str | None) -> datetime | None:
    if raw is None:
        return None
    if not re.fullmatch(ISO_DATETIME, raw):
        raise _invalid("updated_since", ISO_DATETIME_MESSAGE)
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise _invalid("updated_since", ISO_DATETIME_MESSAGE) from None


@router.get(
    "/demands",
    auth=ApiTokenAuth(scope=PARTNER_SCOPE),
    response={200: DemandListOut, **API_ERRORS},
    summary="Demandes de raccordement de vos réseaux",
    description=(
        "Les demandes affectées aux réseaux de votre organisation, de la plus anciennement modifiée à la plus "
        "récente. `updated_since` (date et heure ISO 8601, par exemple 2026-01-31T08:00:00+01:00) ne renvoie que "
        "celles modifiées depuis ; `limit` (1 000 au plus) et `offset` paginent."
    ),
)
@api_rate_limit("chaleur_partner_api")
def demands_list(
    request,
    updated_since: IsoDateTimeText | None = UPDATED_SINCE,
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
):
    since = _since(updated_since)
    demands = demands_of_operators([request.auth.organisation_id]).select_related("network")
    if since is not None:
        demands = demands.filter(updated_at__gt=since)
    demands = demands.order_by("updated_at", "pk")
    return {"count": demands.count(), "results": [demand_out(d) for d in demands[offset : offset + limit]]}


@router.patch(
    "/demands/{demand_id}",
    auth=ApiTokenAuth(scope=PARTNER_SCOPE),
    response={200: DemandOut, **API_ERRORS},
    summary="Mettre à jour le statut ou le commentaire d’une demande",
    description="Statuts : " + ", ".join(f"`{s.value}` ({STATUS_LABELS[s]})" for s in DemandStatus) + ".",
)
@api_rate_limit("chaleur_partner_api")
def demand_update(request, demand_id: int, payload: DemandUpdateIn):
    demand = Demand.objects.select_related("network").filter(pk=demand_id).first()
    if demand is None:
        raise NOT_FOUND
    if payload.status is not None and payload.status not in {s.value for s in DemandStatus}:
        raise _invalid("status", f"Statut inconnu : « {payload.status} ».")
    try:
        demand = demand_update_by_partner(
            organisation=request.auth.organisation, demand=demand, status=payload.status, comment=payload.comment or ""
        )
    except PermissionDenied:
        raise NOT_FOUND from None  # another organisation's demand: as if it did not exist
    except ValidationError as exc:
        raise ApiError(400, "invalid", " ".join(exc.messages)) from exc
    return demand_out(demand)
