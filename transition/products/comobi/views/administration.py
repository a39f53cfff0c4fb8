"""Setting a territory up: staff creates it and names its first administrator; the
administrator sets its texts and contacts, communes, place names and team, then opens it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from transition.platform.accounts import permissions
from transition.platform.accounts.models import Membership

from ..enums import PRODUCT, Role
from ..forms.administration import (
    CommuneForm,
    MemberForm,
    PlaceForm,
    PlacesImportForm,
    TerritoryCreateForm,
    TerritorySettingsForm,
)
from ..forms.fields import apply_errors
from ..models import Place, TerritoryCommune
from ..permissions import TERRITORY_ADMIN, TERRITORY_CREATE
from ..selectors.territories import territory_members
from ..services.territories import (
    commune_add,
    commune_remove,
    member_add,
    member_remove,
    place_delete,
    place_save,
    places_import,
    territory_create,
    territory_update,
)
from .common import territory_context, territory_or_404


def _administered(request, slug):
    territory = territory_or_404(request, slug)
    permissions.require(request.user, TERRITORY_ADMIN, territory)
    return territory


@login_required
@require_http_methods(["GET", "POST"])
def territory_new(request):
    permissions.require(request.user, TERRITORY_CREATE)
    form = TerritoryCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            territory = territory_create(
                actor=request.user,
                slug=data["slug"],
                name=data["name"],
                kind=data["kind"],
                communes=data["communes"],
                admin_email=data["admin_email"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(
                request, f"Territoire « {territory.name} » créé ; son administrateur est prévenu par courriel."
            )
            return redirect("comobi:administration", slug=territory.slug)
    return render(request, "comobi/administration/territory_new.html", {"title": "Créer un territoire", "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request, slug):
    territory = _administered(request, slug)
    form = TerritorySettingsForm(request.POST or None, initial=TerritorySettingsForm.initial_of(territory))
    if request.method == "POST" and form.is_valid():
        try:
            territory_update(actor=request.user, territory=territory, data=form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, "Réglages enregistrés.")
            return redirect("comobi:administration", slug=territory.slug)
    return render(
        request,
        "comobi/administration/settings.html",
        territory_context(
            request,
            territory,
            title=f"Administration — {territory.name}",
            form=form,
            commune_count=territory.communes.count(),
            place_count=territory.places.count(),
            member_count=territory_members(territory=territory).count(),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def communes(request, slug):
    territory = _administered(request, slug)
    form = CommuneForm(request.POST or None)
    if request.method == "POST":
        if "remove" in request.POST:
            commune = get_object_or_404(TerritoryCommune, pk=request.POST["remove"], territory=territory)
            commune_remove(actor=request.user, commune=commune)
            messages.success(request, f"{commune.name} n’est plus desservie.")
            return redirect("comobi:communes", slug=territory.slug)
        if form.is_valid():
            data = form.cleaned_data
            try:
                commune = commune_add(
                    actor=request.user,
                    territory=territory,
                    insee_code=data["insee_code"],
                    lat=data.get("lat"),
                    lon=data.get("lon"),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"{commune.name} ajoutée.")
                return redirect("comobi:communes", slug=territory.slug)
    return render(
        request,
        "comobi/administration/communes.html",
        territory_context(
            request, territory, title="Communes desservies", form=form, communes=territory.communes.all()
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def places(request, slug):
    territory = _administered(request, slug)
    form = PlaceForm(request.POST if "name" in request.POST else None)
    import_form = PlacesImportForm(request.POST, request.FILES) if "file" in request.FILES else PlacesImportForm()
    report = None
    if request.method == "POST":
        if "remove" in request.POST:
            place = get_object_or_404(Place, pk=request.POST["remove"], territory=territory)
            place_delete(actor=request.user, place=place)
            messages.success(request, f"« {place.name} » supprimé.")
            return redirect("comobi:places", slug=territory.slug)
        if "file" in request.FILES and import_form.is_valid():
            upload = import_form.cleaned_data["file"]
            report = places_import(actor=request.user, territory=territory, source=upload, filename=upload.name)
            if report.ok:
                messages.success(request, f"{report.created} lieu(x) ajouté(s), {report.updated} mis à jour.")
                return redirect("comobi:places", slug=territory.slug)
        elif form.is_bound and form.is_valid() and _place_saved(request, territory, form):
            messages.success(request, f"« {form.cleaned_data['name']} » ajouté.")
            return redirect("comobi:places", slug=territory.slug)
    return render(
        request,
        "comobi/administration/places.html",
        territory_context(
            request,
            territory,
            title="Lieux-dits et repères",
            form=form,
            import_form=import_form,
            report=report,
            places=territory.places.all(),
        ),
    )


def _place_saved(request, territory, form, place=None) -> bool:
    data = form.cleaned_data
    try:
        place_save(
            actor=request.user,
            territory=territory,
            place=place,
            name=data["name"],
            aliases=data["aliases"],
            lat=data["lat"],
            lon=data["lon"],
        )
    except ValidationError as exc:
        apply_errors(form, exc)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def place_edit(request, slug, pk):
    territory = _administered(request, slug)
    place = get_object_or_404(Place, pk=pk, territory=territory)
    form = PlaceForm(
        request.POST or None, initial={"name": place.name, "aliases": place.aliases, "lat": place.lat, "lon": place.lon}
    )
    if request.method == "POST" and form.is_valid() and _place_saved(request, territory, form, place):
        messages.success(request, "Lieu modifié.")
        return redirect("comobi:places", slug=territory.slug)
    return render(
        request,
        "comobi/administration/place_edit.html",
        territory_context(request, territory, title=f"Modifier « {place.name} »", form=form, place=place),
    )


@login_required
@require_http_methods(["GET", "POST"])
def team(request, slug):
    territory = _administered(request, slug)
    form = MemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            member_add(
                actor=request.user,
                territory=territory,
                email=data["email"],
                role=data["role"],
                given_name=data["given_name"],
                family_name=data["family_name"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, f"{data['email']} a reçu le rôle et un courriel pour se connecter.")
            return redirect("comobi:team", slug=territory.slug)
    return render(
        request,
        "comobi/administration/team.html",
        territory_context(
            request,
            territory,
            title="Équipe du territoire",
            form=form,
            members=_members(territory),
        ),
    )


def _members(territory) -> list[tuple]:
    """Each member, their role's label, and whether "Retirer" is offered: the territory's only
    administrator cannot be removed (the rule refuses it), so the button is not shown."""
    members = list(territory_members(territory=territory))
    admins = sum(1 for m in members if m.role == Role.ADMINISTRATEUR)
    return [
        (
            m,
            Role(m.role).label if m.role in Role.values else m.role,
            not (m.role == Role.ADMINISTRATEUR and admins == 1),
        )
        for m in members
    ]


@login_required
@require_POST
def team_remove(request, slug, pk):
    territory = _administered(request, slug)
    membership = get_object_or_404(Membership, pk=pk, organisation_id=territory.organisation_id, product=PRODUCT)
    try:
        member_remove(actor=request.user, territory=territory, membership=membership)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, "Rôle retiré.")
    return redirect("comobi:team", slug=territory.slug)
