"""The requester's space: "Mes demandes", a demand's statuses and messages, a message to the
operator (its own URL: one view per action)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from transition.platform.accounts.ratelimit import rate_limited

from ..domain.demand_status import CLOSED_STATUSES, DemandStatus, status_label
from ..forms import Form
from ..selectors.requester_space import requester_demand_get, requester_demand_list, requester_timeline
from ..services.requester_space import MESSAGE_MAX_CHARS, requester_message_send


class RequesterMessageForm(Form):
    text = forms.CharField(
        label="Votre message au gestionnaire du réseau",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MESSAGE_MAX_CHARS,
        error_messages={"required": "Le message est vide."},
    )


def _network_name(demand) -> str:
    network = demand.network or demand.network_under_construction
    return (network.name or str(network)) if network else ""


@login_required
@require_GET
def requester_demands(request):
    demands = [
        {"demand": d, "status": status_label(d.status), "network": _network_name(d)}
        for d in requester_demand_list(user=request.user)
    ]
    return render(request, "chaleur/requester/list.html", {"title": "Mes demandes de raccordement", "demands": demands})


def _page(request, demand, form):
    return render(
        request,
        "chaleur/requester/detail.html",
        {
            "title": f"Ma demande {demand.reference}",
            "demand": demand,
            "status": status_label(demand.status),
            "closed": DemandStatus(demand.status) in CLOSED_STATUSES,
            "network": _network_name(demand),
            "can_write": bool(demand.network_id),
            "timeline": requester_timeline(demand),
            "form": form,
        },
    )


@login_required
@require_GET
def requester_demand(request, pk: int):
    demand = requester_demand_get(user=request.user, pk=pk)
    if demand is None:
        raise Http404("Demande introuvable")
    return _page(request, demand, RequesterMessageForm())


@login_required
@require_POST
@rate_limited("chaleur_requester_message")
def requester_message(request, pk: int):
    demand = requester_demand_get(user=request.user, pk=pk)
    if demand is None:
        raise Http404("Demande introuvable")
    form = RequesterMessageForm(request.POST)
    if form.is_valid():
        try:
            requester_message_send(actor=request.user, demand=demand, text=form.cleaned_data["text"])
        except ValidationError as exc:
            form.add_error("text", exc.messages[0])
        else:
            messages.success(request, "Message envoyé au gestionnaire du réseau.")
            return redirect("chaleur:requester_demand", pk=demand.pk)
    return _page(request, demand, form)
