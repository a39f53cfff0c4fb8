"""What every JSON API of the platform shares: one error shape, in French.

Every error of every API answers

    {"code": "invalid", "message": "Paramètres invalides.", "errors": [{"field": "lat", "message": "…"}]}

with `errors` empty when no field is at fault. An operation raises `ApiError` (or lets ninja
raise its validation and authentication errors, translated here), and declares the errors it can
answer so that they are in the OpenAPI:

    @router.get("/thing", response={200: ThingOut, **API_ERRORS})
    @api_rate_limit("chaleur_api_eligibility")   # from transition.platform.accounts.ratelimit
    def thing(request, ...):
        raise ApiError(404, "not_found", "Aucun projet ne porte cet identifiant.")

`install_error_handlers(api)` is called once on the NinjaAPI (config/api.py); `ApiErrorMiddleware`
gives the same shape to what never reaches ninja (an unknown API path, a wrong method, a crash).
"""

import logging
import re

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from ninja import Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, ValidationError

logger = logging.getLogger(__name__)

# Paths served by the JSON API: /api/... (platform) and /<product>/api/... (products).
API_PATH = re.compile(r"^/(?:[a-z][a-z0-9_-]*/)?api/")


class FieldErrorOut(Schema):
    field: str
    message: str


class ErrorOut(Schema):
    code: str
    message: str
    errors: list[FieldErrorOut] = []


# Spread into an operation's `response=` so that every 4xx it can answer is in the OpenAPI.
API_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}
PUBLIC_API_ERRORS = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}

DEFAULT_MESSAGES = {
    400: ("bad_request", "Requête invalide."),
    401: ("unauthenticated", "Authentification requise : envoyez un jeton valide (en-tête Authorization: Bearer …)."),
    403: ("forbidden", "Vous n’avez pas les droits pour cette opération."),
    404: ("not_found", "Ressource introuvable."),
    405: ("method_not_allowed", "Méthode HTTP non autorisée pour cette adresse."),
    413: ("too_large", "Requête trop volumineuse."),
    422: ("invalid", "Paramètres invalides."),
    429: ("rate_limited", "Trop de requêtes : réessayez plus tard."),
    500: ("server_error", "Erreur interne : l’équipe est prévenue. Réessayez plus tard."),
    503: ("unavailable", "Service momentanément indisponible. Réessayez dans quelques instants."),
}


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        errors: list[dict] | None = None,
        headers: dict[str, str] | None = None,
    ):
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors or []
        self.headers = headers or {}
        super().__init__(message)


def error_payload(code: str, message: str, errors: list[dict] | None = None) -> dict:
    return {"code": code, "message": message, "errors": errors or []}


