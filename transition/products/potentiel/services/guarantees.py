"""Financial guarantees: what is expected, the holder's deposit (submitted, modified, deleted), the
DREAL's validation, the admin's recording and modification of the current guarantees, their
attestation, expiry and its history. One transaction per function, permissions checked. Release
(mainlevée) is in `services/mainlevee.py`."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from transition.platform.accounts import permissions as platform_permissions
from transition.platform.audit.services import event_record

from .. import notifications, permissions
from ..domain import guarantees as rules
from ..domain.guarantees import (
    ExpectedReason,
    GuaranteeFacts,
    GuaranteeRefused,
    GuaranteeStatus,
    HistoryReason,
    Operation,
)
from ..domain.lifecycle import Status
from ..models import DepotGaranties, GarantiesActuelles, GarantiesAttendues, GarantiesHistorique, Mainlevee, Projet
from ..selectors.referential import projet_rules
from .documents import DocumentRefused, document_check
from .schedule import GUARANTEE_KINDS, guarantee_due_plan, task_plan, tasks_cancel

PRODUCT = "potentiel"


def garanties_path(projet: Projet) -> str:
    return reverse("potentiel:garanties", args=[projet.pk])


def guarantee_facts(projet: Projet) -> GuaranteeFacts:
    current = GarantiesActuelles.objects.filter(projet=projet).first()
    last = Mainlevee.objects.filter(projet=projet).order_by("-filed_at", "-id").first()
    return GuaranteeFacts(
        statut_laureat=projet.statut_laureat or "actif",
        current_status=GuaranteeStatus(current.status) if current else None,
        current_has_attestation=bool(current and current.document_sha256),
        has_deposit=DepotGaranties.objects.filter(projet=projet).exists(),
        mainlevee_status=Status(last.status) if last else None,
    )


def garanties_audit(projet: Projet, action: str, actor, **payload) -> None:
    event_record(
        actor=actor,
        action=f"potentiel.garanties.{action}",
        target=projet,
        product=PRODUCT,
        payload={"projet": projet.identifiant, **payload},
    )


def garanties_snapshot(g) -> dict:
    return {
        "type": g.type,
        "date_echeance": g.date_echeance.isoformat() if g.date_echeance else None,
        "date_constitution": g.date_constitution.isoformat() if g.date_constitution else None,
        "document_sha256": g.document_sha256,
    }


def instruct_check(user, projet: Projet) -> None:
    if not platform_permissions.can(user, permissions.GARANTIES_INSTRUCT, projet):
        raise PermissionDenied("Seule la DREAL de la région du projet ou la DGEC peut faire cette action.")


def _document(upload):
    if upload is None:
        return None
    try:
        return document_check(upload)
    except DocumentRefused as refused:
        raise GuaranteeRefused(refused.message) from None


# --- expected ------------------------------------------------------------------------------------


def garanties_demand(
    *, projet: Projet, reason: ExpectedReason, today: date, clear_current: bool | None = None
) -> GarantiesAttendues:
    """Guarantees become expected, with a deadline and a reminder one month later. A producteur
    change also drops the current guarantees and the deposit (they were the former producer's)."""
    if clear_current is None:
        clear_current = reason is ExpectedReason.CHANGEMENT_PRODUCTEUR
    if clear_current:
        for current in GarantiesActuelles.objects.filter(projet=projet):
            GarantiesHistorique.objects.create(
                projet=projet, raison=HistoryReason.CHANGEMENT_PRODUCTEUR, snapshot=garanties_snapshot(current)
            )
            current.delete()
        DepotGaranties.objects.filter(projet=projet).delete()
        tasks_cancel(projet=projet, kinds=GUARANTEE_KINDS)
    expected, _ = GarantiesAttendues.objects.update_or_create(
        projet=projet,
        defaults={"reason": reason, "since": today, "deadline": rules.deposit_deadline(today, reason)},
    )
    if projet.statut_laureat != "achevé":
        task_plan(projet=projet, kind="rappel-gf-à-transmettre", due_on=rules.deposit_reminder(today))
    return expected


def guarantee_tasks_cancel(*, projet: Projet) -> None:
    tasks_cancel(projet=projet, kinds=GUARANTEE_KINDS)
    GarantiesAttendues.objects.filter(projet=projet).delete()


# --- deposit by the holder -----------------------------------------------------------------------


def depot_submit(
    *,
    user,
    projet: Projet,
    type: str,
    date_echeance: date | None,
    date_constitution: date,
    document,
    today: date | None = None,
) -> DepotGaranties:
    platform_permissions.require(user, permissions.PROJET_ACT, projet)
    today = today or timezone.localdate()
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        rules.check(Operation.SUBMIT_DEPOSIT, guarantee_facts(projet))
        kind = rules.check_values(
            type, date_echeance, projet_rules(projet).types_garanties, constituted_on=date_constitution, today=today
        )
        doc = _document(document)
        if doc is None:
            raise GuaranteeRefused("L’attestation de constitution des garanties financières est obligatoire")
        depot = DepotGaranties(
            projet=projet,
            type=kind,
            date_echeance=date_echeance,
            date_constitution=date_constitution,
            document_name=doc.name,
            document_sha256=doc.sha256,
            submitted_by=user,
        )
        depot.document.save(doc.name, doc.as_file(), save=False)
        depot.save()
        # A deposit awaiting validation: expiry waits for the DREAL's decision.
        tasks_cancel(projet=projet, kinds=["échoir-garanties"])
        garanties_audit(projet, "depot", user, type=kind, document=doc.sha256)
        notifications.notify_authority(
            projet=projet,
            authority="dreal",
            event="Garanties financières soumises",
            message="Des garanties financières ont été soumises et attendent votre validation.",
            path=garanties_path(projet),
        )
        notifications.notify_holders(  # the holders' acknowledgement
            projet=projet,
            event="Garanties financières en attente de validation",
            message="Vos garanties financières ont été transmises : elles attendent la validation de la DREAL.",
            path=garanties_path(projet),
        )
    return depot


def depot_delete(*, user, projet: Projet, today: date | None = None) -> None:
    platform_permissions.require(user, permissions.PROJET_ACT, projet)
    today = today or timezone.localdate()
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        rules.check(Operation.DELETE_DEPOSIT, guarantee_facts(projet))
        DepotGaranties.objects.filter(projet=projet).delete()
        current = GarantiesActuelles.objects.filter(projet=projet, status=GuaranteeStatus.VALIDE).first()
        if current and current.date_echeance:
            guarantee_due_plan(
                projet=projet,
                due_date=current.date_echeance,
                expiry_on=rules.expiry_date(current.date_echeance),
                today=today,
            )
        garanties_audit(projet, "depot-supprime", user)
        notifications.notify_authority(
            projet=projet,
            authority="dreal",
            event="Garanties financières en attente de validation supprimées",
            message="Le porteur a supprimé les garanties financières qui attendaient votre validation.",
            path=garanties_path(projet),
        )


def depot_validate(*, user, projet: Projet, today: date | None = None) -> GarantiesActuelles:
    """The DREAL validates the deposit: it becomes the current guarantees (expired at once when
    its due date has passed, and then expected again)."""
    instruct_check(user, projet)
    today = today or timezone.localdate()
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        rules.check(Operation.VALIDATE_DEPOSIT, guarantee_facts(projet))
        depot = DepotGaranties.objects.get(projet=projet)
        values = {
            "type": depot.type,
            "date_echeance": depot.date_echeance,
            "date_constitution": depot.date_constitution,
            "document_name": depot.document_name,
            "document_sha256": depot.document_sha256,
        }
        content = _stored(depot.document)
        current = _replace_current(
            projet,
            values=values,
            document_content=content,
            user=user,
            today=today,
            raison=HistoryReason.MODIFICATION,
        )
        depot.delete()
        garanties_audit(
            projet, "validation", user, type=current.type, document=current.document_sha256, statut=current.status
        )
        notifications.notify_holders(
            projet=projet,
            event="Garanties financières validées",
            message="Vos garanties financières ont été validées.",
            path=garanties_path(projet),
        )
    return current


def _tell_holders_and_dreal(projet: Projet, event: str, message: str) -> None:
    """What happened to the current guarantees, told to the holders and to the project's DREAL."""
    notifications.notify_holders(projet=projet, event=event, message=message, path=garanties_path(projet))
    notifications.notify_authority(
        projet=projet, authority="dreal", event=event, message=message, path=garanties_path(projet)
    )


def _replace_current(
    projet: Projet,
    *,
    values: dict,
    document_content: bytes | None,
    user,
    today: date,
    raison: str,
) -> GarantiesActuelles:
    """`values`: type, date_echeance, date_constitution, document_name, document_sha256."""
    old = GarantiesActuelles.objects.filter(projet=projet).first()
    if old:
        GarantiesHistorique.objects.create(projet=projet, raison=raison, snapshot=garanties_snapshot(old))
        old.delete()
    status = rules.status_when_recorded(values["date_echeance"], today)
    current = GarantiesActuelles(
        projet=projet,
        **values,
        status=status,
        validated_by=user,
        expired_on=today if status is GuaranteeStatus.ECHU else None,
    )
    if document_content:
        current.document.save(values["document_name"] or "garanties.pdf", ContentFile(document_content), save=False)
    current.save()
    GarantiesAttendues.objects.filter(projet=projet).delete()
    tasks_cancel(projet=projet, kinds=["rappel-gf-à-transmettre"])
    if status is GuaranteeStatus.ECHU:
        tasks_cancel(projet=projet, kinds=GUARANTEE_KINDS)
        garanties_demand(projet=projet, reason=ExpectedReason.ECHEANCE, today=today)
    else:
        guarantee_due_plan(
            projet=projet,
            due_date=current.date_echeance,
            expiry_on=rules.expiry_date(current.date_echeance) if current.date_echeance else None,
            today=today,
        )
    return current


def actuelles_record(
    *,
    user,
    projet: Projet,
    type: str,
    date_echeance: date | None,
    date_constitution: date | None,
    document=None,
    today: date | None = None,
) -> GarantiesActuelles:
    """The DREAL records guarantees it received otherwise (mail, import)."""
    instruct_check(user, projet)
    today = today or timezone.localdate()
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        rules.check(Operation.RECORD_CURRENT, guarantee_facts(projet))
        kind = rules.check_values(
            type, date_echeance, projet_rules(projet).types_garanties, constituted_on=date_constitution, today=today
        )
        doc = _document(document)
        values = {
            "type": kind,
            "date_echeance": date_echeance,
            "date_constitution": date_constitution,
            "document_name": doc.name if doc else "",
            "document_sha256": doc.sha256 if doc else "",
        }
        current = _replace_current(
            projet,
            values=values,
            document_content=doc.content if doc else None,
            user=user,
            today=today,
            raison=HistoryReason.ENREGISTREMENT,
        )
        garanties_audit(projet, "enregistrement", user, type=kind, statut=current.status)
    return current


def actuelles_expire(*, projet: Projet, on: date) -> GarantiesActuelles:
    """The day after the due date: expired, and new guarantees expected (the daily job)."""
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        current = GarantiesActuelles.objects.filter(projet=projet).first()
        rules.check_expire(guarantee_facts(projet), current.date_echeance if current else None, on)
        current.status = GuaranteeStatus.ECHU
        current.expired_on = on
        current.save(update_fields=["status", "expired_on"])
        GarantiesHistorique.objects.create(
            projet=projet, raison=HistoryReason.ECHEANCE, snapshot=garanties_snapshot(current)
        )
        tasks_cancel(projet=projet, kinds=GUARANTEE_KINDS, outcome="garanties échues")
        garanties_demand(projet=projet, reason=ExpectedReason.ECHEANCE, today=on)
        garanties_audit(projet, "echeance", None, date_echeance=current.date_echeance.isoformat())
        message = (
            f"La date d'échéance des garanties financières, le {current.date_echeance:%d/%m/%Y}, est dépassée : "
            "de nouvelles garanties financières sont attendues."
        )
        event = "Date d'échéance des garanties financières dépassée"
        _tell_holders_and_dreal(projet, event, message)
    return current


# --- the deposit modified, the current guarantees modified, their attestation -----------------------


def depot_modify(
    *,
    user,
    projet: Projet,
    type: str,
    date_echeance: date | None,
    date_constitution: date | None,
    document=None,
    today: date | None = None,
) -> DepotGaranties:
    """The holder corrects the deposit awaiting validation (a new attestation is optional)."""
    platform_permissions.require(user, permissions.PROJET_ACT, projet)
    today = today or timezone.localdate()
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        rules.check(Operation.MODIFY_DEPOSIT, guarantee_facts(projet))
        depot = DepotGaranties.objects.get(projet=projet)
        date_constitution = date_constitution or depot.date_constitution
        kind = rules.check_values(
            type, date_echeance, projet_rules(projet).types_garanties, constituted_on=date_constitution, today=today
        )
        doc = _document(document)
        rules.check_deposit_changed(
            (depot.type, depot.date_echeance, depot.date_constitution),
            (kind.value, date_echeance, date_constitution),
            document_changed=bool(doc and doc.sha256 != depot.document_sha256),
        )
        depot.type, depot.date_echeance, depot.date_constitution = kind, date_echeance, date_constitution
        if doc:
            depot.document_name, depot.document_sha256 = doc.name, doc.sha256
            depot.document.save(doc.name, doc.as_file(), save=False)
        depot.save()
        garanties_audit(projet, "depot-modifie", user, type=kind, document=depot.document_sha256)
        notifications.notify_authority(
            projet=projet,
            authority="dreal",
            event="Garanties financières en attente de validation modifiées",
            message="Le porteur a modifié les garanties financières qui attendent votre validation.",
            path=garanties_path(projet),
        )
    return depot


def actuelles_modify(
    *,
    user,
    projet: Projet,
    type: str,
    date_echeance: date | None,
    date_constitution: date | None,
    document=None,
    today: date | None = None,
) -> GarantiesActuelles:
    """The DREAL or the DGEC corrects the current guarantees; the replaced ones join the history,
    the expiry and reminders are planned again, the holder and the DREAL are told."""
    instruct_check(user, projet)
    today = today or timezone.localdate()
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        rules.check(Operation.MODIFY_CURRENT, guarantee_facts(projet))
        old = GarantiesActuelles.objects.get(projet=projet)
        date_constitution = date_constitution or old.date_constitution
        kind = rules.check_values(
            type, date_echeance, projet_rules(projet).types_garanties, constituted_on=date_constitution, today=today
        )
        doc = _document(document)
        content = doc.content if doc else _stored(old.document)
        values = {
            "type": kind,
            "date_echeance": date_echeance,
            "date_constitution": date_constitution,
            "document_name": doc.name if doc else old.document_name,
            "document_sha256": doc.sha256 if doc else old.document_sha256,
        }
        current = _replace_current(
            projet, values=values, document_content=content, user=user, today=today, raison=HistoryReason.MODIFICATION
        )
        garanties_audit(
            projet, "modification", user, type=kind, statut=current.status, document=current.document_sha256
        )
        event, message = "Garanties financières mises à jour", "Les garanties financières du projet ont été modifiées."
        _tell_holders_and_dreal(projet, event, message)
    return current


def attestation_record(*, user, projet: Projet, document, today: date | None = None) -> GarantiesActuelles:
    """The holder sends the attestation of constitution of current guarantees that have none."""
    platform_permissions.require(user, permissions.PROJET_ACT, projet)
    with transaction.atomic():
        projet = Projet.objects.select_for_update().get(pk=projet.pk)
        rules.check(Operation.RECORD_ATTESTATION, guarantee_facts(projet))
        doc = _document(document)
        if doc is None:
            raise GuaranteeRefused("L’attestation de constitution des garanties financières est obligatoire")
        current = GarantiesActuelles.objects.get(projet=projet)
        current.document_name, current.document_sha256 = doc.name, doc.sha256
        current.document.save(doc.name, doc.as_file(), save=False)
        current.save()
        garanties_audit(projet, "attestation", user, document=doc.sha256)
        notifications.notify_authority(
            projet=projet,
            authority="dreal",
            event="Attestation de constitution des garanties financières transmise",
            message="Le porteur a transmis l'attestation de constitution de ses garanties financières.",
            path=garanties_path(projet),
        )
    return current


def _stored(field) -> bytes | None:
    if not field:
        return None
    with field.open("rb") as stored:
        return stored.read()
