"""Test an address: the form, and the answer for one address."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from transition.platform.ui.sitemap import in_sitemap

from ..domain.eligibility_messages import HEATING_LABELS, PDP_TEXT, Heating, result_message
from ..enums import EligibilitySource
from ..forms import EligibilityTestForm
from ..selectors.eligibility import CommuneUnavailable, eligibility_for_coordinates
from ..services.eligibility_counts import eligibility_test_count


@require_GET
@in_sitemap("Tester une adresse")
def home(request):
    # "Corriger l’adresse" comes back here with what was typed, to be corrected rather than retyped.
    typed = request.GET.get("adresse", "")[:200]
    return render(request, "chaleur/public/home.html", _form_context(EligibilityTestForm(initial={"adresse": typed})))


def _form_context(form: EligibilityTestForm, error: str = "") -> dict:
    heating = form.cleaned_data.get("chauffage") if hasattr(form, "cleaned_data") else None
    return {
        "title": "Tester une adresse",
        "form": form,
        "error": error,
        "heating_choices": list(HEATING_LABELS.items()),
        "heating": heating or form.data.get("chauffage") or Heating.COLLECTIVE.value,
    }


def _with_position(query):
    """A result can also be linked with a known position: ?label=&lon=&lat=&citycode= (as other
    pages and partners build it) reads as an address picked in the autocomplete list."""
    if query.get("adresse_lon") or not (query.get("lon") and query.get("lat")):
        return query
    data = query.copy()
    label = (query.get("label") or query.get("adresse") or "").strip()
    data["adresse"] = data["adresse_label"] = label
    data["adresse_lon"], data["adresse_lat"] = query["lon"], query["lat"]
    data["adresse_citycode"] = query.get("citycode", "")
    return data


@require_GET
def result(request):
    """The answer for one address: picked in the autocomplete list (its position comes with it)
    or typed (the address field geocodes it)."""
    form = EligibilityTestForm(_with_position(request.GET))
    if not form.is_valid():
        return render(request, "chaleur/public/home.html", _form_context(form))
    address, heating = form.cleaned_data["adresse"], form.cleaned_data["chauffage"]
    try:
        answer = eligibility_for_coordinates(lon=address.lon, lat=address.lat, citycode=address.citycode)
    except CommuneUnavailable as exc:  # only without a citycode, which the field always gives
        return render(request, "chaleur/public/home.html", _form_context(form, str(exc)))
    eligibility_test_count(eligible=answer.eligible, source=EligibilitySource.PAGE, citycode=address.citycode or "")
    network = answer.network
    message = result_message(
        answer.type,
        heating,
        distance_m=answer.distance_m,
        network_name=network.name if network else "",
        mise_en_service=network.mise_en_service if network else "",
    )
    demand_query = urlencode(
        {
            "lat": answer.lat,
            "lon": answer.lon,
            "label": address.label,
            "citycode": address.citycode or "",
            "heating": heating.value,
        }
    )
    candidates = [
        (
            candidate.label,
            reverse("chaleur:eligibility_result")
            + "?"
            + urlencode(
                {
                    "label": candidate.label,
                    "lon": candidate.lon,
                    "lat": candidate.lat,
                    "citycode": candidate.citycode,
                    "chauffage": heating.value,
                }
            ),
        )
        for candidate in address.candidates
    ]
    return render(
        request,
        "chaleur/public/result.html",
        {
            "understood": address.understood,
            "typed": address.typed,
            "candidates": candidates,
            "retype_url": reverse("chaleur:home") + "?" + urlencode({"adresse": address.typed}),
            "in_zone": answer.type.startswith("dans_"),
            "title": "Résultat du test",
            "label": address.label,
            "heating": heating,
            "heating_label": HEATING_LABELS[heating],
            "answer": answer,
            "too_far": answer.too_far,
            "network": network,
            "message": message,
            "pdp_text": PDP_TEXT,
            "demand_url": f"{reverse('chaleur:demand_create')}?{demand_query}",
            "map_query": urlencode({"lat": f"{answer.lat:.6f}", "lon": f"{answer.lon:.6f}", "zoom": 16}),
        },
    )