def error_response(
    status: int, code: str | None = None, message: str | None = None, errors=None, headers=None
) -> JsonResponse:
    default_code, default_message = DEFAULT_MESSAGES.get(status, ("error", "Erreur."))
    response = JsonResponse(error_payload(code or default_code, message or default_message, errors), status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


# Validation errors: pydantic's types, said in French ---------------------------------------------


def _field_name(loc) -> str:
    parts = [str(p) for p in loc if p not in ("query", "body", "path", "form", "header", "cookie", "file", "payload")]
    return ".".join(parts) or "requête"


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _french(error: dict) -> str:
    kind = error.get("type", "")
    ctx = {k: _number(v) for k, v in (error.get("ctx") or {}).items()}
    if kind == "missing":
        return "Ce champ est obligatoire."
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "Un nombre entier est attendu."
    if kind in ("float_parsing", "float_type", "decimal_parsing", "decimal_type", "finite_number"):
        return "Un nombre est attendu."
    if kind in ("bool_parsing", "bool_type"):
        return "Une valeur vraie ou fausse est attendue (true ou false)."
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type", "date_from_datetime_inexact"):
        return "Une date au format AAAA-MM-JJ est attendue."
    if kind in ("datetime_parsing", "datetime_type", "datetime_from_date_parsing", "timezone_aware"):
        return "Une date-heure ISO 8601 est attendue, par exemple 2026-01-31T08:00:00+01:00."
    if kind in ("time_parsing", "time_type"):
        return "Une heure au format HH:MM est attendue."
    if kind == "less_than_equal":
        return f"La valeur doit être inférieure ou égale à {ctx.get('le')}."
    if kind == "less_than":
        return f"La valeur doit être inférieure à {ctx.get('lt')}."
    if kind == "greater_than_equal":
        return f"La valeur doit être supérieure ou égale à {ctx.get('ge')}."
    if kind == "greater_than":
        return f"La valeur doit être supérieure à {ctx.get('gt')}."
    if kind == "string_too_long":
        return f"Le texte dépasse {ctx.get('max_length')} caractères."
    if kind == "string_too_short":
        return f"Le texte doit compter au moins {ctx.get('min_length')} caractère(s)."
    if kind == "string_pattern_mismatch":
        return "Le format de la valeur n’est pas celui attendu."
    if kind in ("string_type", "str_type"):
        return "Un texte est attendu."
    if kind in ("enum", "literal_error"):
        expected = ctx.get("expected")
        return f"Valeur non autorisée (valeurs possibles : {expected})." if expected else "Valeur non autorisée."
    if kind in ("list_type", "too_long", "too_short"):
        return "Une liste d’une taille acceptable est attendue."
    if kind in ("json_invalid", "json_type", "model_attributes_type", "dict_type", "model_type"):
        return "Le corps de la requête doit être un objet JSON valide."
    if kind == "value_error":
        # Our own validators raise ValueError with a French message.
        return str(ctx.get("error") or error.get("msg", "")).removeprefix("Value error, ") or "Valeur invalide."
    return "Valeur invalide."


def validation_errors(errors: list[dict]) -> list[dict]:
    return [{"field": _field_name(e.get("loc", ())), "message": _french(e)} for e in errors]


# Handlers -------------------------------------------------------------------------------------


def install_error_handlers(api) -> None:
    """Every exception an operation can raise answers the one shape."""

    def respond(request, status, code, message, errors=None, headers=None):
        response = api.create_response(request, error_payload(code, message, errors), status=status)
        for name, value in (headers or {}).items():
            response[name] = value
        return response

    @api.exception_handler(ApiError)
    def _api_error(request, exc: ApiError):
        return respond(request, exc.status, exc.code, exc.message, exc.errors, exc.headers)

    @api.exception_handler(ValidationError)
    def _validation(request, exc: ValidationError):
        return respond(request, 422, "invalid", DEFAULT_MESSAGES[422][1], validation_errors(exc.errors))

    @api.exception_handler(AuthenticationError)
    def _authentication(request, exc):
        return respond(request, 401, *DEFAULT_MESSAGES[401], headers={"WWW-Authenticate": "Bearer"})

    @api.exception_handler(AuthorizationError)
    def _authorization(request, exc):
        return respond(request, 403, *DEFAULT_MESSAGES[403])

    @api.exception_handler(PermissionDenied)
    def _permission(request, exc):
        return respond(request, 403, *DEFAULT_MESSAGES[403])

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return respond(request, 404, *DEFAULT_MESSAGES[404])

    @api.exception_handler(HttpError)
    def _http_error(request, exc: HttpError):
        code, message = DEFAULT_MESSAGES.get(exc.status_code, ("error", "Erreur."))
        return respond(request, exc.status_code, code, message)

    @api.exception_handler(Exception)
    def _crash(request, exc):
        logger.exception("API: erreur interne sur %s", request.path)
        return respond(request, 500, *DEFAULT_MESSAGES[500])


class ApiErrorMiddleware:
    """An API path answers JSON errors even when ninja never saw the request: an unknown path
    (Django's 404 page, its debug page in development), a method the route does not allow, a
    crash. Put it near the top of MIDDLEWARE so that it sees the final response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code >= 400 and API_PATH.match(request.path_info):
            content_type = response.get("Content-Type", "")
            if not content_type.startswith("application/json"):
                headers = {}
                if response.has_header("Allow"):
                    headers["Allow"] = response["Allow"]
                if response.has_header("Retry-After"):
                    headers["Retry-After"] = response["Retry-After"]
                status = response.status_code
                return error_response(status, headers=headers)
        return response
