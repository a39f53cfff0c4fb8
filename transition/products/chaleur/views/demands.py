"""Ask for a connection: the form (with the address's eligibility), then the confirmation."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from transition.platform.accounts.ratelimit import RateLimited, rate_limit_check
from transition.platform.core.resilience import INFRASTRUCTURE_ERRORS, infrastructure_fault

from ..domain.bulk_columns import parse_coordinate
from ..domain.eligibility_messages import far_demand_text
from ..enums import HeatingType
from ..forms import DemandForm
from ..models import Demand
from ..selectors.demands import routed_network
from ..selectors.eligibility import eligibility_snapshot, place_of_point
from ..services.demands import DemandInput
from ..services.demands import demand_create as demand_create_service


def _point_from_query(request) -> tuple[float, float] | None:
    lat = parse_coordinate(request.GET.get("lat", ""))
    lon = parse_coordinate(request.GET.get("lon", ""))
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lon, lat


@require_http_methods(["GET", "POST"])
def demand_create(request):
    point = _point_from_query(request)
    if point is None:
        return render(request, "chaleur/demands/no_address.html", {"title": "Demande de raccordement"}, status=400)
    lon, lat = point
    citycode = request.GET.get("citycode", "").strip()[:5]
    # The address shown is the geocoder's for these coordinates, as the demand will keep it: the
    # link's `label` is never shown nor kept (anyone can write one, and send it to anyone).
    label = place_of_point(lon=lon, lat=lat, given=citycode).address
    try:
        # Shown to the person before they send; recomputed when they send, from the coordinates.
        eligibility = eligibility_snapshot(lon=lon, lat=lat, citycode=citycode)
    except ValueError:
        return render(request, "chaleur/demands/no_address.html", {"title": "Demande de raccordement"}, status=400)
    heating = request.GET.get("heating", "")
    network, future = routed_network(eligibility)
    routed = network is not None or future is not None
    initial = {
        "heating_type": heating if heating in (HeatingType.COLLECTIF, HeatingType.INDIVIDUEL) else None,
        "wants_operator_contact": routed,
    }
    form = DemandForm(request.POST or None, initial=initial, offer_operator=routed)
    rate_limited, status = "", 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rate_limit_check(scope="chaleur_demand", request=request, email=data["email"])
            demand = demand_create_service(
                lon=lon,
                lat=lat,
                citycode=citycode,
                requester=request.user,
                data=DemandInput(
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    phone=data["phone"],
                    structure_type=data["structure_type"],
                    company=data["company"],
                    heating_energy=data["heating_energy"],
                    heating_type=data["heating_type"],
                    dwellings_count=data["dwellings_count"],
                    surface_m2=data["surface_m2"],
                    comment=data["comment"],
                    wants_operator_contact=data["wants_operator_contact"],
                    wants_agency_advice=data["wants_agency_advice"],
                ),
            )
        except RateLimited as exc:
            rate_limited, status = exc.message, 429
        except ValidationError as exc:
            form.add_error(None, exc)
        except INFRASTRUCTURE_ERRORS as exc:  # the form comes back as typed, with a plain message
            form.add_error(None, infrastructure_fault(exc, where="chaleur.demand_create"))
            status = 503
        else:
            request.session["chaleur_demand_sent"] = demand.pk
            return redirect("chaleur:demand_sent")
    return render(
        request,
        "chaleur/demands/create.html",
        {
            "title": "Demande de raccordement",
            "form": form,
            "label": label,
            "eligibility": eligibility,
            "far_text": far_demand_text(routed_to_a_network=routed),
            "rate_limited": rate_limited,
        },
        status=status,
    )


@require_GET
def demand_sent(request):
    demand = (
        Demand.objects.filter(pk=request.session.get("chaleur_demand_sent") or 0)
        .select_related("network", "agency")
        .first()
    )
    if demand is None:
        return redirect("chaleur:home")
    routed = demand.network_id is not None or demand.network_under_construction_id is not None
    return render(
        request,
        "chaleur/demands/sent.html",
        {"title": "Demande envoyée", "demand": demand, "far_text": far_demand_text(routed_to_a_network=routed)},
    )
