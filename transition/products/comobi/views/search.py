"""The public search: drivers going the passenger's way, anonymised, by band, on a map."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from transition.platform.accounts.ratelimit import RateLimited, rate_limit_check

from ..domain.matching import Need
from ..forms.requests import SearchForm
from ..selectors.search import banded
from ..selectors.search import search as search_matches
from .common import territory_context, territory_or_404
from .maps import search_map_data


def minutes(value):
    return None if value is None else value.hour * 60 + value.minute


@require_GET
def search(request, slug):
    territory = territory_or_404(request, slug)
    form = SearchForm(request.GET or None, territory=territory)
    context = territory_context(request, territory, title="Trouver un conducteur", form=form)
    if form.is_bound and form.is_valid():
        try:
            rate_limit_check(scope="comobi_search", request=request)
        except RateLimited as exc:
            form.add_error(None, exc.message)
            return render(request, "comobi/search/search.html", context, status=429)
        data = form.cleaned_data
        need = Need(
            origin=data["origin"].point,
            destination=data["destination"].point,
            day=data["day"],
            leave_after_min=minutes(data.get("leave_after")),
            arrive_before_min=minutes(data.get("arrive_before")),
        )
        found = search_matches(territory=territory, need=need)
        ask = {
            "origin": data["origin"].label,
            "destination": data["destination"].label,
            "day": data["day"].isoformat(),
        }
        context.update(
            searched=True,
            total=len(found),
            bands=banded(found),
            origin=data["origin"],
            destination=data["destination"],
            map_data=search_map_data(data["origin"], data["destination"], found),
            ask_url=f"{reverse('comobi:request_create', args=[territory.slug])}?{urlencode(ask)}",
        )
    return render(request, "comobi/search/search.html", context)
