"""Grid connection: dossiers (checked against the operator's format), DCR, PTF, convention,
commissioning dates (from the grid operator, its API and CSV, or corrected by the DGEC).
Commissioning moves the planned completion when a chosen cahier des charges grants it."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from transition.platform.accounts import permissions as platform_permissions
from transition.platform.audit.services import event_record

from .. import permissions
from ..domain import grid as rules
from ..domain.completion import with_cdc_extension
from ..domain.grid import DocumentKind, DossierFacts, GridActor, GridChange, GridRefused
from ..models import DossierRaccordement, GestionnaireReseau, Projet, Raccordement
from ..selectors.referential import projet_rules
from .documents import DocumentRefused, document_check
from .ppa import ppa_signalled
from .projects import planned_completion_move
from .schedule import completion_reminders_plan

PRODUCT = "potentiel"
ABANDONED = rules.ABANDONED
ACHIEVED = rules.ACHIEVED  # for the holder and the DREAL; the DGEC still may
ABANDON_PENDING = rules.ABANDON_PENDING


def _facts(dossier: DossierRaccordement) -> DossierFacts:
    return DossierFacts(
        reference=dossier.reference,
        dcr_date=dossier.dcr_date,
        ptf_date=dossier.ptf_date,
        has_convention=bool(dossier.convention_sha256),
        commissioned_on=dossier.mise_en_service,
        has_acknowledgement=bool(dossier.dcr_sha256),
    )


def _audit(projet: Projet, action: str, actor, **payload) -> None:
    event_record(
        actor=actor,
        action=f"potentiel.raccordement.{action}",
        target=projet,
        product=PRODUCT,
        payload={"projet": projet.identifiant, **payload},
    )


def _raccordement(projet: Projet) -> Raccordement:
    raccordement, _ = Raccordement.objects.select_for_update().get_or_create(projet=projet)
    return raccordement


def actor_of(user, projet: Projet) -> GridActor:
    """The DGEC, the holder, or the DREAL of the project's région; PermissionDenied otherwise."""
    if platform_permissions.can(user, permissions.RACCORDEMENT_ADMIN):
        return GridActor.DGEC
    if platform_permissions.can(user, permissions.PROJET_ACT, projet):
        return GridActor.PORTEUR
    if platform_permissions.can(user, permissions.RACCORDEMENT_DREAL, projet):
        return GridActor.DREAL
    raise PermissionDenied("Seuls le porteur du projet, la DREAL de sa région et la DGEC modifient le raccordement.")


def check_state(projet: Projet) -> None:
    """Abandoned or abandon asked: closed, unless the project is signalled as gone in PPA."""
    rules.check_project_state(
        abandoned=projet.statut_laureat == "abandonné",
        abandon_pending=projet.demandes.pending().filter(kind="abandon").exists(),
        ppa=ppa_signalled(projet),
    )


def _achieved(projet: Projet) -> bool:
    return projet.statut_laureat == "achevé"


def gestionnaire_set(*, user, projet: Projet, gestionnaire_code: str) -> Raccordement:
    actor = actor_of(user, projet)
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        check_state(projet)
        rules.check_lock(GridChange.OPERATOR, actor, in_service=False, achieved=_achieved(projet))
        raccordement = _raccordement(projet)
        operator = GestionnaireReseau.objects.filter(pk=gestionnaire_code).first()
        rules.check_operator_change([_facts(d) for d in raccordement.dossiers.all()], operator is not None)
        raccordement.gestionnaire = operator
        raccordement.save()
        _audit(projet, "gestionnaire", user, gestionnaire=operator.pk)
    return raccordement


def dossier_add(
    *, user, projet: Projet, reference: str, dcr_date: date | None = None, dcr_document=None, today: date | None = None
) -> DossierRaccordement:
    """A new dossier, its reference checked against the operator's format."""
    actor_of(user, projet)
    today = today or timezone.localdate()
    reference = (reference or "").strip()
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        check_state(projet)
        raccordement = _raccordement(projet)
        if raccordement.gestionnaire is None:
            raise GridRefused("Choisissez d’abord le gestionnaire de réseau du projet")
        rules.check_new_dossier(
            [_facts(d) for d in raccordement.dossiers.all()],
            reference,
            raccordement.gestionnaire.expression_reguliere or None,
        )
        dossier = DossierRaccordement(raccordement=raccordement, reference=reference, updated_by=user)
        document_store(dossier, DocumentKind.ACCUSE_RECEPTION, dcr_document)
        if dcr_date:
            dossier.dcr_date = rules.check_past_date(dcr_date, today, rules.DCR_FUTURE)
        dossier.save()
        _audit(
            projet, "dossier", user, reference=reference, documents=[dossier.dcr_sha256] if dossier.dcr_sha256 else []
        )
    return dossier


