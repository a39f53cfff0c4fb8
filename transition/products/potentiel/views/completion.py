"""The completion page: the holder transmits the attestation of conformity and the report."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from transition.platform.accounts import permissions as platform_permissions

from .. import permissions
from ..domain.completion import CompletionRefused
from ..models import Achevement, Projet
from ..services.completion import achevement_transmit


def _projet(user, pk: int) -> Projet:
    projet = get_object_or_404(Projet.objects.select_related("periode", "appel_offres"), pk=pk)
    if not platform_permissions.can(user, permissions.PROJET_VIEW, projet):
        raise Http404
    return projet


@login_required
def achevement(request, pk: int):
    projet = _projet(request.user, pk)
    return render(
        request,
        "potentiel/completion/page.html",
        {
            "title": f"Achèvement — {projet.nom_projet}",
            "projet": projet,
            "achevement": Achevement.objects.filter(projet=projet).first(),
            "may_act": platform_permissions.can(request.user, permissions.PROJET_ACT, projet),
        },
    )


@login_required
@require_POST
def achevement_submit(request, pk: int):
    projet = _projet(request.user, pk)
    try:
        raw = request.POST.get("date_achevement", "")
        try:
            completed_on = date.fromisoformat(raw)
        except ValueError:
            raise CompletionRefused("La date d’achèvement est invalide : attendue au format AAAA-MM-JJ") from None
        achevement_transmit(
            user=request.user,
            projet=projet,
            completed_on=completed_on,
            attestation=request.FILES.get("attestation"),
            rapport=request.FILES.get("rapport"),
        )
    except CompletionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, "L’attestation de conformité est transmise : le projet est achevé.")
    return redirect("potentiel:achevement", pk)
