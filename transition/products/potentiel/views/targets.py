"""`/potentiel/statistiques`: how far the projects go towards the national targets (public)."""

from django.shortcuts import render

from transition.platform.ui.sitemap import in_sitemap

from ..selectors.targets import statistics


@in_sitemap("Potentiel — les projets face aux objectifs nationaux")
def statistiques(request):
    return render(
        request,
        "potentiel/statistiques/page.html",
        {"title": "Potentiel — statistiques", "stats": statistics()},
    )
