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
from ..domain.grid import DocumentKind, DossierFacts, GridRefused
from ..models import DossierRaccordement, GestionnaireReseau, Projet, Raccordement
from ..selectors.referential import projet_rules
from .documents import DocumentRefused, document_check
from .projects import planned_completion_move
from .schedule import completion_reminders_plan

PRODUCT = "potentiel"
ABANDONED = "Impossible de faire un changement pour un projet abandonné"
ACHIEVED = "Impossible de faire un changement pour un projet achevé"  # for the holder; the DGEC still may
ABANDON_PENDING = "Impossible de faire un changement car une demande d'abandon est en cours pour le projet"


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


def _check_holder_or_admin(user, projet: Projet) -> bool:
    """True for the administration (DGEC), False for the holder; PermissionDenied otherwise."""
    if platform_permissions.can(user, permissions.RACCORDEMENT_ADMIN):
        return True
    if platform_permissions.can(user, permissions.PROJET_ACT, projet):
        return False
    raise PermissionDenied("Seuls le porteur du projet et la DGEC modifient le raccordement.")


def _not_abandoned(projet: Projet) -> None:
    if projet.statut_laureat == "abandonné":
        raise GridRefused(ABANDONED)


def _not_achieved_unless_admin(projet: Projet, by_admin: bool) -> None:
    if projet.statut_laureat == "achevé" and not by_admin:
        raise GridRefused(ACHIEVED)


def gestionnaire_set(*, user, projet: Projet, gestionnaire_code: str) -> Raccordement:
    by_admin = _check_holder_or_admin(user, projet)
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        _not_abandoned(projet)
        _not_achieved_unless_admin(projet, by_admin)
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
    _check_holder_or_admin(user, projet)
    today = today or timezone.localdate()
    reference = (reference or "").strip()
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        _not_abandoned(projet)
        raccordement = _raccordement(projet)
        if raccordement.gestionnaire is None:
            raise GridRefused("Choisissez d’abord le gestionnaire de réseau du projet")
        rules.check_new_dossier(
            [_facts(d) for d in raccordement.dossiers.all()],
            reference,
            raccordement.gestionnaire.expression_reguliere or None,
        )
        dossier = DossierRaccordement(raccordement=raccordement, reference=reference, updated_by=user)
        _set_document(dossier, DocumentKind.ACCUSE_RECEPTION, dcr_document)
        if dcr_date:
            dossier.dcr_date = rules.check_past_date(dcr_date, today, rules.DCR_FUTURE)
        dossier.save()
        _audit(
            projet, "dossier", user, reference=reference, documents=[dossier.dcr_sha256] if dossier.dcr_sha256 else []
        )
    return dossier


def _set_document(dossier: DossierRaccordement, kind: DocumentKind, upload) -> None:
    if upload is None:
        return
    try:
        doc = document_check(upload)
    except DocumentRefused as refused:
        raise GridRefused(refused.message) from None
    field = {DocumentKind.ACCUSE_RECEPTION: "dcr", DocumentKind.PTF: "ptf", DocumentKind.CONVENTION: "convention"}[kind]
    getattr(dossier, f"{field}_document").save(doc.name, doc.as_file(), save=False)
    setattr(dossier, f"{field}_sha256", doc.sha256)


def _dossier(projet: Projet, reference: str) -> DossierRaccordement:
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
    by_admin = _check_holder_or_admin(user, projet)
    today = today or timezone.localdate()
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        if projet.demandes.pending().filter(kind="abandon").exists():
            raise GridRefused(ABANDON_PENDING)
        dossier = _dossier(projet, reference)
        facts = _facts(dossier)
        if dcr_date or dcr_document:
            _not_achieved_unless_admin(projet, by_admin)
            rules.check_dcr_change(facts, by_admin=by_admin)
            if dcr_date:
                dossier.dcr_date = rules.check_past_date(dcr_date, today, rules.DCR_FUTURE)
            _set_document(dossier, DocumentKind.ACCUSE_RECEPTION, dcr_document)
        if ptf_date or ptf_document:
            if facts.commissioned_on and not by_admin:
                raise GridRefused(rules.DOCUMENT_LOCKED)
            if ptf_date:
                dossier.ptf_date = rules.check_past_date(ptf_date, today, rules.PTF_FUTURE)
            _set_document(dossier, DocumentKind.PTF, ptf_document)
        if convention_document:
            rules.check_convention(facts)
            _set_document(dossier, DocumentKind.CONVENTION, convention_document)
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
        dossier = _dossier(projet, reference)
        is_admin = operator is None and platform_permissions.can(user, permissions.RACCORDEMENT_ADMIN)
        if operator is not None:
            allowed = dossier.raccordement.gestionnaire_id == operator.pk
        else:
            allowed = is_admin or platform_permissions.can(user, permissions.RACCORDEMENT_GRD, dossier)
        if not allowed:
            raise PermissionDenied("Seuls le gestionnaire de réseau du dossier et la DGEC transmettent cette date.")
        _not_abandoned(projet)
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
        if projet.demandes.pending().filter(kind="abandon").exists():
            raise GridRefused(ABANDON_PENDING)
        dossier = _dossier(projet, reference)
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
