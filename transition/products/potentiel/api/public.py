"""Potentiel's API for the State's and partners' software (token of scope `potentiel:lecture`).

GET /potentiel/api/v1/projets/{identifiant}   one project (identifiant `AO#Période#Famille#NuméroCRE`,
                                              URL-encoded: `#` is `%23`)
GET /potentiel/api/v1/projets                 the list, filtered by `appelOffre`, `periode`, `statut`
                                              and `updated_since` (ISO 8601), paged by `after`
A token of a DREAL's organisation sees the projects of its région; any other, every project.
"""

import datetime as dt

from django.core.exceptions import ObjectDoesNotExist
from django.utils.dateparse import parse_datetime
from django.utils.http import urlencode
from ninja import Query, Router, Schema

from transition.platform.accounts.api_tokens import ApiTokenAuth
from transition.platform.core.api import ApiError, ErrorOut

from ..domain.identifiers import InvalidIdentifier, parse
from ..enums import Statut
from ..models import Dreal, Projet
from ..selectors.referential import projet_rules
from .schemas import ProjetOut, ProjetsPageOut

router = Router(tags=["Potentiel"])
READ_SCOPE = "potentiel:lecture"
PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}

GUARANTEE_RELATIONS = ("garanties_actuelles", "depot_garanties", "garanties_attendues")


def _related(projet: Projet, name: str):
    try:
        return getattr(projet, name)
    except ObjectDoesNotExist:
        return None


def _garanties(projet: Projet) -> dict | None:
    """The current guarantees (`validé`, `échu`, `levé`); else a deposit awaiting the DREAL
    (`à-valider`); else guarantees the holder must deposit (`en-attente`); else what the
    candidature declared (`déclarées-à-la-candidature`); None when nothing is known."""
    actuelles = _related(projet, "garanties_actuelles")
    if actuelles is not None:
        return {"type": actuelles.type, "dateEcheance": actuelles.date_echeance, "statut": actuelles.status}
    depot = _related(projet, "depot_garanties")
    if depot is not None:
        return {"type": depot.type, "dateEcheance": depot.date_echeance, "statut": "à-valider"}
    if _related(projet, "garanties_attendues") is not None:
        return {"type": projet.type_garanties or None, "dateEcheance": None, "statut": "en-attente"}
    if not projet.type_garanties:
        return None
    return {
        "type": projet.type_garanties,
        "dateEcheance": projet.date_echeance_garanties,
        "statut": "déclarées-à-la-candidature",
    }


def projet_out(projet: Projet) -> dict:
    try:
        unit = projet_rules(projet).unite_puissance
    except LookupError:
        unit = None
    return {
        "identifiant": projet.identifiant,
        "appelOffre": projet.appel_offres_id,
        "periode": projet.periode.identifiant,
        "famille": projet.famille,
        "numeroCRE": projet.numero_cre,
        "nomProjet": projet.nom_projet,
        "statut": projet.statut,
        "statutLaureat": projet.statut_laureat or None,
        "dateNotification": projet.date_notification,
        "dateAchevementPrevisionnelle": projet.date_achevement_previsionnelle,
        "puissance": float(projet.puissance),
        "unitePuissance": unit,
        "cahierDesCharges": projet.cahier_des_charges,
        "region": projet.region or None,
        "garantiesFinancieres": _garanties(projet),
        "misAJourLe": projet.updated_at,
    }


def _visible(request):
    projets = Projet.objects.select_related("appel_offres", "periode", *GUARANTEE_RELATIONS)
    dreal = Dreal.objects.filter(organisation=request.auth.organisation).first()
    if dreal is not None:
        projets = projets.filter(region=dreal.region)
    return projets


@router.get(
    "/projets/{path:identifiant}",
    auth=ApiTokenAuth(scope=READ_SCOPE),
    response={200: ProjetOut, **ERRORS},
    summary="Un projet",
)
def projet_get(request, identifiant: str):
    try:
        ident = parse(identifiant)
    except InvalidIdentifier as exc:
        raise ApiError(400, "bad_request", str(exc)) from None
    projet = _visible(request).filter(identifiant=str(ident)).first()
    if projet is None:
        raise ApiError(404, "not_found", "Aucun projet avec cet identifiant.")
    return projet_out(projet)


class ProjetsFilters(Schema):
    appelOffre: str | None = None
    periode: str | None = None
    statut: str | None = None
    updated_since: str | None = None
    after: int | None = None
    limit: int = PAGE_SIZE


@router.get(
    "/projets",
    auth=ApiTokenAuth(scope=READ_SCOPE),
    response={200: ProjetsPageOut, **ERRORS},
    summary="Les projets, filtrés et paginés",
)
def projets_list(request, filters: Query[ProjetsFilters]):
    projets = _visible(request)
    if filters.appelOffre:
        projets = projets.filter(appel_offres_id=filters.appelOffre)
    if filters.periode:
        projets = projets.filter(periode__identifiant=filters.periode)
    if filters.statut:
        if filters.statut not in Statut.values:
            raise ApiError(
                422,
                "invalid",
                "Statut inconnu.",
                [{"field": "statut", "message": f"Valeurs possibles : {', '.join(Statut.values)}."}],
            )
        projets = projets.filter(statut=filters.statut)
    if filters.updated_since:
        since = parse_datetime(filters.updated_since.replace(" ", "+"))
        if since is None:
            raise ApiError(
                422,
                "invalid",
                "Date invalide.",
                [
                    {
                        "field": "updated_since",
                        "message": "Attendu : une date et heure ISO 8601, ex. 2025-01-31T00:00:00Z.",
                    }
                ],
            )
        if since.tzinfo is None:
            since = since.replace(tzinfo=dt.UTC)
        projets = projets.filter(updated_at__gte=since)
    if not 1 <= filters.limit <= MAX_PAGE_SIZE:
        raise ApiError(
            422, "invalid", "Taille de page invalide.", [{"field": "limit", "message": f"Entre 1 et {MAX_PAGE_SIZE}."}]
        )
    count = projets.count()  # of the filtered list, whatever the page
    if filters.after is not None:
        projets = projets.filter(pk__gt=filters.after)
    page = list(projets.order_by("pk")[: filters.limit + 1])
    has_more = len(page) > filters.limit
    page = page[: filters.limit]
    next_url = None
    if has_more:
        params = {k: v for k, v in filters.dict().items() if v is not None and k != "after"}
        next_url = f"{request.path}?{urlencode({**params, 'after': page[-1].pk})}"
    return {"count": count, "next": next_url, "results": [projet_out(p) for p in page]}
