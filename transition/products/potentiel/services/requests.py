"""Requests and declarations of change: file, move along the lifecycle, decide with a reasoned
letter, apply the consequences. Each function is one transaction and checks its permission.

The rules come from the domain: `changes` (may this change be filed, declaration or request, who
decides), `lifecycle` (the status table and the effects of each action). Every decision goes to
the audit chain with the SHA-256 of the documents joined and of the letter.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from transition.platform.accounts import permissions as platform_permissions
from transition.platform.audit.services import event_record

from .. import notifications, permissions
from ..domain import lifecycle
from ..domain.changes import (
    KIND_LABELS,
    ChangeKind,
    ChangeRefused,
    Mode,
    check_delai_months,
    check_new_value,
    check_reason,
    check_recours_grant_date,
)
from ..domain.dates import initial_completion_date
from ..domain.guarantees import ExpectedReason
from ..domain.lifecycle import Action, Actor, Effect, Status
from ..domain.months import add_months
from ..domain.ppa import GrantOption
from ..enums import Statut, StatutLaureat
from ..models import Demande, DemandeDocument, DemandeEvent, Projet, ProjetAccess
from ..selectors.referential import projet_rules
from ..selectors.requests import change_plan, last_status, power_change
from . import guarantees as guarantee_services
from .documents import CheckedDocument, DocumentRefused, document_check
from .letters import letter_render
from .ppa import abandon_ppa_follow
from .projects import planned_completion_move
from .schedule import AUTOMATIC_DECISION_KINDS, completion_reminders_plan, task_plan, tasks_cancel

PRODUCT = "potentiel"

# How each kind is named in subjects and letters; « recours » is masculine.
NOUNS = {
    ChangeKind.ABANDON: ("Demande d'abandon", "f"),
    ChangeKind.DELAI: ("Demande de délai", "f"),
    ChangeKind.PUISSANCE: ("Demande de changement de puissance", "f"),
    ChangeKind.ACTIONNAIRE: ("Demande de changement d'actionnaire", "f"),
    ChangeKind.PRODUCTEUR: ("Demande de changement de producteur", "f"),
    ChangeKind.REPRESENTANT_LEGAL: ("Demande de changement de représentant légal", "f"),
    ChangeKind.RECOURS: ("Recours", "m"),
}
DECLARATION_NOUNS = {
    ChangeKind.PUISSANCE: "Déclaration de changement de puissance",
    ChangeKind.ACTIONNAIRE: "Déclaration de changement d'actionnaire",
    ChangeKind.PRODUCTEUR: "Déclaration de changement de producteur",
    ChangeKind.REPRESENTANT_LEGAL: "Déclaration de changement de représentant légal",
}
PAST = {
    Action.DEMANDER: ("déposée", "déposé"),
    Action.CORRIGER: ("corrigée", "corrigé"),
    Action.PASSER_EN_INSTRUCTION: ("en instruction", "en instruction"),
    Action.DEMANDER_CONFIRMATION: ("à confirmer", "à confirmer"),
    Action.CONFIRMER: ("confirmée", "confirmé"),
    Action.ACCORDER: ("accordée", "accordé"),
    Action.REJETER: ("rejetée", "rejeté"),
    Action.ANNULER: ("annulée", "annulé"),
}
# Kinds a request of which needs at least one supporting document.
DOCUMENTS_REQUIRED = frozenset(
    {ChangeKind.ABANDON, ChangeKind.DELAI, ChangeKind.RECOURS, ChangeKind.PUISSANCE, ChangeKind.REPRESENTANT_LEGAL}
)
DOCUMENT_MISSING = "Joignez au moins une pièce justificative."
REPRESENTANT_TYPES = {"personne-physique", "personne-morale", "collectivité", "autre"}


def event_title(kind: ChangeKind, action: Action, *, declaration: bool = False) -> str:
    if declaration:
        return DECLARATION_NOUNS.get(kind, f"Déclaration de changement ({KIND_LABELS[kind].lower()})")
    noun, gender = NOUNS[kind]
    return f"{noun} {PAST[action][0 if gender == 'f' else 1]}"


def demande_path(demande: Demande) -> str:
    return reverse("potentiel:demande_detail", args=[demande.pk])


# --- values --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Values:
    payload: dict
    previous: dict


def _decimal(raw, message: str) -> Decimal:
    try:
        value = Decimal(str(raw).replace(",", ".").replace(" ", ""))
    except (InvalidOperation, ValueError):
        raise ChangeRefused(message) from None
    if not value.is_finite():
        raise ChangeRefused(message)
    return value


def values_check(projet: Projet, kind: ChangeKind, raw: dict) -> Values:
    """The requested values, checked, with the project's current ones."""
    if kind is ChangeKind.DELAI:
        try:
            months = int(str(raw.get("mois", "")).strip())
        except ValueError:
            raise ChangeRefused("La durée du délai doit être un nombre entier de mois supérieur à zéro") from None
        check_delai_months(months)
        return Values({"mois": months}, {"date_achevement_previsionnelle": projet.date_achevement_previsionnelle})
    if kind is ChangeKind.PUISSANCE:
        new = _decimal(raw.get("puissance", ""), "La puissance d'un projet doit avoir une valeur positive")
        site_raw = str(raw.get("puissance_de_site", "") or "").strip()
        site = (
            _decimal(site_raw, "La puissance de site d'un projet doit avoir une valeur positive") if site_raw else None
        )
        payload = {"puissance": str(new)}
        if site is not None:
            payload["puissance_de_site"] = str(site)
        return Values(
            payload, {"puissance": str(projet.puissance), "puissance_de_site": projet.details.get("puissanceDeSite")}
        )
    if kind is ChangeKind.ACTIONNAIRE:
        new = " ".join(str(raw.get("actionnaire", "")).split())[:300]
        if not new:
            raise ChangeRefused("Indiquez le nouvel actionnaire (société mère)")
        return Values({"actionnaire": new}, {"actionnaire": projet.societe_mere})
    if kind is ChangeKind.PRODUCTEUR:
        new = " ".join(str(raw.get("producteur", "")).split())[:300]
        if not new:
            raise ChangeRefused("Indiquez le nouveau producteur")
        check_new_value(kind, projet.nom_candidat, new)
        return Values({"producteur": new}, {"producteur": projet.nom_candidat})
    if kind is ChangeKind.REPRESENTANT_LEGAL:
        name = " ".join(str(raw.get("nom", "")).split())[:300]
        type_ = str(raw.get("type", "")).strip()
        if not name:
            raise ChangeRefused("Indiquez le nom du représentant légal")
        if type_ not in REPRESENTANT_TYPES:
            raise ChangeRefused("Le type de représentant légal est inconnu")
        current = {"nom": projet.nom_representant_legal, "type": projet.details.get("typeRepresentantLegal", "")}
        check_new_value(kind, current, {"nom": name, "type": type_})
        return Values({"nom": name, "type": type_}, current)
    if kind is ChangeKind.ABANDON:
        return Values({"recandidature": bool(raw.get("recandidature")), "ppa": bool(raw.get("ppa"))}, {})
    return Values({}, {})


