"""Embeds for partners' sites: the eligibility form (and its answer) and the map of their networks.
Only the partner's origins may frame them (CSP frame-ancestors); every other page of the site
still refuses to be framed. Links leave the frame (a new tab): the demand form needs the site's
own cookies."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from ..domain.eligibility_messages import HEATING_LABELS, Heating, result_message
from ..enums import EligibilitySource
from ..forms import EligibilityTestForm
from ..selectors.eligibility import CommuneUnavailable, eligibility_for_coordinates
from ..selectors.embeds import embed_networks, embed_networks_geojson, embed_origins, embed_partner_get
from ..services.eligibility_counts import eligibility_test_count


def _partner(slug: str):
    partner = embed_partner_get(slug)
    origins = embed_origins(partner) if partner else []
    if partner is None or not origins:
        raise Http404("Intégration inconnue")
    return partner, origins


def _framed(response, origins: list[str]):
    response.csp_frame_ancestors = origins
    response.xframe_options_exempt = True  # X-Frame-Options cannot name origins: the CSP decides
    return response


@require_GET
def embed_form(request, slug: str):
    partner, origins = _partner(slug)
    submitted = "adresse" in request.GET
    form = EligibilityTestForm(request.GET if submitted else None)
    context = {
        "title": "Tester une adresse",
        "partner": partner,
        "form": form,
        "heating_choices": list(HEATING_LABELS.items()),
        "heating": request.GET.get("chauffage") or Heating.COLLECTIVE.value,
        "site_url": settings.SITE_URL,
    }
    if submitted and form.is_valid():
        address, heating = form.cleaned_data["adresse"], form.cleaned_data["chauffage"]
        try:
            answer = eligibility_for_coordinates(lon=address.lon, lat=address.lat, citycode=address.citycode)
        except CommuneUnavailable as exc:
            context["error"] = str(exc)
        else:
            eligibility_test_count(
                eligible=answer.eligible, source=EligibilitySource.PAGE, citycode=address.citycode or ""
            )
            network = answer.network
            context.update(
                label=address.label,
                answer=answer,
                message=result_message(
                    answer.type,
                    heating,
                    distance_m=answer.distance_m,
                    network_name=network.name if network else "",
                    mise_en_service=network.mise_en_service if network else "",
                ),
                result_url=f"{settings.SITE_URL}{reverse('chaleur:eligibility_result')}?{request.GET.urlencode()}",
            )
    return _framed(render(request, "chaleur/embeds/form.html", context), origins)


@require_GET
def embed_map(request, slug: str):
    partner, origins = _partner(slug)
    networks = embed_networks(partner)
    context = {
        "title": f"Réseaux de chaleur — {partner.name}",
        "partner": partner,
        "networks": networks,
        "geojson": embed_networks_geojson(networks),
        "site_url": settings.SITE_URL,
    }
    return _framed(render(request, "chaleur/embeds/map.html", context), origins)
