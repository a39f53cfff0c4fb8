"""The grid connection page: operator, dossiers, DCR, PTF, convention, commissioning dates; and
the grid operators' CSV upload of commissioning dates."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from transition.platform.accounts import permissions as platform_permissions

from .. import permissions
from ..domain import grid as grid_rules
from ..domain.changes import ChangeRefused
from ..domain.grid import GridRefused
from ..domain.grid_documents import TRANSMITTED_KINDS
from ..models import GestionnaireReseau, Projet, Raccordement
from ..services import grid as services
from ..services import grid_documents
from ..services.grid_imports import commissioning_csv_import
from ..services.ppa import ppa_set_by_agent, ppa_signalled


def _projet(user, pk: int) -> Projet:
    projet = get_object_or_404(Projet.objects.select_related("periode", "appel_offres"), pk=pk)
    if not platform_permissions.can(user, permissions.PROJET_VIEW, projet):
        raise Http404
    return projet


def _date(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        raise GridRefused("La date est invalide : attendue au format AAAA-MM-JJ") from None


@login_required
def raccordement(request, pk: int):
    projet = _projet(request.user, pk)
    racc = Raccordement.objects.filter(projet=projet).select_related("gestionnaire").first()
    dossiers = list(racc.dossiers.all()) if racc else []
    is_admin = platform_permissions.can(request.user, permissions.RACCORDEMENT_ADMIN)
    grd_ids = {op.pk for op in permissions.grd_operators(request.user)}
    try:
        services.actor_of(request.user, projet)
    except PermissionDenied:
        may_edit = False
    else:
        may_edit = True
    return render(
        request,
        "potentiel/grid/page.html",
        {
            "title": f"Raccordement — {projet.nom_projet}",
            "projet": projet,
            "raccordement": racc,
            "dossiers": [(d, _documents(d)) for d in dossiers],
            "step": grid_rules.connection_step([services._facts(d) for d in dossiers]),
            "gestionnaires": GestionnaireReseau.objects.all(),
            "may_edit": may_edit,
            "may_commission": is_admin or (racc is not None and racc.gestionnaire_id in grd_ids),
            "is_admin": is_admin,
            "ppa_signalled": ppa_signalled(projet),
            "may_signal_ppa": platform_permissions.can(request.user, permissions.PPA_SIGNAL, projet),
        },
    )


def _documents(dossier) -> list[dict]:
    """Each kind of document of a dossier: there or not, with its signature date."""
    present = grid_documents.present_documents(dossier)
    rows = []
    for kind in TRANSMITTED_KINDS:
        field = services.DOCUMENT_FIELDS[kind]
        rows.append(
            {
                "kind": kind.value,
                "label": grid_rules.DOCUMENT_LABELS[kind],
                "present": kind in present,
                "signed_on": getattr(dossier, f"{field}_date"),
            }
        )
    return rows


def _done(request, pk: int, call, success: str):
    try:
        call()
    except GridRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, success)
    return redirect("potentiel:raccordement", pk)


@login_required
@require_POST
def gestionnaire_set(request, pk: int):
    projet = _projet(request.user, pk)
    code = request.POST.get("gestionnaire", "")
    return _done(
        request,
        pk,
        lambda: services.gestionnaire_set(user=request.user, projet=projet, gestionnaire_code=code),
        "Le gestionnaire de réseau est enregistré.",
    )


@login_required
@require_POST
def dossier_add(request, pk: int):
    projet = _projet(request.user, pk)

    def call():
        services.dossier_add(
            user=request.user,
            projet=projet,
            reference=request.POST.get("reference", "")[:100],
            dcr_date=_date(request.POST.get("dcr_date")),
            dcr_document=request.FILES.get("dcr_document"),
        )

    return _done(request, pk, call, "Le dossier de raccordement est ajouté.")


@login_required
@require_POST
def dossier_update(request, pk: int):
    projet = _projet(request.user, pk)

    def call():
        services.dossier_update(
            user=request.user,
            projet=projet,
            reference=request.POST.get("reference", "")[:100],
            dcr_date=_date(request.POST.get("dcr_date")),
            dcr_document=request.FILES.get("dcr_document"),
            ptf_date=_date(request.POST.get("ptf_date")),
            ptf_document=request.FILES.get("ptf_document"),
            convention_document=request.FILES.get("convention_document"),
        )

    return _done(request, pk, call, "Le dossier de raccordement est mis à jour.")


def _reference(request) -> str:
    return request.POST.get("reference", "")[:100]


@login_required
@require_POST
def dossier_reference(request, pk: int):
    projet = _projet(request.user, pk)
    return _done(
        request,
        pk,
        lambda: services.dossier_reference_update(
            user=request.user,
            projet=projet,
            reference=_reference(request),
            new_reference=request.POST.get("nouvelle_reference", "")[:100],
        ),
        "La référence du dossier est corrigée.",
    )


@login_required
@require_POST
def dossier_delete(request, pk: int):
    projet = _projet(request.user, pk)
    return _done(
        request,
        pk,
        lambda: services.dossier_delete(user=request.user, projet=projet, reference=_reference(request)),
        "Le dossier de raccordement est supprimé.",
    )


@login_required
@require_POST
def document(request, pk: int, action: str):
    """Transmit, replace or delete a document of a dossier (PTF, agreements)."""
    projet = _projet(request.user, pk)
    common = {
        "user": request.user,
        "projet": projet,
        "reference": _reference(request),
        "kind": request.POST.get("type", ""),
    }
    if action == "transmettre":
        call, success = (
            lambda: grid_documents.document_transmit(
                **common, upload=request.FILES.get("document"), signed_on=_date(request.POST.get("date_signature"))
            ),
            "Le document est transmis.",
        )
    elif action == "remplacer":
        call, success = (
            lambda: grid_documents.document_replace(
                **common, upload=request.FILES.get("document"), signed_on=_date(request.POST.get("date_signature"))
            ),
            "Le document est remplacé.",
        )
    elif action == "supprimer":
        call, success = lambda: grid_documents.document_delete(**common), "Le document est supprimé."
    else:
        raise Http404
    return _done(request, pk, call, success)


@login_required
@require_POST
def ppa(request, pk: int, action: str):
    """The DGEC or the project's DREAL signals or withdraws a PPA."""
    if action not in ("signaler", "annuler"):
        raise Http404
    projet = _projet(request.user, pk)
    try:
        ppa_set_by_agent(user=request.user, projet=projet, signalled=action == "signaler")
    except ChangeRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(
            request, "Le projet est signalé en PPA." if action == "signaler" else "Le signalement PPA est annulé."
        )
    return redirect("potentiel:raccordement", pk)


