from django.http import Http404
from django.shortcuts import render

from transition.platform.core.registry import product as find_product
from transition.platform.ui.sitemap import in_sitemap


@in_sitemap("Statistiques")
def index(request):
    return render(request, "impact/index.html", {"title": "Statistiques"})


def product(request, product_slug):
    if product_slug != "portail" and not find_product(product_slug):
        raise Http404
    return render(request, "impact/index.html", {"title": "Statistiques"})
