"""Grid operators' API (mounted at /potentiel/api/v1/grd/): their connection dossiers and the
commissioning dates they give.

Authentication: `Authorization: Bearer <token>`, a platform API token with the scope
« potentiel:grd » of the organisation tied to a grid operator (`GestionnaireReseau.organisation`).
A date goes through the same service as the pages (same rules, same audit), for the operator.
"""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Router, Schema

from transition.platform.accounts.api_tokens import ApiTokenAuth
from transition.platform.accounts.ratelimit import api_rate_limit
from transition.platform.core.api import API_ERRORS, ApiError

from ..domain.grid import GridRefused
from ..models import DossierRaccordement, GestionnaireReseau, Projet
from ..services.grid import mise_en_service_set

GRD_SCOPE = "potentiel:grd"
MAX_LIMIT = 1000

router = Router(tags=["Potentiel — gestionnaires de réseau"])


class DossierOut(Schema):
    identifiantProjet: str
    nomProjet: str
    commune: str
    referenceDossier: str
    dateAccuseReception: date | None
    dateMiseEnService: date | None
    miseAJour: datetime


class DossierListOut(Schema):
    count: int
    results: list[DossierOut]


class MiseEnServiceIn(Schema):
    identifiantProjet: str
    referenceDossier: str
    dateMiseEnService: date


def _operator(request) -> GestionnaireReseau:
    operator = GestionnaireReseau.objects.filter(organisation_id=request.auth.organisation_id).first()
    if operator is None:
        raise ApiError(403, "forbidden", "Votre organisation n’est rattachée à aucun gestionnaire de réseau.")
    return operator


def _out(d: DossierRaccordement) -> dict:
    projet = d.raccordement.projet
    return {
        "identifiantProjet": projet.identifiant,
        "nomProjet": projet.nom_projet,
        "commune": projet.commune,
        "referenceDossier": d.reference,
        "dateAccuseReception": d.dcr_date,
        "dateMiseEnService": d.mise_en_service,
        "miseAJour": d.updated_at,
    }


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(400, "invalid", message, errors=[{"field": field, "message": message}])


@router.get(
    "/dossiers",
    auth=ApiTokenAuth(scope=GRD_SCOPE),
    response={200: DossierListOut, **API_ERRORS},
    summary="Dossiers de raccordement de votre réseau",
    description=(
        "Les dossiers des projets raccordés à votre réseau, du plus anciennement modifié au plus récent. "
        "`updated_since` (date et heure ISO 8601 avec fuseau) ne renvoie que ceux modifiés depuis ; "
        "`sans_mise_en_service=true` ceux qui attendent leur date ; `limit` (1 000 au plus) et `offset` paginent."
    ),
)
@api_rate_limit("potentiel_grd_api")
def dossiers_list(
    request,
    updated_since: datetime | None = None,
    sans_mise_en_service: bool = False,
    limit: int = 100,
    offset: int = 0,
):
    if not 1 <= limit <= MAX_LIMIT:
        raise _invalid("limit", f"« limit » doit être entre 1 et {MAX_LIMIT}.")
    if offset < 0:
        raise _invalid("offset", "« offset » doit être positif.")
    if updated_since is not None and timezone.is_naive(updated_since):
        raise _invalid("updated_since", "« updated_since » doit préciser le fuseau horaire (par exemple +01:00 ou Z).")
    operator = _operator(request)
    dossiers = DossierRaccordement.objects.filter(raccordement__gestionnaire=operator).select_related(
        "raccordement__projet"
    )
    if updated_since is not None:
        dossiers = dossiers.filter(updated_at__gt=updated_since)
    if sans_mise_en_service:
        dossiers = dossiers.filter(mise_en_service__isnull=True)
    dossiers = dossiers.order_by("updated_at", "pk")
    return {"count": dossiers.count(), "results": [_out(d) for d in dossiers[offset : offset + limit]]}


@router.post(
    "/mises-en-service",
    auth=ApiTokenAuth(scope=GRD_SCOPE),
    response={200: DossierOut, **API_ERRORS},
    summary="Transmettre la date de mise en service d’un dossier",
    description=(
        "La date est transmise une fois ; elle ne peut être ni future ni antérieure à la désignation du projet. "
        "Une correction passe par la DGEC."
    ),
)
@api_rate_limit("potentiel_grd_api")
def mise_en_service(request, payload: MiseEnServiceIn):
    operator = _operator(request)
    projet = Projet.objects.filter(identifiant=payload.identifiantProjet).first()
    if projet is None:
        raise ApiError(404, "not_found", "Projet introuvable.")
    try:
        result = mise_en_service_set(
            user=None,
            projet=projet,
            reference=payload.referenceDossier,
            day=payload.dateMiseEnService,
            operator=operator,
            source="api",
        )
    except PermissionDenied:
        raise ApiError(403, "forbidden", "Ce dossier n’est pas raccordé à votre réseau.") from None
    except GridRefused as refused:
        raise ApiError(422, "refused", refused.message) from None
    return _out(result.dossier)
