"""A holder's pages: my projects, a project with its deadlines and to-dos, its attestation,
claiming a project, inviting someone, accepting an invitation. And the administration's list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from transition.platform.accounts import permissions
from transition.platform.accounts.ratelimit import RateLimited, rate_limit_check
from transition.platform.geo.domain.territory import region_name

from ..domain.referential import cahier_des_charges_label, cahiers_des_charges_choices
from ..enums import Statut, StatutLaureat
from ..forms import CahierDesChargesForm, ClaimForm, IdentificationForm, InvitationForm
from ..models import AppelOffres, Projet
from ..notifications import invitation_sent
from ..permissions import CANDIDATURE_CORRECT, PROJET_ACT, PROJET_VIEW, PROJETS_ADMIN, holds_access
from ..selectors.projects import (
    admin_projets,
    keyset_page,
    projet_deadlines,
    projet_todos,
    projets_awaiting_contact,
    projets_of_holder,
)
from ..selectors.referential import projet_rules
from ..services.access import (
    invitation_accept,
    invitation_create,
    invitation_find,
    projet_claim,
    projets_claim_as_contact,
)
from ..services.notification import french_number
from ..services.projects import cahier_des_charges_choose
from .modifications import modification_links


@login_required
@require_GET
def mes_projets(request):
    rows = [
        {"projet": p, "todos": projet_todos(p, request.user), "deadlines": projet_deadlines(p, request.user)[:2]}
        for p in projets_of_holder(request.user)
    ]
    return render(
        request,
        "potentiel/projets/mes_projets.html",
        {"title": "Mes projets", "rows": rows, "awaiting": list(projets_awaiting_contact(request.user)[:50])},
    )


@login_required
@require_POST
def projets_attach(request):
    added = projets_claim_as_contact(user=request.user, projets=projets_awaiting_contact(request.user))
    if added:
        messages.success(
            request, f"{added} projet{'s' if added > 1 else ''} ajouté{'s' if added > 1 else ''} à vos projets."
        )
    return redirect("potentiel:mes_projets")


def _projet_for(request, pk: int) -> Projet:
    projet = get_object_or_404(Projet.objects.select_related("appel_offres", "periode"), pk=pk)
    if not permissions.can(request.user, PROJET_VIEW, projet):
        raise Http404("Projet introuvable.")
    return projet


@login_required
@require_GET
def projet_detail(request, pk: int):
    projet = _projet_for(request, pk)
    rules = projet_rules(projet)
    return render(
        request,
        "potentiel/projets/detail.html",
        {
            "title": projet.nom_projet,
            "projet": projet,
            "rules": rules,
            "cdc_label": cahier_des_charges_label(projet.cahier_des_charges),
            "puissance": french_number(projet.puissance),
            "puissance_candidature": french_number(projet.puissance_candidature),
            "region": region_name(projet.region),
            "todos": projet_todos(projet, request.user),
            "deadlines": projet_deadlines(projet, request.user),
            "can_act": permissions.can(request.user, PROJET_ACT, projet),
            "can_correct": permissions.can(request.user, CANDIDATURE_CORRECT, projet),
            "holder": holds_access(request.user, projet),
            "invitation_form": InvitationForm(),
            "cdc_form": _cdc_form(projet),
            "modification_links": modification_links(request.user, projet),
            "identification_form": IdentificationForm(initial={"numero_identification": projet.numero_identification}),
        },
    )


def _cdc_form(projet: Projet, data=None) -> CahierDesChargesForm:
    choices = [
        (ref, cahier_des_charges_label(ref).capitalize()) for ref in cahiers_des_charges_choices(projet.periode.data)
    ]
    return CahierDesChargesForm(data, choices=choices, initial={"reference": projet.cahier_des_charges})


@login_required
@require_POST
def projet_cahier_des_charges(request, pk: int):
    projet = _projet_for(request, pk)
    if not permissions.can(request.user, PROJET_ACT, projet):
        raise PermissionDenied
    form = _cdc_form(projet, request.POST)
    if form.is_valid():
        try:
            cahier_des_charges_choose(projet=projet, reference=form.cleaned_data["reference"], by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, f"Cahier des charges choisi : {cahier_des_charges_label(projet.cahier_des_charges)}."
            )
    else:
        messages.error(request, "Choisissez un cahier des charges de la liste.")
    return redirect("potentiel:projet", pk=projet.pk)


@login_required
@require_GET
def projet_attestation(request, pk: int):
    projet = _projet_for(request, pk)
    if not projet.attestation:
        raise Http404("Pas d’attestation pour ce projet.")
    return FileResponse(
        projet.attestation.open("rb"),
        as_attachment=True,
        filename=f"attestation-{projet.identifiant_lisible}.pdf".replace(" ", "_"),
        content_type="application/pdf",
    )


@login_required
@require_http_methods(["GET", "POST"])
def claim(request):
    form = ClaimForm(request.POST or None, initial={"identifiant": request.GET.get("identifiant", "")[:300]})
    if request.method == "POST" and form.is_valid():
        try:
            rate_limit_check(scope="potentiel_claim", request=request)
            projet = projet_claim(
                user=request.user, identifiant=form.cleaned_data["identifiant"], code=form.cleaned_data["code"]
            )
        except RateLimited as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, " ".join(exc.messages))
        else:
            messages.success(request, "Le projet est ajouté à vos projets.")
            return redirect("potentiel:projet", pk=projet.pk)
    return render(
        request,
        "potentiel/projets/claim.html",
        {"title": "Réclamer un projet", "form": form},
        status=422 if form.errors else 200,
    )


@login_required
@require_POST
def projet_invite(request, pk: int):
    projet = _projet_for(request, pk)
    if not permissions.can(request.user, PROJET_ACT, projet):
        raise PermissionDenied
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation, token = invitation_create(projet=projet, email=form.cleaned_data["email"], by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            invitation_sent(invitation, token)
            messages.success(request, f"Invitation envoyée à {invitation.email}.")
    else:
        messages.error(request, "Saisissez une adresse électronique valide.")
    return redirect("potentiel:projet", pk=projet.pk)


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    found = invitation_find(token)
    if found is None:
        raise Http404("Invitation introuvable.")
    error = ""
    if request.method == "POST":
        try:
            projet = invitation_accept(token=token, user=request.user)
        except (ValidationError, PermissionDenied) as exc:
            error = " ".join(getattr(exc, "messages", [str(exc)]))
        else:
            messages.success(request, "Le projet est ajouté à vos projets.")
            return redirect("potentiel:projet", pk=projet.pk)
    return render(
        request,
        "potentiel/projets/invitation.html",
        {"title": "Invitation à suivre un projet", "invitation": found, "error": error},
        status=422 if error else 200,
    )


STATUT_CHOICES = [
    ("", "Tous"),
    (Statut.CLASSE, "Classé (non notifié)"),
    (Statut.ELIMINE, "Éliminé"),
    (Statut.LAUREAT, "Lauréat"),
    (StatutLaureat.ACTIF, "Lauréat actif"),
    (StatutLaureat.ABANDONNE, "Lauréat abandonné"),
    (StatutLaureat.ACHEVE, "Lauréat achevé"),
]


@login_required
@require_GET
def admin_home(request):
    permissions.require(request.user, PROJETS_ADMIN)
    filters = {
        "appel_offres": request.GET.get("appel_offres", "")[:100],
        "periode": request.GET.get("periode", "")[:20],
        "statut": request.GET.get("statut", "")[:20],
        "q": request.GET.get("q", "")[:100].strip(),
    }
    page = keyset_page(
        admin_projets(request.user, **filters),
        apres=request.GET.get("apres", "")[:300],
        avant=request.GET.get("avant", "")[:300],
    )
    return render(
        request,
        "potentiel/projets/admin_list.html",
        {
            "title": "Projets",
            "page": page,
            "filters": filters,
            "appels_offres": AppelOffres.objects.values_list("id", flat=True),
            "statuts": STATUT_CHOICES,
        },
    )
