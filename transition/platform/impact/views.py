from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from transition.platform.ui.sitemap import in_sitemap

from . import selectors


@require_GET
@in_sitemap("Statistiques")
def index(request):
    overview = selectors.stats_overview(today=timezone.localdate())
    return render(request, "impact/index.html", {"title": "Statistiques", "overview": overview})


@require_GET
def product(request, product_slug):
    stats = selectors.product_stats(product_slug, today=timezone.localdate())
    if stats is None:
        raise Http404("Service inconnu")
    return render(request, "impact/product.html", {"title": f"Statistiques — {stats.name}", "stats": stats})
