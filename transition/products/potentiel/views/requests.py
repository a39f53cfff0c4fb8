"""Holder and agent pages of requests: what may be filed, filing, a request's page, its actions,
the decision with its letter, downloads. Views parse, call one service, and shape the page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from transition.platform.accounts import permissions as platform_permissions

from .. import permissions
from ..domain import lifecycle
from ..domain.changes import KIND_BY_SLUG, KIND_LABELS, KIND_SLUGS, ChangeKind, ChangeRefused
from ..domain.lifecycle import ACTION_LABELS, Action, Actor
from ..forms import REPRESENTANT_CHOICES, CommentForm, DecisionForm, DemandeForm
from ..models import Demande, Projet
from ..selectors.referential import projet_rules
from ..selectors.requests import available_changes, change_preview, demandes_of
from ..services.ppa import ppa_signalled
from ..services.requests import demande_act, demande_decide, demande_file


def _projet_for_holder(user, pk: int) -> Projet:
    projet = get_object_or_404(Projet.objects.select_related("periode", "appel_offres"), pk=pk)
    if not platform_permissions.can(user, permissions.PROJET_VIEW, projet):
        raise Http404
    return projet


@login_required
def projet_demandes(request, pk: int):
    """A project's requests, and the changes the holder may file (declaration or request, who decides)."""
    projet = _projet_for_holder(request.user, pk)
    may_act = platform_permissions.can(request.user, permissions.PROJET_ACT, projet)
    changes = (
        [
            {"kind": kind, "label": KIND_LABELS[kind], "slug": KIND_SLUGS[kind], "plan": plan, "refusal": refusal}
            for kind, plan, refusal in available_changes(projet)
        ]
        if may_act
        else []
    )
    return render(
        request,
        "potentiel/requests/projet.html",
        {
            "title": f"Demandes — {projet.nom_projet}",
            "projet": projet,
            "demandes": demandes_of(projet),
            "changes": changes,
            "may_act": may_act,
        },
    )


def _site_power(projet: Projet) -> str | None:
    spec = projet_rules(projet).champs_supplementaires.get("puissanceDeSite") or {}
    return spec.get("type") if spec.get("type") in ("requis", "optionnel") else None


@login_required
def demande_new(request, pk: int, slug: str):
    projet = _projet_for_holder(request.user, pk)
    if not platform_permissions.can(request.user, permissions.PROJET_ACT, projet):
        raise PermissionDenied("Seul le porteur du projet peut déposer une demande.")
    kind = KIND_BY_SLUG.get(slug)
    if kind is None:
        raise Http404
    plan, refusal = change_preview(projet, kind)
    form = DemandeForm(request.POST or None, request.FILES or None, kind=kind, site_power=_site_power(projet))
    error = None
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            demande = demande_file(
                user=request.user,
                projet=projet,
                kind=kind,
                values=form.values(),
                reason=form.cleaned_data["reason"],
                documents=form.cleaned_data["documents"],
            )
        except ChangeRefused as refused:
            error = refused.message
        else:
            messages.success(
                request,
                "Votre déclaration est enregistrée."
                if demande.is_declaration
                else f"Votre demande est déposée : {demande.authority_label} l’instruira.",
            )
            return redirect("potentiel:demande_detail", demande.pk)
    return render(
        request,
        "potentiel/requests/new.html",
        {
            "title": f"{KIND_LABELS[kind]} — {projet.nom_projet}",
            "projet": projet,
            "kind": kind,
            "kind_label": KIND_LABELS[kind],
            "plan": plan,
            "refusal": refusal,
            "form": form,
            "error": error,
        },
        status=400 if error or (request.method == "POST" and form.errors) else 200,
    )


def _demande_for(user, pk: int) -> Demande:
    demande = get_object_or_404(
        Demande.objects.select_related("projet", "projet__periode", "filed_by", "decided_by"), pk=pk
    )
    if not (
        platform_permissions.can(user, permissions.DEMANDE_VIEW, demande)
        or platform_permissions.can(user, permissions.PROJET_ACT, demande.projet)
    ):
        raise Http404
    return demande


