"""The networks: their map, their list, a network's page."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from transition.platform.accounts import permissions
from transition.platform.ui.sitemap import in_sitemap

from ..selectors import networks as selectors
from ..selectors.ambassadors import network_ambassadors
from ..selectors.map_layers import LAYERS
from ..selectors.network_pages import network_page_extras

PAGE_SIZE = 25


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
            "operators": selectors.operator_names(),
            "layers": LAYERS,
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
    return render(
        request,
        "chaleur/public/network_detail.html",
        {
            "title": network.name or network.national_id,
            "network": network,
            "ambassadors": list(network_ambassadors(network=network)),
            **selectors.network_details(network),
            **network_page_extras(user=request.user, network=network),
        },
    )