def document_store(dossier: DossierRaccordement, kind: DocumentKind, upload) -> None:
    if upload is None:
        return
    try:
        doc = document_check(upload)
    except DocumentRefused as refused:
        raise GridRefused(refused.message) from None
    field = DOCUMENT_FIELDS[kind]
    getattr(dossier, f"{field}_document").save(doc.name, doc.as_file(), save=False)
    setattr(dossier, f"{field}_sha256", doc.sha256)


DOCUMENT_FIELDS = {
    DocumentKind.ACCUSE_RECEPTION: "dcr",
    DocumentKind.PTF: "ptf",
    DocumentKind.CONVENTION: "convention",
    DocumentKind.CONVENTION_DIRECTE: "convention_directe",
}


def dossier_for_update(projet: Projet, reference: str) -> DossierRaccordement:
    raccordement = _raccordement(projet)
    rules.find_dossier([_facts(d) for d in raccordement.dossiers.all()], reference)
    return raccordement.dossiers.select_for_update().get(reference=reference)


def dossier_update(
    *,
    user,
    projet: Projet,
    reference: str,
    dcr_date: date | None = None,
    dcr_document=None,
    ptf_date: date | None = None,
    ptf_document=None,
    convention_document=None,
    today: date | None = None,
) -> DossierRaccordement:
    """DCR (locked once in service, except for the administration), PTF, convention."""
    actor = actor_of(user, projet)
    by_admin = actor is GridActor.DGEC
    today = today or timezone.localdate()
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        check_state(projet)
        dossier = dossier_for_update(projet, reference)
        facts = _facts(dossier)
        if dcr_date or dcr_document:
            rules.check_lock(GridChange.DCR, actor, in_service=False, achieved=_achieved(projet))
            rules.check_dcr_change(facts, by_admin=by_admin)
            if dcr_date:
                dossier.dcr_date = rules.check_past_date(dcr_date, today, rules.DCR_FUTURE)
            document_store(dossier, DocumentKind.ACCUSE_RECEPTION, dcr_document)
        if ptf_date or ptf_document:
            rules.check_lock(
                GridChange.DOCUMENT, actor, in_service=bool(facts.commissioned_on), achieved=_achieved(projet)
            )
            if ptf_date:
                dossier.ptf_date = rules.check_past_date(ptf_date, today, rules.PTF_FUTURE)
            document_store(dossier, DocumentKind.PTF, ptf_document)
        if convention_document:
            rules.check_convention(facts)
            document_store(dossier, DocumentKind.CONVENTION, convention_document)
        dossier.updated_by = user
        dossier.save()
        _audit(
            projet,
            "dossier-modifie",
            user,
            reference=reference,
            documents=[h for h in (dossier.dcr_sha256, dossier.ptf_sha256, dossier.convention_sha256) if h],
        )
    return dossier


def dossier_reference_update(*, user, projet: Projet, reference: str, new_reference: str) -> DossierRaccordement:
    """Correct a dossier's reference (in the operator's format); once the dossier is in service,
    only the DGEC may."""
    actor = actor_of(user, projet)
    new_reference = (new_reference or "").strip()
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        check_state(projet)
        raccordement = _raccordement(projet)
        pattern = raccordement.gestionnaire.expression_reguliere if raccordement.gestionnaire else None
        facts = rules.check_reference_change(
            [_facts(d) for d in raccordement.dossiers.all()], reference, new_reference, pattern or None
        )
        rules.check_lock(
            GridChange.REFERENCE, actor, in_service=bool(facts.commissioned_on), achieved=False, reference=reference
        )
        dossier = raccordement.dossiers.select_for_update().get(reference=reference)
        dossier.reference = new_reference
        dossier.updated_by = user
        dossier.save()
        _audit(projet, "reference-modifiee", user, avant=reference, apres=new_reference)
    return dossier


