"""Ambassadors: a connected requester volunteers (or withdraws), people write to an ambassador,
the ambassador answers; the platform relays."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from transition.platform.accounts.ratelimit import RateLimited, rate_limit_check
from transition.platform.core.resilience import INFRASTRUCTURE_ERRORS, infrastructure_fault

from ..forms import AmbassadorMessageForm, AmbassadorReplyForm, AmbassadorVolunteerForm
from ..selectors.ambassadors import (
    ambassador_get,
    ambassador_message_from_token,
    ambassador_of,
    demand_from_ambassador_token,
)
from ..services import ambassadors as services


@require_http_methods(["GET", "POST"])
def ambassador_volunteer(request, token: str):
    demand = demand_from_ambassador_token(token)
    existing = ambassador_of(demand=demand)
    form = AmbassadorVolunteerForm(
        request.POST or None,
        initial={
            "display_name": existing.display_name if existing else "",
            "testimony": existing.testimony if existing else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            ambassador = services.ambassador_volunteer(token=token, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(
                request, "chaleur/demands/ambassador_done.html", {"title": "Ambassadeur", "ambassador": ambassador}
            )
    return render(
        request,
        "chaleur/demands/ambassador_volunteer.html",
        {
            "title": "Devenir ambassadeur",
            "form": form,
            "demand": demand,
            "existing": existing,
            "withdraw_url": reverse("chaleur:ambassador_withdraw", args=[token]),
        },
    )


@require_POST
def ambassador_withdraw(request, token: str):
    services.ambassador_withdraw(token=token)
    return render(request, "chaleur/demands/ambassador_done.html", {"title": "Ambassadeur", "withdrawn": True})


@require_http_methods(["GET", "POST"])
def ambassador_write(request, pk: int):
    ambassador = ambassador_get(pk=pk)
    if ambassador is None:
        raise Http404
    form = AmbassadorMessageForm(request.POST or None)
    rate_limited, status = "", 200
    if request.method == "POST" and form.is_valid():
        try:
            # Per IP only: a limit on an address anyone can type would let a stranger silence its owner.
            rate_limit_check(scope="chaleur_ambassador", request=request)
            services.ambassador_message_send(ambassador=ambassador, **form.cleaned_data)
        except RateLimited as exc:
            rate_limited, status = exc.message, 429
        except ValidationError as exc:
            form.add_error(None, exc)
        except INFRASTRUCTURE_ERRORS as exc:  # the message comes back as typed, with a plain word
            form.add_error(None, infrastructure_fault(exc, where="chaleur.ambassador_write"))
            status = 503
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
        status=status,
    )


@require_http_methods(["GET", "POST"])
def ambassador_reply(request, token: str):
    message = ambassador_message_from_token(token)
    form = AmbassadorReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.ambassador_message_reply(token=token, body=form.cleaned_data["body"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return render(
                request, "chaleur/demands/ambassador_replied.html", {"title": "Réponse envoyée", "message": message}
            )
    return render(
        request, "chaleur/demands/ambassador_reply.html", {"title": "Répondre", "form": form, "message": message}
    )
