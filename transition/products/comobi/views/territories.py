"""Public pages of territories: the list, a territory's home (with the search), its terms, its
figures."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from transition.platform.ui.sitemap import in_sitemap

from ..forms.requests import SearchForm
from ..kpis import territory_figures
from ..selectors.territories import territory_list
from .common import territory_context, territory_or_404


@require_GET
@in_sitemap("CoMobi — territoires")
def home(request):
    return render(
        request,
        "comobi/territories/home.html",
        {"title": "Covoiturage solidaire des territoires ruraux", "territories": list(territory_list(open_only=True))},
    )


@require_GET
def territory(request, slug):
    territory = territory_or_404(request, slug)
    form = SearchForm(territory=territory)
    return render(
        request,
        "comobi/territories/territory.html",
        territory_context(request, territory, title=territory.name, form=form),
    )


@require_GET
def terms(request, slug):
    territory = territory_or_404(request, slug)
    return render(
        request,
        "comobi/territories/terms.html",
        territory_context(request, territory, title=f"Conditions d’utilisation — {territory.name}"),
    )


@require_GET
def stats(request, slug):
    territory = territory_or_404(request, slug)
    return render(
        request,
        "comobi/territories/stats.html",
        territory_context(
            request, territory, title=f"Chiffres — {territory.name}", figures=territory_figures(territory)
        ),
    )
