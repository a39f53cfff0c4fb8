"""An entity's home and profile: sites, depots, certificates, settings, members."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from transition.platform.accounts.permissions import can

from ..domain.vocabulary import EntityType
from ..enums import PRODUCT, ROLE_LABELS, Role
from ..forms.entities import CertificateClaimForm, DepotForm, SettingsForm, SiteForm
from ..models import Depot
from ..selectors.entities import entity_certificates, entity_depots, entity_sites
from ..services import entities
from .common import acting_entity, entity_context


@login_required
def entity_home(request, entity_id: int):
    entity = acting_entity(request, entity_id)
    if entity.entity_type == EntityType.ADMINISTRATION:
        return redirect("carbure:admin_dashboard")
    if entity.entity_type == EntityType.AUDITOR:
        return redirect("carbure:audit_lots", entity.pk)
    return redirect("carbure:lots", entity.pk)


@login_required
def entity_profile(request, entity_id: int):
    entity = acting_entity(request, entity_id)
    manage = can(request.user, "carbure.entity_manage", entity)
    members = entity.organisation.memberships.filter(product=PRODUCT).select_related("user").order_by("user__email")
    return render(
        request,
        "carbure/entities/profile.html",
        {
            **entity_context(request, entity, "entity"),
            "title": f"Entité — {entity.name}",
            "can_manage": manage,
            "is_producer": entity.entity_type == EntityType.PRODUCER,
            "sites": entity_sites(entity),
            "depots": entity_depots(entity),
            "certificates": entity_certificates(entity),
            "members": [(m.user, ROLE_LABELS.get(Role(m.role), m.role)) for m in members],
            "site_form": SiteForm() if manage else None,
            "depot_form": DepotForm() if manage else None,
            "certificate_form": CertificateClaimForm() if manage else None,
            "settings_form": SettingsForm(
                initial={"default_certificate": entity.default_certificate, "has_trading": entity.has_trading}
            )
            if manage
            else None,
        },
    )


def _back(entity):
    return redirect("carbure:entity", entity.pk)


def _errors(request, exc: ValidationError):
    for message in exc.messages:
        messages.error(request, message)


@login_required
@require_POST
def site_add(request, entity_id: int):
    entity = acting_entity(request, entity_id)
    form = SiteForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "Site non enregistré : " + " ".join(e for errors in form.errors.values() for e in errors)
        )
        return _back(entity)
    try:
        entities.site_create(entity=entity, user=request.user, **form.cleaned_data)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, "Site de production enregistré.")
    return _back(entity)


@login_required
@require_POST
def depot_add(request, entity_id: int):
    entity = acting_entity(request, entity_id)
    form = DepotForm(request.POST)
    if form.is_valid():
        entities.entity_depot_add(entity=entity, user=request.user, depot=form.cleaned_data["depot"])
        messages.success(request, "Dépôt ajouté.")
    return _back(entity)


@login_required
@require_POST
def depot_remove(request, entity_id: int, depot_id: int):
    entity = acting_entity(request, entity_id)
    entities.entity_depot_remove(entity=entity, user=request.user, depot=get_object_or_404(Depot, pk=depot_id))
    messages.success(request, "Dépôt retiré.")
    return _back(entity)


@login_required
@require_POST
def certificate_add(request, entity_id: int):
    entity = acting_entity(request, entity_id)
    form = CertificateClaimForm(request.POST)
    if form.is_valid():
        try:
            entities.certificate_claim(
                entity=entity, user=request.user, certificate_id=form.cleaned_data["certificate_id"]
            )
        except ValidationError as exc:
            _errors(request, exc)
        else:
            messages.success(request, "Certificat ajouté : l’administration le vérifiera.")
    return _back(entity)


@login_required
@require_POST
def settings_update(request, entity_id: int):
    entity = acting_entity(request, entity_id)
    form = SettingsForm(request.POST)
    if form.is_valid():
        entities.entity_settings_update(entity=entity, user=request.user, **form.cleaned_data)
        messages.success(request, "Paramètres enregistrés.")
    return _back(entity)
