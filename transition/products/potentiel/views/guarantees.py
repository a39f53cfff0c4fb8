"""The guarantees page of a project: current, deposit, expected, history, mainlevée; the holder
deposits, corrects the deposit, sends the attestation and asks for release (or cancels it); the
DREAL validates, records, modifies the current guarantees and instructs releases (its queue)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from transition.platform.accounts import permissions as platform_permissions

from .. import permissions
from ..domain.guarantees import GuaranteeRefused, mainlevee_reasons_open
from ..forms import AttestationGarantiesForm, DepotGarantiesForm, MainleveeDecisionForm, MainleveeForm
from ..models import DepotGaranties, GarantiesActuelles, GarantiesAttendues, Mainlevee, Projet
from ..selectors.guarantees import garanties_historique, mainlevee_current, mainlevees_to_instruct
from ..selectors.referential import projet_rules
from ..services import guarantees as services
from ..services import mainlevee as mainlevee_services


def _projet(user, pk: int) -> Projet:
    projet = get_object_or_404(Projet.objects.select_related("periode", "appel_offres"), pk=pk)
    if not platform_permissions.can(user, permissions.PROJET_VIEW, projet):
        raise Http404
    return projet


@login_required
def garanties(request, pk: int):
    projet = _projet(request.user, pk)
    rules = projet_rules(projet)
    mainlevee_reasons = mainlevee_reasons_open(services.guarantee_facts(projet))
    return render(
        request,
        "potentiel/guarantees/page.html",
        {
            "title": f"Garanties financières — {projet.nom_projet}",
            "projet": projet,
            "soumis": rules.soumis_aux_garanties,
            "actuelles": GarantiesActuelles.objects.filter(projet=projet).first(),
            "depot": DepotGaranties.objects.filter(projet=projet).first(),
            "attendues": GarantiesAttendues.objects.filter(projet=projet).first(),
            "historique": garanties_historique(projet),
            "mainlevee": mainlevee_current(projet),
            "may_act": platform_permissions.can(request.user, permissions.PROJET_ACT, projet),
            "may_instruct": platform_permissions.can(request.user, permissions.GARANTIES_INSTRUCT, projet),
            "depot_form": DepotGarantiesForm(types=rules.types_garanties),
            "record_form": DepotGarantiesForm(types=rules.types_garanties, document_required=False, prefix="dreal"),
            "modify_form": DepotGarantiesForm(types=rules.types_garanties, document_required=False, prefix="modif"),
            "depot_modify_form": DepotGarantiesForm(
                types=rules.types_garanties, document_required=False, prefix="depot"
            ),
            "attestation_form": AttestationGarantiesForm(),
            "mainlevee_form": MainleveeForm(reasons=mainlevee_reasons),
            "mainlevee_open": bool(mainlevee_reasons),
            "mainlevee_decision_form": MainleveeDecisionForm(),
        },
    )


def _done(request, pk: int, call, success: str):
    try:
        call()
    except GuaranteeRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, success)
    return redirect("potentiel:garanties", pk)


@login_required
@require_POST
def depot_submit(request, pk: int):
    return _values_call(
        request,
        pk,
        services.depot_submit,
        prefix=None,
        document_required=True,
        success="Vos garanties financières sont déposées : la DREAL les validera.",
        incomplete="Le dépôt est incomplet",
    )


@login_required
@require_POST
def depot_delete(request, pk: int):
    projet = _projet(request.user, pk)
    return _done(request, pk, lambda: services.depot_delete(user=request.user, projet=projet), "Le dépôt est supprimé.")


@login_required
@require_POST
def depot_validate(request, pk: int):
    projet = _projet(request.user, pk)
    return _done(
        request,
        pk,
        lambda: services.depot_validate(user=request.user, projet=projet),
        "Les garanties financières sont validées.",
    )


def _values_call(
    request,
    pk: int,
    service,
    *,
    prefix: str | None,
    document_required: bool,
    success: str,
    incomplete: str = "Le formulaire est incomplet",
):
    """Type, due date, constitution date and attestation from a form, then the service."""
    projet = _projet(request.user, pk)
    form = DepotGarantiesForm(
        request.POST,
        request.FILES,
        types=projet_rules(projet).types_garanties,
        document_required=document_required,
        prefix=prefix,
    )
    if not form.is_valid():
        messages.error(
            request,
            f"{incomplete} : "
            + " ".join(f"{form.fields[f].label} : {' '.join(e)}" for f, e in form.errors.items() if f in form.fields),
        )
        return redirect("potentiel:garanties", pk)
    data = form.cleaned_data
    return _done(
        request,
        pk,
        lambda: service(
            user=request.user,
            projet=projet,
            type=data["type"],
            date_echeance=data["date_echeance"],
            date_constitution=data["date_constitution"],
            document=data["document"],
        ),
        success,
    )


@login_required
@require_POST
def actuelles_record(request, pk: int):
    return _values_call(
        request,
        pk,
        services.actuelles_record,
        prefix="dreal",
        document_required=False,
        success="Les garanties financières sont enregistrées.",
    )


@login_required
@require_POST
def actuelles_modify(request, pk: int):
    return _values_call(
        request,
        pk,
        services.actuelles_modify,
        prefix="modif",
        document_required=False,
        success="Les garanties financières actuelles sont modifiées ; le porteur et la DREAL en sont informés.",
    )


@login_required
@require_POST
def depot_modify(request, pk: int):
    return _values_call(
        request,
        pk,
        services.depot_modify,
        prefix="depot",
        document_required=False,
        success="Le dépôt est modifié : la DREAL en est informée.",
    )


@login_required
@require_POST
def attestation_record(request, pk: int):
    projet = _projet(request.user, pk)
    form = AttestationGarantiesForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Joignez l’attestation de constitution des garanties financières.")
        return redirect("potentiel:garanties", pk)
    return _done(
        request,
        pk,
        lambda: services.attestation_record(user=request.user, projet=projet, document=form.cleaned_data["document"]),
        "L’attestation est transmise.",
    )


@login_required
def mainlevees_queue(request):
    if permissions.agent_authority(request.user) is None:
        raise PermissionDenied("Réservé aux agents des DREAL et de la DGEC.")
    return render(
        request,
        "potentiel/guarantees/mainlevees.html",
        {"title": "Demandes de mainlevée à instruire", "mainlevees": mainlevees_to_instruct(request.user)[:200]},
    )


@login_required
@require_POST
def mainlevee_request(request, pk: int):
    projet = _projet(request.user, pk)
    form = MainleveeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez le motif de la mainlevée.")
        return redirect("potentiel:garanties", pk)
    return _done(
        request,
        pk,
        lambda: mainlevee_services.mainlevee_request(
            user=request.user, projet=projet, reason=form.cleaned_data["motif"]
        ),
        "Votre demande de mainlevée est déposée.",
    )


@login_required
@require_POST
def mainlevee_action(request, pk: int, action: str):
    projet = _projet(request.user, pk)
    if action not in ("annuler", "passer-en-instruction"):
        raise Http404
    return _done(
        request,
        pk,
        lambda: mainlevee_services.mainlevee_act(user=request.user, projet=projet, action=action),
        "C’est fait.",
    )


@login_required
@require_POST
def mainlevee_decision(request, pk: int):
    projet = _projet(request.user, pk)
    form = MainleveeDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez la décision et écrivez ses motifs.")
        return redirect("potentiel:garanties", pk)
    return _done(
        request,
        pk,
        lambda: mainlevee_services.mainlevee_act(
            user=request.user,
            projet=projet,
            action=form.cleaned_data["decision"],
            decision_reason=form.cleaned_data["motifs"],
        ),
        "La décision est enregistrée ; le courrier est envoyé au porteur.",
    )


@login_required
def mainlevee_letter(request, pk: int, mainlevee_pk: int):
    projet = _projet(request.user, pk)
    mainlevee = get_object_or_404(Mainlevee, pk=mainlevee_pk, projet=projet)
    if not mainlevee.letter:
        raise Http404
    return FileResponse(
        mainlevee.letter.open("rb"),
        as_attachment=True,
        filename=f"mainlevee-{mainlevee.pk}.pdf",
        content_type="application/pdf",
    )
