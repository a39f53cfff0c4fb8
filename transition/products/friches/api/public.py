"""Public API of Friches (mounted at /friches/api/): mutability of a site as Mutafriches computes
it, the registry as CNIG CSV and GeoJSON, and the map's sites in a bounding box."""

import json
import math

from django.conf import settings
from django.urls import reverse
from ninja import Router

from transition.platform.accounts.ratelimit import api_rate_limit
from transition.platform.core.api import PUBLIC_API_ERRORS, ApiError
from transition.platform.core.spreadsheets import clean_text

from ..domain.mutability import mutability_ranking
from ..domain.mutability_input import evaluation_body_errors, site_from_evaluation_body
from ..domain.mutability_reliability import mutability_reliability
from ..exports import cnig_csv_response, geojson_response
from ..selectors.sites import SiteFilters, map_sites, site_list
from .schemas import MUTABILITY_BODY_SCHEMA, MutabilityOut

router = Router(tags=["Friches"])

MAX_BODY_BYTES = 64 * 1024
FILTER_PARAMETERS = [
    ("departement", "Code du département, par exemple 08."),
    ("commune", "Code INSEE ou nom de la commune."),
    ("statut", "Statut CNIG : friche potentielle, friche sans projet, friche avec projet, friche reconvertie…"),
    ("type", "Type de site CNIG (ancienne activité), par exemple friche industrielle."),
]


def mutability_payload(site: dict) -> dict:
    reliability = mutability_reliability(site)
    return {
        "resultats": [
            {
                "usage": r.usage,
                "rang": r.rank,
                "indiceMutabilite": r.index,
                "potentiel": r.potential,
                "avantages": r.advantages,
                "contraintes": r.constraints,
            }
            for r in mutability_ranking(site)
        ],
        "fiabilite": {
            "note": reliability.note,
            "text": reliability.text,
            "criteresRenseignes": reliability.criteria_filled,
            "poidsRenseignes": reliability.weight_filled,
        },
    }


@router.post(
    "/v1/mutabilite",
    url_name="friches_mutability",
    response={200: MutabilityOut, 413: dict, **PUBLIC_API_ERRORS},
    summary="Mutabilité d’une friche pour 7 usages (algorithme Mutafriches v1.11)",
    description=(
        "Prend le corps d’évaluation de Mutafriches (donneesEnrichies, donneesComplementaires, mêmes noms de "
        "valeurs) et rend l’indice de mutabilité de chaque usage (résidentiel, équipements, culture, tertiaire, "
        "industrie, renaturation, photovoltaïque), classés comme Mutafriches les classe, et la fiabilité du "
        "calcul (note sur 10 selon le poids des critères renseignés). Distances en mètres."
    ),
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": MUTABILITY_BODY_SCHEMA}}}
    },
)
@api_rate_limit("friches_api_mutability")
def mutability(request):
    # The body is read here rather than by a schema: "absent" and null mean different things to
    # the reliability (a key absent is not filled, null is), which a schema's defaults would blur.
    if len(request.body) > MAX_BODY_BYTES:
        raise ApiError(413, "too_large", f"Corps de requête trop volumineux ({MAX_BODY_BYTES // 1024} Ko au plus).")
    try:
        body = json.loads(request.body or b"null", parse_constant=_no_constant)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, "invalid_json", "Le corps de la requête doit être un objet JSON valide.") from None
    errors = evaluation_body_errors(body)
    if errors:
        raise ApiError(
            422,
            "invalid",
            "Données d’évaluation invalides.",
            errors=[{"field": f, "message": m} for f, m in errors],
        )
    return mutability_payload(site_from_evaluation_body(body["donneesEnrichies"], body.get("donneesComplementaires")))


def _no_constant(name: str):
    raise ValueError(f"{name} n’est pas un nombre JSON")


