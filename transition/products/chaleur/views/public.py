"""Public pages: test an address, its result, the map, the networks and a network's page."""

import math
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from transition.platform.ui.sitemap import in_sitemap

from .. import selectors_networks as selectors
from ..domain.eligibility_messages import HEATING_LABELS, PDP_TEXT, Heating, result_message
from ..selectors_networks import AddressNotFound, GeocoderUnavailable

PAGE_SIZE = 25


def _heating(raw: str | None) -> Heating:
    return Heating.INDIVIDUAL if raw == Heating.INDIVIDUAL else Heating.COLLECTIVE


@require_GET
@in_sitemap("Tester une adresse")
def home(request):
    return render(
        request,
        "chaleur/public/home.html",
        {
            "title": "Tester une adresse",
            "heating_choices": list(HEATING_LABELS.items()),
            "heating": Heating.COLLECTIVE,
            "autocomplete_url": reverse("api:chaleur_address_search"),
        },
    )


def _float(raw: str | None, low: float, high: float) -> float | None:
    try:
        value = float(raw) if raw else None
    except ValueError:
        return None
    return value if value is not None and math.isfinite(value) and low <= value <= high else None


@require_GET
def result(request):
    """The answer for one address. A position chosen in the autocomplete list comes with its lon,
    lat, label and citycode; a typed address is geocoded here."""
    query = request.GET.get("adresse", "").strip()
    heating = _heating(request.GET.get("chauffage"))
    context = {
        "title": "Résultat du test",
        "query": query,
        "heating": heating,
        "heating_label": HEATING_LABELS[heating],
        "heating_choices": list(HEATING_LABELS.items()),
        "autocomplete_url": reverse("api:chaleur_address_search"),
    }
    lon, lat = _float(request.GET.get("lon"), -180, 180), _float(request.GET.get("lat"), -90, 90)
    citycode = request.GET.get("citycode", "").strip()[:5]
    try:
        if lon is not None and lat is not None and query:
            answer = selectors.eligibility_for_coordinates(lon=lon, lat=lat, citycode=citycode or None)
            label = request.GET.get("label", query)[:255]
        elif query:
            found = selectors.eligibility_for_address(query)
            answer, label, citycode = found.result, found.label, found.citycode
        else:
            raise AddressNotFound("Saisissez l’adresse à tester.")
    except AddressNotFound as exc:
        return render(
            request, "chaleur/public/home.html", {**context, "title": "Tester une adresse", "error": str(exc)}
        )
    except (GeocoderUnavailable, selectors.CommuneUnavailable) as exc:
        message = (
            "Le service de recherche d’adresses ne répond pas pour le moment. Réessayez dans quelques instants. "
            f"({exc})"
        )
        return render(request, "chaleur/public/home.html", {**context, "title": "Tester une adresse", "error": message})

    network = answer.network
    message = result_message(
        answer.type,
        heating,
        distance_m=answer.distance_m,
        network_name=network.name if network else "",
        mise_en_service=network.mise_en_service if network else "",
    )
    demand_query = urlencode(
        {"lat": answer.lat, "lon": answer.lon, "label": label, "citycode": citycode or "", "heating": heating.value}
    )
    return render(
        request,
        "chaleur/public/result.html",
        {
            **context,
            "label": label,
            "answer": answer,
            "network": network,
            "message": message,
            "pdp_text": PDP_TEXT,
            "demand_query": demand_query,
            "map_query": urlencode({"lat": f"{answer.lat:.6f}", "lon": f"{answer.lon:.6f}", "zoom": 16}),
        },
    )


@require_GET
@in_sitemap("Carte des réseaux")
def network_map(request):
    return render(
        request,
        "chaleur/public/map.html",
        {
            "title": "Carte des réseaux de chaleur et de froid",
            "tiles_url": settings.MAP_TILES_URL,
            "tiles_attribution": settings.CHALEUR_MAP_TILES_ATTRIBUTION,
            "operators": selectors.operator_names(),
            "layers": selectors.LAYERS,
        },
    )


@require_GET
@in_sitemap("Liste des réseaux")
def network_list(request):
    search = request.GET.get("q", "").strip()[:100]
    sort = request.GET.get("tri", "nom")
    kind = request.GET.get("type", "")
    page = Paginator(selectors.network_list(search=search, sort=sort, kind=kind), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    keep = {k: v for k, v in {"q": search, "tri": sort, "type": kind}.items() if v}
    return render(
        request,
        "chaleur/public/network_list.html",
        {
            "title": "Réseaux de chaleur et de froid",
            "page": page,
            "search": search,
            "sort": sort if sort in selectors.SORTS else "nom",
            "kind": kind,
            "sorts": [(key, label) for key, (label, _) in selectors.SORTS.items()],
            "keep_query": urlencode(keep),
        },
    )


@require_GET
def network_detail(request, national_id: str):
    network = selectors.network_get(national_id)
    if network is None:
        raise Http404("Réseau inconnu")
    details = selectors.network_details(network)
    return render(
        request,
        "chaleur/public/network_detail.html",
        {"title": network.name or network.national_id, "network": network, **details},
    )