def _plan(projet: Projet, kind: ChangeKind, values: Values, wanted: Mode | None):
    if kind is ChangeKind.PUISSANCE:
        site = values.payload.get("puissance_de_site")
        power = power_change(projet, Decimal(values.payload["puissance"]), Decimal(site) if site else None)
        return change_plan(projet, kind, wanted=wanted, power=power)
    return change_plan(projet, kind, wanted=wanted)


# --- filing --------------------------------------------------------------------------------------


def _store_documents(demande: Demande, documents: list[CheckedDocument], user) -> None:
    for doc in documents:
        DemandeDocument.objects.create(
            demande=demande,
            file=doc.as_file(),
            name=doc.name,
            content_type=doc.content_type,
            size=doc.size,
            sha256=doc.sha256,
            uploaded_by=user,
        )


def _history(demande: Demande, action: str, before, after, actor, comment: str = "") -> None:
    DemandeEvent.objects.create(
        demande=demande,
        action=action,
        status_before=before or "",
        status_after=after,
        actor=actor,
        comment=comment[:2000],
    )


def _audit(demande: Demande, action: str, actor, **extra) -> None:
    event_record(
        actor=actor,
        action=f"potentiel.demande.{action}",
        target=demande,
        product=PRODUCT,
        payload={
            "projet": demande.projet.identifiant,
            "nature": demande.kind,
            "forme": demande.mode,
            "statut": demande.status,
            "autorite": demande.authority,
            "documents": [d.sha256 for d in demande.documents.all()],
            **extra,
        },
    )


