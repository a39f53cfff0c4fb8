"""Public pages: the service's home, the map, the registry and a site's page with the fit of each use."""

import json

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from transition.platform.accounts import permissions
from transition.platform.ui.sitemap import in_sitemap

from ..domain.mutability_criteria import USAGE_LABELS
from ..domain.territory_names import departement_label
from ..enums import SiteStatus
from ..models import Site
from ..models.sites import SITE_TYPE_CHOICES
from ..selectors.guidance import site_suggestions
from ..selectors.sites import SiteFilters, site_list, site_mutability, sites_extent, status_counts

PAGE_SIZE = 25
STATUS_FILTERS = [
    (s.value, s.label)
    for s in (SiteStatus.POTENTIELLE, SiteStatus.SANS_PROJET, SiteStatus.AVEC_PROJET, SiteStatus.RECONVERTIE)
]


@require_GET
@in_sitemap("Friches")
def home(request):
    counts = status_counts()
    return render(
        request,
        "friches/public/home.html",
        {
            "title": "Reconvertir une friche",
            "site_count": sum(counts.values()),
            "reconverted_count": counts.get(SiteStatus.RECONVERTIE, 0),
            "can_create": permissions.can(request.user, "friches.site_create")
            if request.user.is_authenticated
            else False,
        },
    )


def _filters(request) -> SiteFilters:
    get = request.GET

    def number(name):
        raw = get.get(name, "").strip()
        return int(raw) if raw.isdigit() else None

    return SiteFilters(
        q=get.get("q", "").strip()[:100],
        status=get.get("statut", "") if get.get("statut") in SiteStatus.values else "",
        site_type=get.get("type", "")[:60],
        departement=get.get("departement", "").strip().upper()[:3],
        min_surface_m2=number("surface_min"),
        max_surface_m2=number("surface_max"),
    )


def _filter_context(request) -> dict:
    departements = Site.objects.order_by("departement").values_list("departement", flat=True).distinct()
    return {
        "statuses": STATUS_FILTERS,
        "site_types": SITE_TYPE_CHOICES,
        "departements": [(code, departement_label(code)) for code in departements],
        "query": request.GET,
    }


@require_GET
@in_sitemap("Carte des friches")
def site_map(request):
    return render(
        request,
        "friches/public/map.html",
        {
            "title": "Carte des friches",
            "extent": sites_extent(),
            "with_map": True,
            **_filter_context(request),
        },
    )


@require_GET
@in_sitemap("Registre des friches")
def site_list_view(request):
    filters = _filters(request)
    page = Paginator(
        site_list(filters).only("pk", "name", "commune_name", "status", "site_type", "surface_m2"), PAGE_SIZE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "friches/public/site_list.html",
        {
            "title": "Registre des friches",
            "page_obj": page,
            "querystring": query.urlencode(),
            "export_query": query.urlencode(),
            **_filter_context(request),
        },
    )


@require_GET
def site_detail(request, pk: int):
    site = get_object_or_404(Site.objects.select_related("organisation"), pk=pk)
    mutability = site_mutability(site)
    project = site.projects.filter(archived_at__isnull=True).first()
    user = request.user
    return render(
        request,
        "friches/public/site_detail.html",
        {
            "title": site.name,
            "site": site,
            "buildings": list(site.buildings.all()),
            "mutability": mutability,
            "best": mutability.ranking[0] if mutability.ranking and mutability.ranking[0].index > 0 else None,
            "suggestions": site_suggestions(site),
            "project": project,
            "can_change": permissions.can(user, "friches.site_change", site) if user.is_authenticated else False,
            "can_view_project": bool(project)
            and user.is_authenticated
            and permissions.can(user, "friches.project_view", project),
            "can_start_project": not project
            and user.is_authenticated
            and permissions.can(user, "friches.project_start", site),
            "outline": json.loads(site.outline.geojson) if site.outline else None,
            "intended_use_labels": [USAGE_LABELS[u] for u in site.intended_uses or () if u in USAGE_LABELS],
            "with_map": True,
        },
    )
