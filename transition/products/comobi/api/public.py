"""CoMobi's public API (mounted at /comobi/api/v1/): the search, anonymised, and the place
suggestions of a territory's forms. Rate limited per IP; errors in the platform's one shape."""

import math
import re
from datetime import date
from typing import Annotated

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import WithJsonSchema

from transition.platform.accounts.ratelimit import api_rate_limit
from transition.platform.core.api import PUBLIC_API_ERRORS, ApiError
from transition.platform.geo.geocoding import feature_collection

from ..domain.matching import Need, Point
from ..models import Territory
from ..selectors.places import place_suggestions
from ..selectors.search import search as search_matches
from .schemas import SearchOut

router = Router(tags=["CoMobi"])
CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


# The bounds are documented in the schema; _coordinate() checks them with its own French messages.
Latitude = Annotated[float, WithJsonSchema({"type": "number", "minimum": -90, "maximum": 90})]
Longitude = Annotated[float, WithJsonSchema({"type": "number", "minimum": -180, "maximum": 180})]


class SearchQuery(Schema):
    from_lat: Latitude
    from_lon: Longitude
    to_lat: Latitude
    to_lon: Longitude
    date: date
    after: str | None = None
    before: str | None = None


def _territory(slug: str) -> Territory:
    territory = Territory.objects.filter(slug=slug, is_open=True).first()
    if territory is None:
        raise ApiError(404, "not_found", f"Aucun territoire ouvert à l’adresse « {slug[:50]} ».")
    return territory


def _clock(value: str | None, field: str, errors: list) -> int | None:
    if value in (None, ""):
        return None
    match = CLOCK.match(value.strip())
    if not match:
        errors.append({"field": field, "message": "Heure au format HH:MM attendue (ex. 08:30)."})
        return None
    return int(match.group(1)) * 60 + int(match.group(2))


def _coordinate(value: float, field: str, limit: float, errors: list) -> None:
    if not math.isfinite(value) or not -limit <= value <= limit:
        errors.append({"field": field, "message": f"Doit être compris entre -{limit:g} et {limit:g}."})


@router.get(
    "/{slug}/search",
    response={200: SearchOut, **PUBLIC_API_ERRORS},
    url_name="comobi_search",
    summary="Conducteurs qui peuvent prendre un passager (anonymisés)",
    description=(
        "Les trajets des conducteurs du territoire qui passent par le départ et l’arrivée demandés, le jour dit, "
        "classés par minutes de détour puis par proximité de l’heure souhaitée. Bandes : `0-5`, `5-20`, `20-45` "
        "minutes (borne basse incluse). `after` : prise en charge au plus tôt ; `before` : arrivée au plus tard. "
        "Le conducteur est présenté « Prénom N. » ; `direct_contact` dit s’il accepte d’être contacté directement "
        "(sinon, passer par le médiateur du territoire)."
    ),
)
@api_rate_limit("comobi_api_search")
def search(request: HttpRequest, slug: str, query: Query[SearchQuery]):
    territory = _territory(slug)
    errors: list[dict] = []
    for field, limit in (("from_lat", 90), ("from_lon", 180), ("to_lat", 90), ("to_lon", 180)):
        _coordinate(getattr(query, field), field, limit, errors)
    after = _clock(query.after, "after", errors)
    before = _clock(query.before, "before", errors)
    if after is not None and before is not None and before <= after:
        errors.append({"field": "before", "message": "L’arrivée au plus tard doit suivre le départ au plus tôt."})
    if errors:
        raise ApiError(422, "invalid", "Paramètres invalides.", errors=errors)
    need = Need(
        origin=Point(query.from_lat, query.from_lon),
        destination=Point(query.to_lat, query.to_lon),
        day=query.date,
        leave_after_min=after,
        arrive_before_min=before,
    )
    results = [
        {
            "offer_id": found.offer.pk,
            "driver": found.driver_name,
            "extra_minutes": found.match.extra_minutes,
            "band": found.match.band,
            "departure": found.departure,
            "pickup": found.pickup,
            "direct_contact": found.direct_contact,
        }
        for found in search_matches(territory=territory, need=need)
    ]
    return {"results": results}


@router.get(
    "/{slug}/places",
    response={200: dict, **PUBLIC_API_ERRORS},
    url_name="comobi_places",
    summary="Lieux du territoire et adresses (réponse GeoJSON de la BAN)",
    description="Les lieux-dits et communes du territoire dont un mot commence par `q`, puis des adresses.",
)
@api_rate_limit("comobi_api_places")
def places(request: HttpRequest, slug: str, q: str = "", limit: int = 5):
    territory = _territory(slug)
    if len(q) > 200:
        raise ApiError(
            422, "invalid", "Paramètres invalides.", errors=[{"field": "q", "message": "200 caractères au plus."}]
        )
    limit = max(1, min(limit, 10))
    results = place_suggestions(territory=territory, q=q, limit=limit)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [r.point.lon, r.point.lat]},
            "properties": {"label": r.label, "type": r.kind, "citycode": r.citycode},
        }
        for r in results
    ]
    collection = feature_collection([], query=q, limit=limit)
    collection["features"] = features
    return collection