@login_required
def demande_detail(request, pk: int):
    demande = _demande_for(request.user, pk)
    is_holder = platform_permissions.can(request.user, permissions.PROJET_ACT, demande.projet)
    may_instruct = platform_permissions.can(request.user, permissions.DEMANDE_INSTRUCT, demande)
    status = demande.status_enum
    holder_actions = (
        [
            a
            for a in lifecycle.allowed_actions(demande.kind, status, Actor.PORTEUR)
            if a not in (Action.DEMANDER, Action.CORRIGER)
        ]
        if is_holder and not demande.is_declaration
        else []
    )
    agent_actions = (
        [a for a in lifecycle.allowed_actions(demande.kind, status, Actor.INSTRUCTEUR) if a not in lifecycle.DECISIONS]
        if may_instruct and not demande.is_declaration
        else []
    )
    may_decide = (
        may_instruct
        and not demande.is_declaration
        and any(lifecycle.refusal(demande.kind, a, status, Actor.INSTRUCTEUR) is None for a in lifecycle.DECISIONS)
    )
    return render(
        request,
        "potentiel/requests/detail.html",
        {
            "title": f"{demande.kind_label} — {demande.projet.nom_projet}",
            "demande": demande,
            "projet": demande.projet,
            "holder_actions": [(a.value, ACTION_LABELS[a]) for a in holder_actions],
            "agent_actions": [(a.value, ACTION_LABELS[a]) for a in agent_actions],
            "may_decide": may_decide,
            "is_holder": is_holder,
            "representant_choices": REPRESENTANT_CHOICES,
            "is_recours": demande.kind == ChangeKind.RECOURS,
            "is_abandon": demande.kind == ChangeKind.ABANDON,
            "ppa_signalled": ppa_signalled(demande.projet),
            "decision_form": DecisionForm(),
            "comment_form": CommentForm(),
            "documents": demande.documents.all(),
            "events": demande.events.select_related("actor"),
        },
    )


@login_required
@require_POST
def demande_action(request, pk: int, action: str):
    demande = _demande_for(request.user, pk)
    try:
        action_enum = Action(action)
    except ValueError:
        raise Http404 from None
    if action_enum in lifecycle.DECISIONS or action_enum in (Action.DEMANDER, Action.CORRIGER):
        raise Http404
    form = CommentForm(request.POST)
    comment = form.cleaned_data["commentaire"] if form.is_valid() else ""
    try:
        demande_act(user=request.user, demande=demande, action=action_enum, comment=comment)
    except ChangeRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"C’est fait : {ACTION_LABELS[action_enum].lower()}.")
    return redirect("potentiel:demande_detail", demande.pk)


@login_required
@require_POST
def demande_decision(request, pk: int):
    demande = _demande_for(request.user, pk)
    if not platform_permissions.can(request.user, permissions.DEMANDE_INSTRUCT, demande):
        messages.error(request, lifecycle.WRONG_ACTOR_AGENT)
        return redirect("potentiel:demande_detail", demande.pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez la décision et écrivez ses motifs : rien n’est encore enregistré.")
        return redirect("potentiel:demande_detail", demande.pk)
    try:
        demande_decide(
            user=request.user,
            demande=demande,
            action=form.cleaned_data["decision"],
            decision_reason=form.cleaned_data["motifs"],
            granted_on=form.cleaned_data.get("date_accord"),
            ppa=form.cleaned_data.get("ppa") or None,
        )
    except ChangeRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, "La décision est enregistrée ; le courrier de réponse est envoyé au porteur.")
    return redirect("potentiel:demande_detail", demande.pk)


@login_required
def demande_letter(request, pk: int):
    demande = _demande_for(request.user, pk)
    if not demande.letter:
        raise Http404
    return FileResponse(
        demande.letter.open("rb"),
        as_attachment=True,
        filename=f"decision-{demande.slug}-{demande.pk}.pdf",
        content_type="application/pdf",
    )


@login_required
def demande_document(request, pk: int, document_pk: int):
    demande = _demande_for(request.user, pk)
    document = get_object_or_404(demande.documents, pk=document_pk, deleted_at__isnull=True)
    return FileResponse(
        document.file.open("rb"), as_attachment=True, filename=document.name, content_type=document.content_type
    )
