"""Registering and describing a site: joining as collectivité, the site's form, its buildings and
its answers on mutability."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from transition.platform.accounts import permissions
from transition.platform.accounts.models import Organisation

from ..domain.site_criteria import derived_criteria, effective_criteria
from ..forms.sites import BuildingForm, JoinForm, MutabilityForm, SiteForm
from ..models import Building, Site
from ..permissions import porteur_organisation_ids
from ..selectors.sites import site_facts
from ..services import sites as services


def _organisations_of(user):
    ids = set(porteur_organisation_ids(user))
    if user.organisation_id:
        ids.add(user.organisation_id)
    return Organisation.objects.filter(pk__in=ids).order_by("name")


@login_required
def join(request):
    organisations = _organisations_of(request.user)
    form = JoinForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        services.porteur_join(actor=request.user, organisation=form.cleaned_data["organisation"])
        messages.success(request, f"Vous pouvez déclarer des friches pour {form.cleaned_data['organisation']}.")
        return redirect("friches:site_create")
    return render(
        request,
        "friches/sites/join.html",
        {"title": "Commencer avec Friches", "form": form, "has_organisation": organisations.exists()},
    )


@login_required
def site_create(request):
    if not permissions.can(request.user, "friches.site_create"):
        return redirect("friches:join")
    organisations = Organisation.objects.filter(pk__in=porteur_organisation_ids(request.user)).order_by("name")
    form = SiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            site = services.site_create(
                actor=request.user,
                organisation=organisations.first(),
                data=data,
                lon=data["lon"],
                lat=data["lat"],
                outline_shape=data["outline_shape"],
            )
        except services.SiteError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Le site « {site.name} » est inscrit au registre ({site.site_id}).")
            return redirect("friches:site_detail", pk=site.pk)
    return render(
        request,
        "friches/sites/form.html",
        {
            "title": "Déclarer une friche",
            "form": form,
            "site": None,
            "with_map": True,
        },
    )


def _site_for_change(request, pk: int) -> Site:
    site = get_object_or_404(Site, pk=pk)
    if not permissions.can(request.user, "friches.site_change", site):
        raise PermissionDenied("Ce site est tenu par une autre collectivité.")
    return site


@login_required
def site_edit(request, pk: int):
    site = _site_for_change(request, pk)
    initial = {f: getattr(site, f) for f in services.SITE_FIELDS}
    initial.update(lon=round(site.point.x, 6), lat=round(site.point.y, 6), outline_wkt="")
    form = SiteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.site_update(
                actor=request.user,
                site=site,
                data=data,
                lon=data["lon"],
                lat=data["lat"],
                outline_shape=data["outline_shape"],
            )
        except services.SiteError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Le site est à jour.")
            return redirect("friches:site_detail", pk=site.pk)
    return render(
        request,
        "friches/sites/form.html",
        {
            "title": f"Modifier « {site.name} »",
            "form": form,
            "site": site,
            "outline": json.loads(site.outline.geojson) if site.outline else None,
            "with_map": True,
        },
    )


@login_required
def site_mutability_edit(request, pk: int):
    site = _site_for_change(request, pk)
    derived = derived_criteria(site_facts(site))
    values = effective_criteria(derived, site.mutability_inputs or {})
    form = MutabilityForm(request.POST or None, values=values)
    if request.method == "POST" and form.is_valid():
        services.site_mutability_answer(actor=request.user, site=site, answers=form.answers(derived))
        messages.success(request, "Les indices de mutabilité sont recalculés avec vos réponses.")
        return redirect(f"{site_detail_url(site)}#mutabilite")
    return render(
        request,
        "friches/sites/mutability_form.html",
        {"title": "Ce que l’on sait du site", "site": site, "form": form, "derived": derived},
    )


def site_detail_url(site: Site) -> str:
    return reverse("friches:site_detail", args=[site.pk])


@login_required
def building_edit(request, pk: int, building_pk: int | None = None):
    site = _site_for_change(request, pk)
    building = get_object_or_404(Building, pk=building_pk, site=site) if building_pk else None
    initial = {f: getattr(building, f) for f in services.BUILDING_FIELDS} if building else None
    form = BuildingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.building_save(actor=request.user, site=site, data=form.cleaned_data, building=building)
        messages.success(request, "Le bâtiment est enregistré.")
        return redirect(f"{site_detail_url(site)}#batiments")
    title = f"Modifier « {building.label} »" if building else "Ajouter un bâtiment"
    return render(
        request, "friches/sites/building_form.html", {"title": title, "site": site, "form": form, "building": building}
    )


@login_required
@require_POST
def building_delete(request, pk: int, building_pk: int):
    site = _site_for_change(request, pk)
    building = get_object_or_404(Building, pk=building_pk, site=site)
    services.building_delete(actor=request.user, building=building)
    messages.success(request, f"Le bâtiment « {building.label} » est retiré.")
    return redirect(f"{site_detail_url(site)}#batiments")
