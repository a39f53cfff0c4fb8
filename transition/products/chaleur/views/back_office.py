"""The back-office for operators, collectivités and agencies: the demands list, its map layer and
export, a demand's page, and the four things an operator does there (one view each): change its
status, comment, correct, write to the requester."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from transition.platform.accounts import permissions
from transition.platform.core.spreadsheets import xlsx_response

from .. import permissions as chaleur_permissions
from ..domain.demand_status import ALLOWED_TRANSITIONS, STATUS_LABELS, DemandStatus, is_backward, status_label
from ..exports import demands_sheet
from ..forms import CommentForm, CorrectionForm, DemandFilterForm, EmailForm, StatusForm
from ..models import Demand
from ..notifications import EMAIL_TEMPLATES, email_template_text
from ..selectors import demands as selectors
from ..services import back_office as services


def pro_context(request) -> dict:
    """What every back-office page's menu needs."""
    return {"is_operator": chaleur_permissions.is_operator(request.user)}


def _demand_filters(request):
    networks = selectors.demand_networks(user=request.user)
    form = DemandFilterForm(request.GET or None, networks=networks)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.DemandFilters(
        status=data.get("statut") or "",
        network_id=data.get("reseau"),
        q=data.get("q") or "",
        eligible=data.get("eligible") or "",
        sort=data.get("tri") or "recent",
    )
    return form, filters


@login_required
@require_GET
def demand_list(request):
    permissions.require(request.user, "chaleur.pro_access")
    form, filters = _demand_filters(request)
    demands = selectors.demand_list(user=request.user, filters=filters)
    page = list(demands[:500])
    return render(
        request,
        "chaleur/pro/demands.html",
        {
            "title": "Demandes de raccordement",
            "form": form,
            "demands": page,
            "total": demands.count(),
            "truncated": len(page) == 500,
            "counts": selectors.demand_status_counts(user=request.user),
            "query": request.GET.urlencode(),
            **pro_context(request),
        },
    )


@login_required
@require_GET
def demand_geojson(request):
    permissions.require(request.user, "chaleur.pro_access")
    _, filters = _demand_filters(request)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [d.lon, d.lat]},
            "properties": {
                "id": d.pk,
                "address": d.address,
                "status": status_label(d.status),
                "status_code": d.status,
                "url": reverse("chaleur:pro_demand_detail", args=[d.pk]),
            },
        }
        for d in selectors.demand_list(user=request.user, filters=filters)[:5000]
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@login_required
@require_GET
def demand_export(request):
    permissions.require(request.user, "chaleur.pro_access")
    _, filters = _demand_filters(request)
    demands = selectors.demand_list(user=request.user, filters=filters).iterator()
    return xlsx_response(f"demandes-{timezone.localdate():%Y-%m-%d}.xlsx", [demands_sheet(demands)])


def _demand_for(request, pk: int, action: str) -> Demand:
    demand = get_object_or_404(Demand.objects.select_related("network", "network_under_construction", "agency"), pk=pk)
    permissions.require(request.user, action, demand)
    return demand


def _status_form(demand: Demand, data=None) -> StatusForm:
    """The select shows the current status (selected, marked so) among the ones it may take; a
    step back is marked too and must be confirmed (the service refuses it otherwise)."""
    form = StatusForm(data, initial={"notify": True, "status": demand.status})
    current = DemandStatus(demand.status)
    allowed = ALLOWED_TRANSITIONS[current]
    choices = []
    for s in DemandStatus:
        if s == current:
            choices.append((s.value, f"{STATUS_LABELS[s]} (statut actuel)"))
        elif s in allowed:
            back = " (retour en arrière)" if is_backward(current, s) else ""
            choices.append((s.value, f"{STATUS_LABELS[s]}{back}"))
    form.fields["status"].choices = choices
    if demand.anonymised_at:  # nobody to tell
        del form.fields["notify"]
    return form


def _detail(request, demand: Demand, **bound_forms):
    """The demand's page; a form that failed comes back bound, with its errors."""
    operator_name = selectors.operator_display_name(request.user)
    templates = {
        key: email_template_text(key=key, demand=demand, operator_name=operator_name) for key in EMAIL_TEMPLATES
    }
    forms = {
        "status_form": _status_form(demand),
        "comment_form": CommentForm(),
        "correction_form": CorrectionForm(
            initial={
                "distance_m": demand.distance_m,
                "dwellings_count": demand.dwellings_count,
                "consumption_mwh": demand.consumption_mwh,
            }
        ),
        "email_form": EmailForm(initial={"template": "prise_de_contact", "body": templates["prise_de_contact"]}),
        **bound_forms,
    }
    computed_distance_m = demand.eligibility_snapshot.get("distance_m")
    return render(
        request,
        "chaleur/pro/demand_detail.html",
        {
            "title": f"Demande {demand.reference}",
            "demand": demand,
            "status_label": status_label(demand.status),
            "distance_corrected": computed_distance_m != demand.distance_m,
            "computed_distance_m": computed_distance_m,
            "events": demand.events.select_related("actor").all(),
            "can_change": permissions.can(request.user, "chaleur.demand_change", demand),
            "email_templates": templates,
            **forms,
            **pro_context(request),
        },
    )


@login_required
@require_GET
def demand_detail(request, pk: int):
    return _detail(request, _demand_for(request, pk, "chaleur.demand_view"))


def _act(request, demand: Demand, *, form, form_name: str, run, done: str):
    """One operator action: the form valid, the service run, back to the demand's page with `done`
    (formatted with the demand); otherwise the page again, that form bound with its errors."""
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, done.format(status=status_label(demand.status)))
            return redirect("chaleur:pro_demand_detail", pk=demand.pk)
    return _detail(request, demand, **{form_name: form})


@login_required
@require_POST
def demand_status_change(request, pk: int):
    demand = _demand_for(request, pk, "chaleur.demand_change")
    return _act(
        request,
        demand,
        form=_status_form(demand, request.POST),
        form_name="status_form",
        run=lambda data: services.demand_status_change(
            actor=request.user,
            demand=demand,
            status=data["status"],
            comment=data["comment"],
            notify_requester=data.get("notify", False),
            confirm_backward=data["confirm_backward"],
        ),
        done="Statut changé : {status}.",
    )


@login_required
@require_POST
def demand_comment(request, pk: int):
    demand = _demand_for(request, pk, "chaleur.demand_change")
    return _act(
        request,
        demand,
        form=CommentForm(request.POST),
        form_name="comment_form",
        run=lambda data: services.demand_comment_add(actor=request.user, demand=demand, text=data["text"]),
        done="Commentaire enregistré.",
    )


@login_required
@require_POST
def demand_correct(request, pk: int):
    demand = _demand_for(request, pk, "chaleur.demand_change")
    return _act(
        request,
        demand,
        form=CorrectionForm(request.POST),
        form_name="correction_form",
        run=lambda data: services.demand_correct(actor=request.user, demand=demand, **data),
        done="Informations corrigées.",
    )


@login_required
@require_POST
def demand_email(request, pk: int):
    demand = _demand_for(request, pk, "chaleur.demand_change")
    return _act(
        request,
        demand,
        form=EmailForm(request.POST),
        form_name="email_form",
        run=lambda data: services.demand_email_send(
            actor=request.user, demand=demand, template_key=data["template"], body=data["body"]
        ),
        done="Courriel envoyé au demandeur.",
    )