def dossier_delete(*, user, projet: Projet, reference: str) -> None:
    """Remove a dossier (and its documents); the project's commissioning is computed again."""
    actor = actor_of(user, projet)
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        check_state(projet)
        dossier = dossier_for_update(projet, reference)
        rules.check_lock(
            GridChange.DOSSIER_DELETE,
            actor,
            in_service=dossier.mise_en_service is not None,
            achieved=_achieved(projet),
        )
        for field in DOCUMENT_FIELDS.values():
            getattr(dossier, f"{field}_document").delete(save=False)
        dossier.delete()
        _refresh_commissioning(projet)
        _audit(projet, "dossier-supprime", user, reference=reference)


@dataclass(frozen=True)
class Commissioning:
    dossier: DossierRaccordement
    project_date: date | None
    completion_moved_to: date | None


def mise_en_service_set(
    *,
    user,
    projet: Projet,
    reference: str,
    day: date,
    today: date | None = None,
    operator: GestionnaireReseau | None = None,
    source: str = "page",
    modify: bool = False,
) -> Commissioning:
    """The grid operator gives the commissioning date (once); the DGEC corrects it.
    `operator`: the grid operator calling through its API token or CSV (no user then).
    `modify`: the caller changes a date already given (refused when the dossier has none)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        projet = Projet.objects.select_for_update().select_related("periode", "appel_offres").get(pk=projet.pk)
        dossier = dossier_for_update(projet, reference)
        is_admin = operator is None and platform_permissions.can(user, permissions.RACCORDEMENT_ADMIN)
        if operator is not None:
            allowed = dossier.raccordement.gestionnaire_id == operator.pk
        else:
            allowed = is_admin or platform_permissions.can(user, permissions.RACCORDEMENT_GRD, dossier)
        if not allowed:
            raise PermissionDenied("Seuls le gestionnaire de réseau du dossier et la DGEC transmettent cette date.")
        check_state(projet)
        correction = modify or dossier.mise_en_service is not None
        if correction and not is_admin:
            raise GridRefused(rules.ALREADY_COMMISSIONED)
        rules.check_commissioning(
            _facts(dossier), day, designated_on=projet.date_notification, today=today, correction=correction
        )
        dossier.mise_en_service = day
        dossier.updated_by = user
        dossier.save()
        moved = _refresh_commissioning(projet)
        _audit(
            projet,
            "mise-en-service",
            user,
            reference=reference,
            date=day,
            source=source,
            gestionnaire=operator.pk if operator else None,
        )
    return Commissioning(dossier, projet.raccordement.mise_en_service, moved)


def mise_en_service_delete(*, user, projet: Projet, reference: str) -> None:
    if not platform_permissions.can(user, permissions.RACCORDEMENT_ADMIN):
        raise PermissionDenied("Seule la DGEC supprime une date de mise en service.")
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        check_state(projet)
        dossier = dossier_for_update(projet, reference)
        dossier.mise_en_service = None
        dossier.save()
        _refresh_commissioning(projet)
        _audit(projet, "mise-en-service-supprimee", user, reference=reference)


def _refresh_commissioning(projet: Projet) -> date | None:
    """The project is in service on its dossiers' latest date; a chosen CDC may extend the
    planned completion when that date falls within its interval. Returns the new planned date
    when it moved."""
    raccordement = projet.raccordement
    latest = rules.project_commissioning([_facts(d) for d in raccordement.dossiers.all()])
    raccordement.mise_en_service = latest.commissioned_on if latest else None
    raccordement.save(update_fields=["mise_en_service"])
    applicable = projet_rules(projet).delai_applicable
    if not applicable or projet.date_achevement_previsionnelle is None or projet.details.get("extensionCdcAppliquee"):
        return None
    before = projet.date_achevement_previsionnelle
    if with_cdc_extension(before, applicable, raccordement.mise_en_service) == before:
        return None
    moved = planned_completion_move(
        projet=projet,
        months=int(applicable["mois"]),
        reason=f"Délai du cahier des charges modifié paru le {projet.cahier_des_charges}",
        payload={"mise_en_service": raccordement.mise_en_service.isoformat()},
    )
    projet.details = {**projet.details, "extensionCdcAppliquee": True}
    projet.save(update_fields=["details"])
    completion_reminders_plan(projet=projet)
    return moved


def project_commissioning_date(projet: Projet) -> date | None:
    """The commissioning date of the project (its dossiers' latest), for the CDC choice."""
    raccordement = Raccordement.objects.filter(projet=projet).first()
    return raccordement.mise_en_service if raccordement else None