@login_required
@require_POST
def mise_en_service(request, pk: int):
    projet = _projet(request.user, pk)

    def call():
        day = _date(request.POST.get("mise_en_service"))
        if day is None:
            raise GridRefused("Indiquez la date de mise en service")
        result = services.mise_en_service_set(
            user=request.user, projet=projet, reference=request.POST.get("reference", "")[:100], day=day
        )
        if result.completion_moved_to:
            messages.info(
                request,
                f"Le cahier des charges choisi reporte l’achèvement prévisionnel au {result.completion_moved_to:%d/%m/%Y}.",
            )

    return _done(request, pk, call, "La date de mise en service est enregistrée.")


@login_required
def grd_csv(request):
    """Grid operators (role grd) upload commissioning dates: reference;date_mise_en_service."""
    operators = permissions.grd_operators(request.user)
    if not operators and not platform_permissions.can(request.user, permissions.RACCORDEMENT_ADMIN):
        raise PermissionDenied("Réservé aux gestionnaires de réseau.")
    report = None
    if request.method == "POST" and request.FILES.get("fichier"):
        report = commissioning_csv_import(user=request.user, upload=request.FILES["fichier"])
    return render(
        request,
        "potentiel/grid/csv.html",
        {"title": "Transmettre des dates de mise en service", "report": report, "operators": operators},
        status=400 if report and not report.ok else 200,
    )
