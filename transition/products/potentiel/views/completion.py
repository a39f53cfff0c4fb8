"""The completion page: the holder transmits the attestation of conformity and the report, or
records and replaces them after a recorded date; the administration records the real completion
date the co-contractor communicated and modifies a completion."""

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
from ..services import completion as services


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
            "may_modify": platform_permissions.can(request.user, permissions.PROJET_MODIFY, projet),
        },
    )


def _date(post, field: str, label: str, *, required: bool = True) -> date | None:
    raw = (post.get(field) or "").strip()
    if not raw and not required:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise CompletionRefused(f"La {label} est invalide : attendue au format AAAA-MM-JJ") from None


def _transmit(request, projet):
    services.achevement_transmit(
        user=request.user,
        projet=projet,
        completed_on=_date(request.POST, "date_achevement", "date d’achèvement"),
        transmitted_on=_date(
            request.POST, "date_transmission", "date de transmission au cocontractant", required=False
        ),
        attestation=request.FILES.get("attestation"),
        rapport=request.FILES.get("rapport"),
    )
    return "L’attestation de conformité est transmise : le projet est achevé."


def _record_date(request, projet):
    services.achevement_date_record(
        user=request.user, projet=projet, completed_on=_date(request.POST, "date_achevement", "date d’achèvement")
    )
    return "La date d’achèvement réel est enregistrée : le projet est achevé."


def _modify(request, projet):
    services.achevement_modify(
        user=request.user,
        projet=projet,
        reason=request.POST.get("raison", ""),
        completed_on=_date(request.POST, "date_achevement", "date d’achèvement", required=False),
        transmitted_on=_date(
            request.POST, "date_transmission", "date de transmission au cocontractant", required=False
        ),
        attestation=request.FILES.get("attestation"),
        rapport=request.FILES.get("rapport"),
    )
    return "L’achèvement est modifié ; le porteur et la DREAL en sont informés."


def _attestation(service, done: str):
    def act(request, projet):
        service(
            user=request.user,
            projet=projet,
            attestation=request.FILES.get("attestation"),
            rapport=request.FILES.get("rapport"),
        )
        return done

    return act


# The forms of the page (their slug in the URL) and what each does.
ACTS = {
    "transmission": _transmit,
    "date-reelle": _record_date,
    "modification": _modify,
    "attestation": _attestation(services.attestation_record, "L’attestation de conformité est enregistrée."),
    "attestation-modification": _attestation(services.attestation_modify, "L’attestation de conformité est remplacée."),
}


@login_required
@require_POST
def achevement_act(request, pk: int, act: str = "transmission"):
    if act not in ACTS:
        raise Http404
    projet = _projet(request.user, pk)
    try:
        done = ACTS[act](request, projet)
    except CompletionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, done)
    return redirect("potentiel:achevement", pk)
