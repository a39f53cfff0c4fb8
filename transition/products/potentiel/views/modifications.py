"""Pages of the corrections outside the request lifecycle: the administration modifies a lauréat,
the instructor corrects a request then grants it, the holder corrects the identification number
and transmits the proof of recandidature. Views parse, call one service, and shape the page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from transition.platform.accounts import permissions as platform_permissions

from .. import permissions
from ..domain.changes import KIND_BY_SLUG, KIND_LABELS, ChangeRefused
from ..domain.modifications import ADMIN_MODIFICATIONS, may_modify
from ..forms import CorrectionAccordForm, IdentificationForm, ModificationForm, PreuveRecandidatureForm
from ..models import Demande, Projet
from ..selectors.recandidature import abandon_of, awaits_proof, candidate_proofs, proof_of
from ..services.modifications import demande_correct_and_grant, identification_correct, projet_modify
from ..services.recandidature import preuve_transmit
from .requests import _site_power

MODIFICATION_TITLES = {
    "actionnaire": "Modifier l’actionnaire",
    "producteur": "Modifier le producteur",
    "puissance": "Modifier la puissance",
    "représentantLégal": "Modifier le représentant légal",
}


def _projet(user, pk: int) -> Projet:
    projet = get_object_or_404(Projet.objects.select_related("periode", "appel_offres"), pk=pk)
    if not platform_permissions.can(user, permissions.PROJET_VIEW, projet):
        raise Http404("Projet introuvable.")
    return projet


def modification_links(user, projet: Projet) -> list[tuple[str, str]]:
    """(slug, title) of the modifications this agent may make on this project's page."""
    if not projet.is_laureat or not platform_permissions.can(user, permissions.PROJET_MODIFY, projet):
        return []
    agent = permissions.agent_authority(user)
    return [(slug, MODIFICATION_TITLES[kind]) for slug, kind in KIND_BY_SLUG.items() if may_modify(kind, agent)]


@login_required
@require_http_methods(["GET", "POST"])
def projet_modifier(request, pk: int, slug: str):
    projet = _projet(request.user, pk)
    kind = KIND_BY_SLUG.get(slug)
    if kind not in ADMIN_MODIFICATIONS:
        raise Http404
    if not may_modify(kind, permissions.agent_authority(request.user)) or not platform_permissions.can(
        request.user, permissions.PROJET_MODIFY, projet
    ):
        raise PermissionDenied("Vous n’avez pas le rôle requis pour modifier cette information du projet.")
    form = ModificationForm(request.POST or None, kind=kind, site_power=_site_power(projet))
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            projet_modify(user=request.user, projet=projet, kind=kind, values=form.values())
        except ChangeRefused as refused:
            error = refused.message
        else:
            messages.success(request, f"{ADMIN_MODIFICATIONS[kind].event} : le porteur et la DREAL en sont informés.")
            return redirect("potentiel:projet", pk=projet.pk)
    return render(
        request,
        "potentiel/projets/modifier.html",
        {
            "title": f"{MODIFICATION_TITLES[kind]} — {projet.nom_projet}",
            "heading": MODIFICATION_TITLES[kind],
            "kind_label": KIND_LABELS[kind],
            "projet": projet,
            "form": form,
            "error": error,
        },
        status=400 if error or (request.method == "POST" and form.errors) else 200,
    )


@login_required
@require_POST
def projet_identification(request, pk: int):
    projet = _projet(request.user, pk)
    if not platform_permissions.can(request.user, permissions.PROJET_ACT, projet):
        raise PermissionDenied
    form = IdentificationForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Indiquez le numéro d’identification du producteur.")
    else:
        try:
            identification_correct(user=request.user, projet=projet, numero=form.cleaned_data["numero_identification"])
        except ChangeRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, "Le numéro d’identification du producteur est corrigé.")
    return redirect("potentiel:projet", pk=projet.pk)


@login_required
@require_POST
def demande_correction_accord(request, pk: int):
    demande = get_object_or_404(Demande.objects.select_related("projet"), pk=pk)
    if not platform_permissions.can(request.user, permissions.DEMANDE_VIEW, demande):
        raise Http404
    form = CorrectionAccordForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Indiquez la valeur corrigée et les motifs de la décision.")
    else:
        try:
            demande_correct_and_grant(
                user=request.user,
                demande=demande,
                values={"nom": form.cleaned_data["nom"], "type": form.cleaned_data["type"]},
                decision_reason=form.cleaned_data["motifs"],
            )
        except ChangeRefused as refused:
            messages.error(request, refused.message)
        else:
            messages.success(request, "La demande est corrigée et accordée ; le courrier est produit.")
    return redirect("potentiel:demande_detail", demande.pk)


@login_required
@require_http_methods(["GET", "POST"])
def recandidature(request, pk: int):
    projet = _projet(request.user, pk)
    if not platform_permissions.can(request.user, permissions.PROJET_ACT, projet):
        raise PermissionDenied("Seul le porteur du projet peut transmettre la preuve de recandidature.")
    abandon = abandon_of(projet)
    choices = [
        (p.identifiant, f"{p.nom_projet} — {p.identifiant_lisible}") for p in candidate_proofs(request.user, projet)
    ]
    form = PreuveRecandidatureForm(request.POST or None, choices=choices)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            preuve_transmit(user=request.user, projet=projet, preuve_identifiant=form.cleaned_data["preuve"])
        except ChangeRefused as refused:
            error = refused.message
        else:
            messages.success(request, "La preuve de recandidature est transmise.")
            return redirect("potentiel:projet", pk=projet.pk)
    return render(
        request,
        "potentiel/requests/recandidature.html",
        {
            "title": f"Preuve de recandidature — {projet.nom_projet}",
            "projet": projet,
            "abandon": abandon,
            "awaited": awaits_proof(projet),
            "proof": proof_of(abandon),
            "form": form,
            "error": error,
        },
        status=400 if error or (request.method == "POST" and form.errors) else 200,
    )
