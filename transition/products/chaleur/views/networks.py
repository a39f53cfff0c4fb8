"""Public pages: test an address, its result, the map, the networks and a network's page."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from transition.platform.accounts import permissions
from transition.platform.ui.sitemap import in_sitemap

from .. import selectors_networks as selectors
from ..domain.eligibility_messages import HEATING_LABELS, PDP_TEXT, Heating, result_message
from ..forms_networks import EligibilityTestForm
from ..services_demands import eligibility_test_count

PAGE_SIZE = 25


def _heating(raw: str | None) -> Heating:
    return Heating.INDIVIDUAL if raw == Heating.INDIVIDUAL else Heating.COLLECTIVE


@require_GET
@in_sitemap("Tester une adresse")
def home(request):
    return render(request, "chaleur/public/home.html", _form_context(EligibilityTestForm()))


def _form_context(form: EligibilityTestForm, error: str = "") -> dict:
    heating = form.cleaned_data.get("chauffage") if hasattr(form, "cleaned_data") else None
    return {
        "title": "Tester une adresse",
        "form": form,
        "error": error,
        "heating_choices": list(HEATING_LABELS.items()),
        "heating": heating or form.data.get("chauffage") or Heating.COLLECTIVE.value,
    }


def _with_position(query):
    """A result can also be linked with a known position: ?label=&lon=&lat=&citycode= (as other
    pages and partners build it) reads as an address picked in the autocomplete list."""
    if query.get("adresse_lon") or not (query.get("lon") and query.get("lat")):
        return query
    data = query.copy()
    label = (query.get("label") or query.get("adresse") or "").strip()
    data["adresse"] = data["adresse_label"] = label
    data["adresse_lon"], data["adresse_lat"] = query["lon"], query["lat"]
    data["adresse_citycode"] = query.get("citycode", "")
    return data


@require_GET
def result(request):
    """The answer for one address: picked in the autocomplete list (its position comes with it)
    or typed (the address field geocodes it)."""
    form = EligibilityTestForm(_with_position(request.GET))
    if not form.is_valid():
        return render(request, "chaleur/public/home.html", _form_context(form))
    address, heating = form.cleaned_data["adresse"], form.cleaned_data["chauffage"]
    try:
        answer = selectors.eligibility_for_coordinates(lon=address.lon, lat=address.lat, citycode=address.citycode)
    except selectors.CommuneUnavailable as exc:  # only without a citycode, which the field always gives
        return render(request, "chaleur/public/home.html", _form_context(form, str(exc)))
    eligibility_test_count(eligible=answer.eligible, source="page")
    network = answer.network
    message = result_message(
        answer.type,
        heating,
        distance_m=answer.distance_m,
        network_name=network.name if network else "",
        mise_en_service=network.mise_en_service if network else "",
    )
    demand_query = urlencode(
        {
            "lat": answer.lat,
            "lon": answer.lon,
            "label": address.label,
            "citycode": address.citycode or "",
            "heating": heating.value,
        }
    )
    return render(
        request,
        "chaleur/public/result.html",
        {
            "title": "Résultat du test",
            "label": address.label,
            "heating": heating,
            "heating_label": HEATING_LABELS[heating],
            "answer": answer,
            "network": network,
            "message": message,
            "pdp_text": PDP_TEXT,
            "demand_query": demand_query,
            "map_query": urlencode({"lat": f"{answer.lat:.6f}", "lon": f"{answer.lon:.6f}", "zoom": 16}),
        },
    )


def _extent_attribute(extent: tuple[float, float, float, float] | None) -> str:
    """west,south,east,north with a dot for decimals, whatever the page's locale."""
    return ",".join(f"{value:.6f}" for value in extent) if extent else ""


@require_GET
@in_sitemap("Carte des réseaux")
def network_map(request):
    # The "Mes demandes" layer: only for those the back-office lets see demands (same rule).
    can_see_demands = permissions.can(request.user, "chaleur.pro_access")
    return render(
        request,
        "chaleur/public/map.html",
        {
            "title": "Carte des réseaux de chaleur et de froid",
            "tiles_url": settings.MAP_TILES_URL,
            "tiles_attribution": settings.CHALEUR_MAP_TILES_ATTRIBUTION,
            "operators": selectors.operator_names(),
            "layers": selectors.LAYERS,
            "demands_url": reverse("chaleur:pro_demands_geojson") if can_see_demands else "",
            "extent": _extent_attribute(selectors.networks_extent_wgs84()),
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