def demande_file(
    *,
    user,
    projet: Projet,
    kind: ChangeKind | str,
    values: dict,
    reason: str,
    documents: list,
    wanted: Mode | None = None,
    today: date | None = None,
) -> Demande:
    """The holder files a request, or records a declaration (applied at once)."""
    platform_permissions.require(user, permissions.PROJET_ACT, projet)
    kind = ChangeKind(kind)
    today = today or timezone.localdate()
    checked_reason = check_reason(reason)
    try:
        checked_documents = [document_check(d) for d in documents]
    except DocumentRefused as refused:
        raise ChangeRefused(refused.message) from None
    with transaction.atomic():
        projet = Projet.objects.select_for_update().select_related("periode", "appel_offres").get(pk=projet.pk)
        values_ = values_check(projet, kind, values)
        plan = _plan(projet, kind, values_, wanted)
        if not plan.is_declaration and kind in DOCUMENTS_REQUIRED and not checked_documents:
            raise ChangeRefused(DOCUMENT_MISSING)
        now = timezone.now()
        if plan.is_declaration:
            status = Status.ACCORDE
        else:
            try:
                status = lifecycle.next_status(kind, Action.DEMANDER, last_status(projet, kind), Actor.PORTEUR)
            except lifecycle.TransitionRefused as refused:
                raise ChangeRefused(refused.message) from None
        demande = Demande.objects.create(
            projet=projet,
            kind=kind,
            mode=plan.mode,
            status=status,
            authority=plan.authority,
            region=projet.region,
            payload=values_.payload,
            previous=_jsonable(values_.previous),
            reason=checked_reason,
            filed_by=user,
            filed_at=now,
            decided_by=user if plan.is_declaration else None,
            decided_at=now if plan.is_declaration else None,
        )
        _store_documents(demande, checked_documents, user)
        _history(demande, "déclarer" if plan.is_declaration else Action.DEMANDER, None, status, user)
        if plan.is_declaration:
            _apply(demande, lifecycle.effects(kind, Action.ACCORDER), actor=user, today=today, declaration=True)
        else:
            _apply(demande, lifecycle.effects(kind, Action.DEMANDER), actor=user, today=today, automatic=plan.automatic)
            abandon_ppa_follow(demande=demande, action=Action.DEMANDER, user=user)
        _audit(demande, "declarer" if plan.is_declaration else "deposer", user)
    return demande


def _jsonable(data: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in data.items()}


# --- moving along the lifecycle ------------------------------------------------------------------


def _actor_for(user, demande: Demande, action: Action) -> Actor:
    """Holders act as PORTEUR, agents as INSTRUCTEUR; permissions checked here."""
    transition = lifecycle.LIFECYCLES[demande.kind].transitions.get(action)
    holder_action = transition is not None and Actor.PORTEUR in transition.actors
    if holder_action:
        if not platform_permissions.can(user, permissions.PROJET_ACT, demande.projet):
            raise PermissionDenied("Seul le porteur du projet peut faire cette action.")
        return Actor.PORTEUR
    if not platform_permissions.can(user, permissions.DEMANDE_VIEW, demande):
        raise PermissionDenied("Vous n’avez pas accès à ce projet.")
    if not platform_permissions.can(user, permissions.DEMANDE_INSTRUCT, demande):
        raise ChangeRefused(lifecycle.WRONG_ACTOR_AGENT)
    return Actor.INSTRUCTEUR


def _locked(demande: Demande) -> Demande:
    return (
        Demande.objects.select_for_update()
        .select_related("projet", "projet__periode", "projet__appel_offres")
        .get(pk=demande.pk)
    )