def _filters(request) -> SiteFilters:
    def param(name: str, length: int) -> str:
        # Control characters (a NUL byte: PostgreSQL refuses it in a text parameter) never match.
        return clean_text(request.GET.get(name, ""), keep_newlines=False).strip()[:length]

    return SiteFilters(
        departement=param("departement", 3).upper(),
        commune=param("commune", 100),
        status=param("statut", 30),
        site_type=param("type", 60),
    )


_FILTERS_OPENAPI = {
    "parameters": [
        {"in": "query", "name": name, "required": False, "schema": {"type": "string"}, "description": text}
        for name, text in FILTER_PARAMETERS
    ]
}


@router.get(
    "/v1/sites.csv",
    url_name="friches_sites_csv",
    response={200: None, **PUBLIC_API_ERRORS},
    summary="Registre des friches au standard CNIG (CSV)",
    description="Les sites du registre, un par ligne, dans les 51 colonnes du standard CNIG Friches v1.0.6.",
    openapi_extra=_FILTERS_OPENAPI,
)
@api_rate_limit("friches_api_export")
def sites_csv(request):
    return cnig_csv_response(site_list(_filters(request)))


@router.get(
    "/v1/sites.geojson",
    url_name="friches_sites_geojson",
    response={200: None, **PUBLIC_API_ERRORS},
    summary="Registre des friches (GeoJSON)",
    description="Les sites du registre : contour (ou point), et les champs du standard CNIG en propriétés.",
    openapi_extra=_FILTERS_OPENAPI,
)
@api_rate_limit("friches_api_export")
def sites_geojson(request):
    return geojson_response(site_list(_filters(request)))


def _bbox(raw: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(v) for v in raw.split(","))
    except ValueError:
        raise ApiError(
            422,
            "invalid",
            "Paramètres invalides.",
            [{"field": "bbox", "message": "Quatre nombres attendus : ouest,sud,est,nord."}],
        ) from None
    if not all(math.isfinite(v) for v in (west, south, east, north)) or not (
        -180 <= west < east <= 180 and -90 <= south < north <= 90
    ):
        raise ApiError(
            422, "invalid", "Paramètres invalides.", [{"field": "bbox", "message": "Emprise hors du monde ou vide."}]
        )
    return west, south, east, north


@router.get(
    "/v1/carte",
    url_name="friches_map",
    response={200: dict, **PUBLIC_API_ERRORS},
    summary="Sites dans une emprise (carte)",
    description="Les sites dont le point est dans l’emprise `bbox` (ouest,sud,est,nord en WGS84), filtrés, "
    "en GeoJSON ; `total` dit combien il y en a. Au-delà de ce que la carte montre un par un, `tronque` est "
    "vrai et les sites sont regroupés par case d’une grille (propriétés `groupe` et `nombre`).",
    openapi_extra={
        "parameters": [
            {
                "in": "query",
                "name": "bbox",
                "required": True,
                "schema": {"type": "string"},
                "description": "ouest,sud,est,nord",
            }
        ]
        + _FILTERS_OPENAPI["parameters"]
    },
)
@api_rate_limit("friches_api_map")
def map_geojson(request):
    view = map_sites(
        bbox=_bbox(request.GET.get("bbox", "")), filters=_filters(request), limit=settings.FRICHES_MAP_MAX_SITES
    )
    # The detail page's URL, built once: "/friches/sites/0/" -> "/friches/sites/" + pk + "/".
    detail = reverse("friches:site_detail", args=[0])[: -len("0/")]
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(s.lon, 6), round(s.lat, 6)]},
            "properties": {
                "id": s.pk,
                "nom": s.name,
                "statut": s.status,
                "type": s.site_type,
                "commune": s.commune,
                "surface_m2": s.surface_m2,
                "url": f"{detail}{s.pk}/",
            },
        }
        for s in view.sites
    ]
    features += [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(c.lon, 6), round(c.lat, 6)]},
            "properties": {"groupe": True, "nombre": c.count},
        }
        for c in view.clusters
    ]
    return {"type": "FeatureCollection", "total": view.total, "tronque": bool(view.clusters), "features": features}
