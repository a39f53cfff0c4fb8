"""City pages, /chaleur/villes/<commune>: for elected officials and residents, what France Chaleur
Urbaine knows of a commune."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from transition.platform.ui.sitemap import in_sitemap

from ..selectors.cities import cities_with_networks, city_find, city_overview, city_url_key


@require_GET
def city_detail(request, commune: str):
    found, homonyms = city_find(commune)
    if found is None and homonyms:
        return render(
            request,
            "chaleur/cities/choose.html",
            {"title": "Plusieurs communes s’appellent ainsi", "homonyms": homonyms, "asked": commune},
        )
    if found is None:
        raise Http404("Commune inconnue")
    key = city_url_key(found)
    if key != commune:
        return redirect("chaleur:city", commune=key, permanent=True)
    overview = city_overview(found)
    return render(
        request,
        "chaleur/cities/detail.html",
        {"title": f"Les réseaux de chaleur à {found.name}", "commune": found, "o": overview},
    )


@require_GET
@in_sitemap("Les villes et leurs réseaux")
def city_list(request):
    return render(
        request,
        "chaleur/cities/list.html",
        {"title": "Les villes et leurs réseaux de chaleur", "cities": cities_with_networks()},
    )