def demande_act(
    *, user, demande: Demande, action: Action | str, comment: str = "", today: date | None = None
) -> Demande:
    """Take in instruction, ask or give a confirmation, cancel (not a decision: see demande_decide)."""
    action = Action(action)
    if action in lifecycle.DECISIONS:
        raise ValueError("Une décision passe par demande_decide (courrier motivé).")
    today = today or timezone.localdate()
    with transaction.atomic():
        demande = _locked(demande)
        actor = _actor_for(user, demande, action)
        before = demande.status_enum
        try:
            demande.status = lifecycle.next_status(demande.kind, action, before, actor)
        except lifecycle.TransitionRefused as refused:
            raise ChangeRefused(refused.message) from None
        if action is Action.PASSER_EN_INSTRUCTION:
            demande.instructed_by = user
            demande.instruction_started_at = timezone.now()
        demande.save()
        _history(demande, action, before, demande.status, user, comment)
        _apply(demande, lifecycle.effects(demande.kind, action), actor=user, today=today, action=action)
        abandon_ppa_follow(demande=demande, action=action, user=user)
        _audit(demande, action.value, user)
    return demande


def demande_decide(
    *,
    user,
    demande: Demande,
    action: Action | str,
    decision_reason: str,
    today: date | None = None,
    granted_on: date | None = None,
    automatic: bool = False,
    ppa: GrantOption | str | None = None,
    event: str | None = None,
) -> Demande:
    """Grant or reject with a reasoned letter (PDF from a template), audit and consequences.
    `user` None with `automatic=True`: the system's decision after three months. `ppa`: what the
    grant of an abandon does to the PPA signal (domain/ppa.py). `event`: the holders' email
    names the decision otherwise (« … corrigée et accordée »)."""
    action = Action(action)
    if action not in lifecycle.DECISIONS:
        raise ValueError("Seuls accorder et rejeter sont des décisions.")
    today = today or timezone.localdate()
    decision_reason = (decision_reason or "").strip()
    if not decision_reason:
        raise ChangeRefused("Les motifs de la décision sont obligatoires")
    with transaction.atomic():
        demande = _locked(demande)
        actor = Actor.SYSTEME if automatic else _actor_for(user, demande, action)
        before = demande.status_enum
        try:
            demande.status = lifecycle.next_status(demande.kind, action, before, actor)
        except lifecycle.TransitionRefused as refused:
            raise ChangeRefused(refused.message) from None
        if demande.kind == ChangeKind.RECOURS and action is Action.ACCORDER:
            granted_on = granted_on or today
            check_recours_grant_date(granted_on, demande.projet.date_notification, today)
            demande.payload = {**demande.payload, "date_accord": granted_on.isoformat()}
        demande.decided_by = user
        demande.decided_at = timezone.now()
        demande.decision_reason = decision_reason[:5000]
        demande.automatic = automatic
        _apply(demande, lifecycle.effects(demande.kind, action), actor=user, today=today, action=action, event=event)
        abandon_ppa_follow(demande=demande, action=action, user=user, option=ppa)
        letter = letter_render(
            template_names=[f"potentiel/letters/{demande.slug}_{action.value}.html", "potentiel/letters/decision.html"],
            context=_letter_context(demande, action),
            name=f"decision-{demande.slug}-{demande.pk}.pdf",
            today=today,
        )
        demande.letter.save(letter.name, ContentFile(letter.content), save=False)
        demande.letter_sha256 = letter.sha256
        demande.save()
        _history(demande, action, before, demande.status, user, "Décision automatique" if automatic else "")
        _audit(demande, action.value, user, courrier=letter.sha256, automatique=automatic)
    return demande


def _letter_context(demande: Demande, action: Action) -> dict:
    projet = demande.projet
    return {
        "demande": demande,
        "projet": projet,
        "accorde": action is Action.ACCORDER,
        "titre": event_title(demande.kind_enum, action),
        "nature": NOUNS[demande.kind_enum][0],
        "autorite": "Direction générale de l’énergie et du climat"
        if demande.authority == "dgec"
        else "Direction régionale de l’environnement, de l’aménagement et du logement",
        "signataire": demande.decided_by.get_full_name() if demande.decided_by else "",
        "automatique": demande.automatic,
    }


# --- consequences --------------------------------------------------------------------------------


