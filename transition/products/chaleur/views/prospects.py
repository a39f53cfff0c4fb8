"""Prospects of an operator: the condominiums of the registry near its networks, and their export."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from transition.platform.accounts import permissions
from transition.platform.core.spreadsheets import xlsx_response

from ..exports import prospects_sheet
from ..forms import ProspectFilterForm
from ..selectors import prospects as selectors
from .back_office import pro_context


def _prospect_filters(request):
    form = ProspectFilterForm(request.GET or None, networks=selectors.prospect_networks(user=request.user))
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.ProspectFilters(
        network_id=data.get("reseau"),
        heating_type=data.get("chauffage") or "",
        heating_energy=data.get("energie") or "",
        construction_period=data.get("periode") or "",
        min_dwellings=data.get("logements_min"),
        q=data.get("q") or "",
    )
    return form, filters


@login_required
@require_GET
def prospect_list(request):
    permissions.require(request.user, "chaleur.prospects")
    form, filters = _prospect_filters(request)
    prospects = selectors.prospect_list(user=request.user, filters=filters)
    return render(
        request,
        "chaleur/pro/prospects.html",
        {
            "title": "Prospects",
            "form": form,
            "prospects": prospects,
            "distance_m": selectors.PROSPECT_DISTANCE_M,
            "dwellings": sum(p.copropriete.dwellings_count or 0 for p in prospects),
            "query": request.GET.urlencode(),
            **pro_context(request),
        },
    )


@login_required
@require_GET
def prospect_export(request):
    permissions.require(request.user, "chaleur.prospects")
    _, filters = _prospect_filters(request)
    prospects = selectors.prospect_list(user=request.user, filters=filters)
    return xlsx_response(f"prospects-{timezone.localdate():%Y-%m-%d}.xlsx", [prospects_sheet(prospects)])
