"""The back-office for operators, collectivités and agencies: demands, prospects, API token."""

import io
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from transition.platform.accounts import permissions
from transition.platform.accounts.models import Organisation

from .. import selectors_demands, services_demands
from ..domain.demand_status import ALLOWED_TRANSITIONS, STATUS_LABELS, DemandStatus, status_label
from ..forms import CommentForm, CorrectionForm, DemandFilterForm, EmailForm, ProspectFilterForm, StatusForm
from ..models import Demand

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx_response(workbook, name: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _local(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if value else ""


def _pro_context(request) -> dict:
    roles = selectors_demands.pro_roles(request.user)
    return {
        "pro_roles": roles,
        "is_operator": request.user.is_staff or "gestionnaire" in roles,
    }


def _demand_filters(request):
    networks = selectors_demands.demand_networks(user=request.user)
    form = DemandFilterForm(request.GET or None, networks=networks)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors_demands.DemandFilters(
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
    demands = selectors_demands.demand_list(user=request.user, filters=filters)
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
            "counts": selectors_demands.demand_status_counts(user=request.user),
            "query": request.GET.urlencode(),
            "tiles_url": settings.MAP_TILES_URL,
            **_pro_context(request),
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
        for d in selectors_demands.demand_list(user=request.user, filters=filters)[:5000]
    ]
    return JsonResponse({"type": "FeatureCollection", "features": features})


@login_required
@require_GET
def demand_export(request):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    permissions.require(request.user, "chaleur.pro_access")
    _, filters = _demand_filters(request)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Demandes"
    header = [
        "Référence",
        "Date",
        "Statut",
        "Adresse",
        "Code INSEE",
        "Éligible",
        "Type d'éligibilité",
        "Distance au réseau (m)",
        "PDP",
        "Réseau",
        "Identifiant du réseau",
        "Nom",
        "Prénom",
        "Courriel",
        "Téléphone",
        "Structure",
        "Nom de la structure",
        "Énergie de chauffage",
        "Type de chauffage",
        "Logements",
        "Surface (m²)",
        "Consommation (MWh/an)",
        "Commentaire du demandeur",
        "Commentaire du gestionnaire",
        "Conseil de l’agence locale",
    ]
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for d in selectors_demands.demand_list(user=request.user, filters=filters).iterator():
        sheet.append(
            [
                d.reference,
                _local(d.created_at),
                status_label(d.status),
                d.address,
                d.citycode,
                "Oui" if d.eligible else "Non",
                d.eligibility_snapshot.get("label", d.eligibility_type),
                d.distance_m,
                "Oui" if d.in_pdp else "Non",
                d.network.name
                if d.network
                else (d.network_under_construction.name if d.network_under_construction else ""),
                d.network.national_id if d.network else "",
                d.last_name,
                d.first_name,
                d.email,
                d.phone,
                d.get_structure_type_display(),
                d.company,
                d.get_heating_energy_display(),
                d.get_heating_type_display(),
                d.dwellings_count,
                d.surface_m2,
                float(d.consumption_mwh) if d.consumption_mwh is not None else None,
                d.comment,
                d.operator_comment,
                d.agency.name if d.agency else "",
            ]
        )
    return _xlsx_response(workbook, f"demandes-{timezone.localdate():%Y-%m-%d}.xlsx")


@login_required
def demand_detail(request, pk: int):
    demand = get_object_or_404(Demand.objects.select_related("network", "network_under_construction", "agency"), pk=pk)
    permissions.require(request.user, "chaleur.demand_view", demand)
    can_change = permissions.can(request.user, "chaleur.demand_change", demand)
    allowed = ALLOWED_TRANSITIONS[DemandStatus(demand.status)]
    status_form = StatusForm(initial={"notify": True})
    status_form.fields["status"].choices = [(s.value, STATUS_LABELS[s]) for s in DemandStatus if s in allowed]
    operator_name = (
        ", ".join(
            o.name
            for o in Organisation.objects.filter(
                memberships__user=request.user, memberships__product="chaleur"
            ).distinct()
        )
        or request.user.get_full_name()
    )
    email_form = EmailForm(
        initial={
            "template": "prise_de_contact",
            "body": services_demands.email_template_text(
                key="prise_de_contact", demand=demand, operator_name=operator_name
            ),
        }
    )
    templates = {
        key: services_demands.email_template_text(key=key, demand=demand, operator_name=operator_name)
        for key in services_demands.EMAIL_TEMPLATES
    }
    forms = {
        "status_form": status_form,
        "comment_form": CommentForm(),
        "correction_form": CorrectionForm(
            initial={
                "distance_m": demand.distance_m,
                "dwellings_count": demand.dwellings_count,
                "consumption_mwh": demand.consumption_mwh,
            }
        ),
        "email_form": email_form,
    }
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied("Vous pouvez consulter cette demande, pas la modifier.")
        action = request.POST.get("action")
        try:
            if action == "status":
                form = StatusForm(request.POST)
                form.fields["status"].choices = status_form.fields["status"].choices
                forms["status_form"] = form
                if form.is_valid():
                    services_demands.demand_status_change(
                        actor=request.user,
                        demand=demand,
                        status=form.cleaned_data["status"],
                        comment=form.cleaned_data["comment"],
                        notify_requester=form.cleaned_data["notify"],
                    )
                    messages.success(request, f"Statut changé : {status_label(demand.status)}.")
                    return redirect("chaleur:pro_demand_detail", pk=demand.pk)
            elif action == "comment":
                form = forms["comment_form"] = CommentForm(request.POST)
                if form.is_valid():
                    services_demands.demand_comment_add(
                        actor=request.user, demand=demand, text=form.cleaned_data["text"]
                    )
                    messages.success(request, "Commentaire enregistré.")
                    return redirect("chaleur:pro_demand_detail", pk=demand.pk)
            elif action == "correct":
                form = forms["correction_form"] = CorrectionForm(request.POST)
                if form.is_valid():
                    services_demands.demand_correct(actor=request.user, demand=demand, **form.cleaned_data)
                    messages.success(request, "Informations corrigées.")
                    return redirect("chaleur:pro_demand_detail", pk=demand.pk)
            elif action == "email":
                form = forms["email_form"] = EmailForm(request.POST)
                if form.is_valid():
                    services_demands.demand_email_send(
                        actor=request.user,
                        demand=demand,
                        template_key=form.cleaned_data["template"],
                        body=form.cleaned_data["body"],
                    )
                    messages.success(request, "Courriel envoyé au demandeur.")
                    return redirect("chaleur:pro_demand_detail", pk=demand.pk)
        except ValidationError as exc:
            form.add_error(None, exc)
    return render(
        request,
        "chaleur/pro/demand_detail.html",
        {
            "title": f"Demande {demand.reference}",
            "demand": demand,
            "status_label": status_label(demand.status),
            "events": demand.events.select_related("actor").all(),
            "can_change": can_change,
            "email_templates": templates,
            "tiles_url": settings.MAP_TILES_URL,
            **forms,
            **_pro_context(request),
        },
    )


def _prospect_filters(request):
    from ..models import Network, NetworkOperator

    orgs = selectors_demands.organisation_ids(request.user, "gestionnaire")
    networks = Network.objects.filter(
        pk__in=NetworkOperator.objects.filter(organisation_id__in=orgs).values_list("network_id", flat=True)
    )
    form = ProspectFilterForm(request.GET or None, networks=networks)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors_demands.ProspectFilters(
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
    prospects = selectors_demands.prospect_list(user=request.user, filters=filters)
    return render(
        request,
        "chaleur/pro/prospects.html",
        {
            "title": "Prospects",
            "form": form,
            "prospects": prospects,
            "dwellings": sum(p.copropriete.dwellings_count or 0 for p in prospects),
            "query": request.GET.urlencode(),
            **_pro_context(request),
        },
    )


@login_required
@require_GET
def prospect_export(request):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    permissions.require(request.user, "chaleur.prospects")
    _, filters = _prospect_filters(request)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Prospects"
    sheet.append(
        [
            "Numéro d’immatriculation",
            "Nom",
            "Adresse",
            "Code INSEE",
            "Longitude",
            "Latitude",
            "Lots",
            "Logements",
            "Période de construction",
            "Chauffage",
            "Énergie",
            "Syndic",
            "Réseau le plus proche",
            "Identifiant du réseau",
            "Distance au réseau (m)",
        ]
    )
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for p in selectors_demands.prospect_list(user=request.user, filters=filters):
        c = p.copropriete
        sheet.append(
            [
                c.registry_id,
                c.name,
                c.address,
                c.citycode,
                c.lon,
                c.lat,
                c.lots_count,
                c.dwellings_count,
                c.get_construction_period_display(),
                c.get_heating_type_display(),
                c.get_heating_energy_display(),
                c.syndic,
                p.network.name,
                p.network.national_id,
                p.distance_m,
            ]
        )
    return _xlsx_response(workbook, f"prospects-{timezone.localdate():%Y-%m-%d}.xlsx")


@login_required
def api_token(request):
    """An operator creates its organisation's token for the partner API (shown once)."""
    permissions.require(request.user, "chaleur.prospects")
    organisations = Organisation.objects.filter(
        memberships__user=request.user, memberships__product="chaleur", memberships__role="gestionnaire"
    ).distinct()
    token = ""
    if request.method == "POST":
        organisation = get_object_or_404(organisations, pk=request.POST.get("organisation"))
        token = services_demands.partner_token_issue(actor=request.user, organisation=organisation)
    return render(
        request,
        "chaleur/pro/api_token.html",
        {"title": "API partenaire", "organisations": organisations, "token": token, **_pro_context(request)},
    )