def _apply(
    demande: Demande,
    effects: tuple[Effect, ...],
    *,
    actor,
    today: date,
    declaration: bool = False,
    action: Action | None = None,
    automatic: str | None = None,
    event: str | None = None,
) -> None:
    projet = demande.projet
    kind = demande.kind_enum
    path = demande_path(demande)
    for effect in effects:
        if effect is Effect.APPLY_VALUE:
            apply_value(projet, kind, demande.payload)
        elif effect is Effect.MOVE_COMPLETION and projet.date_achevement_previsionnelle:
            moved = planned_completion_move(
                projet=projet,
                months=demande.payload["mois"],
                reason="Délai accordé",
                by=actor,
                payload={"demande": demande.pk},
            )
            demande.payload = {**demande.payload, "nouvelle_date": moved.isoformat()}
        elif effect is Effect.ABANDON_PROJECT:
            projet.statut_laureat = StatutLaureat.ABANDONNE
            projet.save(update_fields=["statut_laureat"])
        elif effect is Effect.CANCEL_PENDING_REQUESTS:
            for other in projet.demandes.pending().exclude(pk=demande.pk):
                before = other.status
                other.status = Status.ANNULE
                other.save(update_fields=["status", "updated_at"])
                _history(
                    other, Action.ANNULER, before, Status.ANNULE, actor, "Annulée : l’abandon du projet a été accordé."
                )
                tasks_cancel(projet=projet, kinds=AUTOMATIC_DECISION_KINDS, demande=other)
        elif effect is Effect.CANCEL_GUARANTEE_TASKS:
            guarantee_services.guarantee_tasks_cancel(projet=projet)
        elif effect is Effect.CANCEL_COMPLETION_TASKS:
            completion_reminders_cancel(projet)
        elif effect is Effect.SCHEDULE_COMPLETION_TASKS:
            if projet.is_active_laureat:
                completion_reminders_plan(projet=projet, today=today)
        elif effect is Effect.MAKE_LAUREAT:
            _make_laureat(projet, demande, today)
        elif effect is Effect.REVOKE_ACCESSES:
            _revoke_accesses(projet, actor)
        elif effect is Effect.DEMAND_GUARANTEES:
            reason = (
                ExpectedReason.CHANGEMENT_PRODUCTEUR
                if kind is ChangeKind.PRODUCTEUR
                else ExpectedReason.RECOURS_ACCORDE
            )
            if projet_rules(projet).soumis_aux_garanties:
                guarantee_services.garanties_demand(projet=projet, reason=reason, today=today)
        elif effect is Effect.SCHEDULE_AUTOMATIC_DECISION and automatic:
            filed = timezone.localdate(demande.filed_at)
            demande.automatic_decision_on = add_months(filed, 3)
            demande.reminder_on = add_months(filed, 2)
            demande.payload = {**demande.payload, "instruction_automatique": automatic}
            demande.save(update_fields=["automatic_decision_on", "reminder_on", "payload", "updated_at"])
            task_plan(
                projet=projet, kind="représentant-légal-décision", due_on=demande.automatic_decision_on, demande=demande
            )
            task_plan(projet=projet, kind="représentant-légal-rappel", due_on=demande.reminder_on, demande=demande)
        elif effect is Effect.CANCEL_AUTOMATIC_DECISION:
            tasks_cancel(projet=projet, kinds=AUTOMATIC_DECISION_KINDS, demande=demande)
            if kind is ChangeKind.REPRESENTANT_LEGAL and demande.documents.exists():
                # Identity papers: kept three months after the decision (or the declaration).
                task_plan(projet=projet, kind="représentant-légal-pièces", due_on=add_months(today, 3), demande=demande)
        elif effect is Effect.NOTIFY_AUTHORITY:
            title = event_title(kind, action or Action.DEMANDER, declaration=declaration)
            notifications.notify_authority(
                projet=projet, authority=demande.authority, event=title, message=f"{title}.", path=path
            )
        elif effect is Effect.NOTIFY_HOLDER:
            title = event or event_title(kind, action or Action.ACCORDER, declaration=declaration)
            notifications.notify_holders(projet=projet, event=title, message=f"{title}.", path=path)
            if kind is ChangeKind.RECOURS:
                notifications.notify_cre(projet=projet, event=title, message=f"{title}.", path=path)
    if declaration:
        title = event_title(kind, Action.ACCORDER, declaration=True)
        notifications.notify_authority(
            projet=projet, authority=demande.authority, event=title, message=f"{title}.", path=path
        )


