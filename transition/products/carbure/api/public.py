"""The public API of CarbuRe: the template checker, for anyone, and for an entity's software.

POST /carbure/api/v1/lots/check with {"lots": [{template column: value}, ...]} (JSON) or the
template as multipart `file`. Without a token it runs every check that needs no account data;
with a token of scope `carbure:lots` it runs them all, as the token's entity.
"""

import json

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from ninja import Router
from pydantic import ValidationError as PydanticError

from transition.platform.accounts.api_tokens import ApiTokenAuth
from transition.platform.accounts.ratelimit import api_rate_limit
from transition.platform.core.api import PUBLIC_API_ERRORS, ApiError, ErrorOut
from transition.platform.core.imports import FileRefused

from ..models import Entity
from ..selectors.checker import file_rows, rows_check
from .schemas import CheckOut, LotsIn

router = Router(tags=["CarbuRe"])
LOTS_SCOPE = "carbure:lots"

CHECK_DESCRIPTION = """
Contrôle des lots du modèle CarbuRe, sans rien enregistrer.

Corps : `{"lots": [{"biocarburant_code": "ETH", "volume": 34500, ...}, ...]}` (colonnes du modèle,
téléchargeable sur /carbure/modele.xlsx), ou le fichier du modèle en `multipart/form-data` (champ
`file`, XLSX, ODS ou CSV). Réponse : un élément par lot, dans l’ordre, avec `row` (position du lot
dans la liste à partir de 1, ou numéro de ligne du fichier), les émissions et réductions calculées
et les erreurs (`blocking` : le lot ne pourrait pas être envoyé).

Sans jeton : tous les contrôles qui ne dépendent pas des données des comptes (certificats, dépôts,
agréments, déclarations, statistiques). Avec un jeton de portée `carbure:lots`
(`Authorization: Bearer …`) : tous les contrôles, pour l’entité du jeton.
"""

REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": LotsIn.model_json_schema()},
            "multipart/form-data": {
                "schema": {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
            },
        },
    }
}


def _entity_of(request) -> Entity | None:
    """None for an anonymous call; the token's entity otherwise (a wrong token is refused, never
    downgraded to anonymous)."""
    if "HTTP_AUTHORIZATION" not in request.META:
        return None
    token = ApiTokenAuth(scope=LOTS_SCOPE)(request)
    if not token:
        raise ApiError(401, "unauthenticated", "Jeton absent, invalide, expiré ou d’une autre portée que carbure:lots.")
    entity = Entity.objects.filter(organisation=token.organisation).select_related("organisation").first()
    if entity is None:
        raise ApiError(403, "forbidden", "L’organisation de ce jeton n’est pas une entité CarbuRe.")
    return entity


def _json_rows(request) -> list[tuple[int, dict]]:
    try:
        payload = LotsIn.model_validate(json.loads(request.body or b"null"))
    except RequestDataTooBig:
        raise ApiError(413, "too_large", "Requête trop volumineuse : envoyez le fichier en multipart.") from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError(400, "bad_request", "Le corps n’est pas du JSON valide.") from None
    except PydanticError as exc:
        errors = [{"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]} for e in exc.errors()[:20]]
        raise ApiError(422, "invalid", 'Attendu : {"lots": [{colonne: valeur}, …]}.', errors) from None
    limit = settings.CARBURE_CHECK_MAX_JSON_LOTS
    if len(payload.lots) > limit:
        raise ApiError(413, "too_large", f"{limit} lots au plus par requête JSON ; envoyez le fichier en multipart.")
    return list(enumerate(payload.lots, start=1))


def _file_rows(request) -> list[tuple[int, dict]]:
    upload = request.FILES.get("file")
    if upload is None:
        raise ApiError(
            422,
            "invalid",
            "Envoyez le modèle dans le champ « file ».",
            [{"field": "file", "message": "Ce champ est obligatoire."}],
        )
    try:
        return file_rows(upload, filename=upload.name or "lots.xlsx")
    except FileRefused as exc:
        raise ApiError(422, "invalid", exc.message, [{"field": "file", "message": exc.message}]) from None


@router.post(
    "/v1/lots/check",
    response={200: CheckOut, 413: ErrorOut, **PUBLIC_API_ERRORS, 401: ErrorOut, 403: ErrorOut},
    summary="Contrôler des lots avant de les déclarer",
    description=CHECK_DESCRIPTION,
    openapi_extra=REQUEST_BODY,
    auth=None,
)
@api_rate_limit("carbure_check")
def lots_check(request):
    entity = _entity_of(request)
    content_type = request.META.get("CONTENT_TYPE", "")
    rows = _file_rows(request) if content_type.startswith("multipart/") else _json_rows(request)
    checked = rows_check(rows, entity=entity)
    return {
        "lots": [
            {
                "row": c.row,
                "ghg_total": c.ghg_total,
                "ghg_reduction": c.ghg_reduction,
                "ghg_reduction_red_ii": c.ghg_reduction_red_ii,
                "errors": [e.__dict__ for e in c.errors],
            }
            for c in checked
        ]
    }
