"""Public pages of the demands side: ask for a connection, ambassadors."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from transition.platform.accounts.ratelimit import RateLimited, rate_limit_check

from .. import selectors_demands, services_demands
from ..domain.bulk_columns import parse_coordinate
from ..forms import AmbassadorMessageForm, AmbassadorReplyForm, AmbassadorVolunteerForm, DemandForm


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
    label = request.GET.get("label", "").strip()[:255] or f"{lat:.6f}, {lon:.6f}"
    citycode = request.GET.get("citycode", "").strip()[:5]
    try:
        # Shown to the person before they send; recomputed when they send, from the coordinates.
        eligibility = services_demands.eligibility_snapshot(lon=lon, lat=lat, citycode=citycode)
    except ValueError:
        return render(request, "chaleur/demands/no_address.html", {"title": "Demande de raccordement"}, status=400)
    heating = request.GET.get("heating", "")
    initial = {
        "heating_type": heating if heating in ("collectif", "individuel") else None,
        "wants_operator_contact": True,
    }
    form = DemandForm(request.POST or None, initial=initial)
    rate_limited = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            rate_limit_check(scope="chaleur_demand", request=request, email=data["email"])
            demand = services_demands.demand_create(
                lon=lon,
                lat=lat,
                address=label,
                citycode=citycode,
                requester=request.user,
                data=services_demands.DemandInput(
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
            rate_limited = exc.message
        except ValidationError as exc:
            form.add_error(None, exc)
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
            "rate_limited": rate_limited,
        },
        status=429 if rate_limited else 200,
    )


def demand_sent(request):
    from ..models import Demand

    demand = (
        Demand.objects.filter(pk=request.session.get("chaleur_demand_sent") or 0)
        .select_related("network", "agency")
        .first()
    )
    if demand is None:
        return redirect("chaleur:home")
    return render(request, "chaleur/demands/sent.html", {"title": "Demande envoyée", "demand": demand})


@require_http_methods(["GET", "POST"])
def ambassador_volunteer(request, token: str):
    demand = services_demands.demand_from_ambassador_token(token)
    existing = selectors_demands.ambassador_of(demand=demand)
    form = AmbassadorVolunteerForm(
        request.POST or None,
        initial={
            "display_name": existing.display_name if existing else "",
            "testimony": existing.testimony if existing else "",
        },
    )
    if request.method == "POST" and request.POST.get("action") == "withdraw":
        services_demands.ambassador_withdraw(token=token)
        return render(request, "chaleur/demands/ambassador_done.html", {"title": "Ambassadeur", "withdrawn": True})
    if request.method == "POST" and form.is_valid():
        try:
            ambassador = services_demands.ambassador_volunteer(token=token, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(
                request, "chaleur/demands/ambassador_done.html", {"title": "Ambassadeur", "ambassador": ambassador}
            )
    return render(
        request,
        "chaleur/demands/ambassador_volunteer.html",
        {"title": "Devenir ambassadeur", "form": form, "demand": demand, "existing": existing},
    )


@require_http_methods(["GET", "POST"])
def ambassador_write(request, pk: int):
    ambassador = selectors_demands.ambassador_get(pk=pk)
    if ambassador is None:
        raise Http404
    form = AmbassadorMessageForm(request.POST or None)
    rate_limited = ""
    if request.method == "POST" and form.is_valid():
        try:
            rate_limit_check(scope="chaleur_ambassador", request=request, email=form.cleaned_data["sender_email"])
            services_demands.ambassador_message_send(ambassador=ambassador, **form.cleaned_data)
        except RateLimited as exc:
            rate_limited = exc.message
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(
                request, "chaleur/demands/ambassador_sent.html", {"title": "Message envoyé", "ambassador": ambassador}
            )
    network = ambassador.demand.network
    back = (
        reverse("chaleur:network_detail", args=[network.national_id])
        if network and network.national_id
        else reverse("chaleur:home")
    )
    return render(
        request,
        "chaleur/demands/ambassador_write.html",
        {
            "title": f"Écrire à {ambassador.display_name}",
            "form": form,
            "ambassador": ambassador,
            "back": back,
            "rate_limited": rate_limited,
        },
        status=429 if rate_limited else 200,
    )


@require_http_methods(["GET", "POST"])
def ambassador_reply(request, token: str):
    message = services_demands.ambassador_message_from_token(token)
    form = AmbassadorReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services_demands.ambassador_message_reply(token=token, body=form.cleaned_data["body"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(
                request, "chaleur/demands/ambassador_replied.html", {"title": "Réponse envoyée", "message": message}
            )
    return render(
        request, "chaleur/demands/ambassador_reply.html", {"title": "Répondre", "form": form, "message": message}
    )
