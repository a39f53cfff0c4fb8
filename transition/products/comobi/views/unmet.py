"""Unmet requests: a list and a map of their origins and destinations, exportable."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from transition.platform.accounts import permissions

from ..domain.schedule_text import weekdays_text
from ..exports import unmet_requests_xlsx
from ..permissions import MEDIATE
from ..selectors.requests import unmet_requests
from .common import territory_context, territory_or_404
from .maps import unmet_map_data

MAX_SHOWN = 1000


@login_required
@require_GET
def unmet(request, slug):
    territory = territory_or_404(request, slug)
    permissions.require(request.user, MEDIATE, territory)
    requests = unmet_requests(territory=territory)
    page = list(requests[:MAX_SHOWN])
    return render(
        request,
        "comobi/unmet/list.html",
        territory_context(
            request,
            territory,
            title="Demandes non satisfaites",
            requests=[(r, weekdays_text(r.weekday_set)) for r in page],
            total=requests.count(),
            truncated=len(page) == MAX_SHOWN,
            map_data=unmet_map_data(page),
        ),
    )


@login_required
@require_GET
def unmet_export(request, slug):
    territory = territory_or_404(request, slug)
    permissions.require(request.user, MEDIATE, territory)
    return unmet_requests_xlsx(territory, unmet_requests(territory=territory).iterator())