def completion_reminders_cancel(projet: Projet) -> None:
    tasks_cancel(
        projet=projet,
        kinds=["rappel-achèvement-trois-mois", "rappel-achèvement-deux-mois", "rappel-achèvement-un-mois"],
    )


def apply_value(projet: Projet, kind: ChangeKind, payload: dict) -> None:
    """Write a granted, declared or administration's value into the project."""
    if kind is ChangeKind.PUISSANCE:
        projet.puissance = Decimal(payload["puissance"])
        if payload.get("puissance_de_site"):
            projet.details = {**projet.details, "puissanceDeSite": payload["puissance_de_site"]}
        projet.save(update_fields=["puissance", "details"])
    elif kind is ChangeKind.ACTIONNAIRE:
        projet.societe_mere = payload["actionnaire"]
        projet.save(update_fields=["societe_mere"])
    elif kind is ChangeKind.PRODUCTEUR:
        projet.nom_candidat = payload["producteur"]
        if payload.get("numero_identification"):
            projet.numero_identification = payload["numero_identification"]
        projet.save(update_fields=["nom_candidat", "numero_identification"])
    elif kind is ChangeKind.REPRESENTANT_LEGAL:
        projet.nom_representant_legal = payload["nom"]
        projet.details = {**projet.details, "typeRepresentantLegal": payload["type"]}
        projet.save(update_fields=["nom_representant_legal", "details"])


def _make_laureat(projet: Projet, demande: Demande, today: date) -> None:
    granted_on = date.fromisoformat(demande.payload.get("date_accord") or today.isoformat())
    projet.statut = Statut.LAUREAT
    projet.statut_laureat = StatutLaureat.ACTIF
    delay = projet_rules(projet).delai_realisation_mois
    if delay:
        projet.date_achevement_previsionnelle = initial_completion_date(granted_on, int(delay))
    projet.save(update_fields=["statut", "statut_laureat", "date_achevement_previsionnelle"])


def _revoke_accesses(projet: Projet, actor) -> None:
    accesses = list(ProjetAccess.objects.filter(projet=projet, revoked_at__isnull=True).select_related("user"))
    emails = sorted({a.user.email for a in accesses})
    ProjetAccess.objects.filter(pk__in=[a.pk for a in accesses]).update(
        revoked_at=timezone.now(), revoked_reason="changement de producteur"
    )
    if emails:
        notifications.notify_revoked(emails=emails, projet=projet, path=reverse("potentiel:home"))


def documents_delete(*, demande: Demande) -> int:
    """Delete the files joined to a request (their names and SHA-256 stay, as in the audit)."""
    count = 0
    for document in demande.documents.filter(deleted_at__isnull=True):
        document.file.delete(save=False)
        document.deleted_at = timezone.now()
        document.save(update_fields=["file", "deleted_at"])
        count += 1
    if count:
        event_record(
            actor=None,
            action="potentiel.demande.pieces-supprimees",
            target=demande,
            product=PRODUCT,
            payload={"projet": demande.projet.identifiant, "pieces": count},
        )
    return count


def demande_decide_automatically(*, demande: Demande, today: date) -> Demande | None:
    """Représentant légal after three months without decision: the rules' « accord » or « rejet »."""
    automatic = demande.payload.get("instruction_automatique")
    if not demande.is_pending or automatic not in ("accord", "rejet"):
        return None
    action = Action.ACCORDER if automatic == "accord" else Action.REJETER
    reason = (
        "Sans décision de l’autorité compétente dans un délai de trois mois, la demande est réputée "
        + ("accordée" if action is Action.ACCORDER else "rejetée")
        + ", comme le prévoit le cahier des charges."
    )
    return demande_decide(
        user=None, demande=demande, action=action, decision_reason=reason, today=today, automatic=True
    )
