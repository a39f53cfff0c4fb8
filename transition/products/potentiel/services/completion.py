"""Completion: the holder transmits the attestation of conformity and the controller's report
with the completion date; the administration records the real completion date the co-contractor
(EDF OA, which has no account in Potentiel) communicates, and modifies a completion; the holder
records the attestation after such a date, or replaces it. A project achevé stops its completion
reminders and its guarantees' tasks. The rules are `domain/completion.py` (CHECKS)."""

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from transition.platform.accounts import permissions as platform_permissions
from transition.platform.audit.services import event_record

from .. import notifications, permissions
from ..domain import completion as rules
from ..domain.completion import Act, CompletionFacts, CompletionInput, CompletionRefused
from ..enums import StatutLaureat
from ..models import Achevement, Projet
from .documents import DocumentRefused, document_check
from .schedule import COMPLETION_KINDS, GUARANTEE_KINDS, tasks_cancel

PRODUCT = "potentiel"
# Who may do each act: the holder (and staff) or the administration (DGEC, the project's DREAL).
ACT_PERMISSION = {
    Act.TRANSMIT: permissions.PROJET_ACT,
    Act.RECORD_ATTESTATION: permissions.PROJET_ACT,
    Act.MODIFY_ATTESTATION: permissions.PROJET_ACT,
    Act.RECORD_DATE: permissions.PROJET_MODIFY,
    Act.MODIFY: permissions.PROJET_MODIFY,
}


def completion_facts(projet: Projet) -> CompletionFacts:
    achevement = Achevement.objects.filter(projet=projet).first()
    return CompletionFacts(
        statut=projet.statut,
        statut_laureat=projet.statut_laureat or "actif",
        notified_on=projet.date_notification,
        has_attestation=bool(achevement and achevement.has_attestation),
    )


def _documents(*uploads):
    try:
        return [document_check(f) for f in uploads if f is not None]
    except DocumentRefused as refused:
        raise CompletionRefused(refused.message) from None


def _store(achevement: Achevement, attestation_doc, rapport_doc) -> None:
    if attestation_doc is not None:
        achevement.attestation_name, achevement.attestation_sha256 = attestation_doc.name, attestation_doc.sha256
        achevement.attestation.save(attestation_doc.name, attestation_doc.as_file(), save=False)
    if rapport_doc is not None:
        achevement.rapport_name, achevement.rapport_sha256 = rapport_doc.name, rapport_doc.sha256
        achevement.rapport.save(rapport_doc.name, rapport_doc.as_file(), save=False)


def _locked(user, act: Act, projet: Projet) -> Projet:
    platform_permissions.require(user, ACT_PERMISSION[act], projet)
    return Projet.objects.select_for_update().get(pk=projet.pk)


def _achieve(projet: Projet, completed_on: date) -> None:
    """The project is achevé: its completion reminders and its guarantees' tasks stop."""
    projet.statut_laureat = StatutLaureat.ACHEVE
    projet.date_achevement_reelle = completed_on
    projet.save(update_fields=["statut_laureat", "date_achevement_reelle"])
    tasks_cancel(projet=projet, kinds=[*COMPLETION_KINDS.values(), *GUARANTEE_KINDS], outcome="projet achevé")


def _tell(projet: Projet, event: str, message: str, *, holders: bool = True) -> None:
    path = reverse("potentiel:achevement", args=[projet.pk])
    notifications.notify_authority(projet=projet, authority="dreal", event=event, message=message, path=path)
    if holders:
        notifications.notify_holders(projet=projet, event=event, message=message, path=path)


def _audit(user, projet: Projet, action: str, **payload) -> None:
    event_record(
        actor=user,
        action=f"potentiel.achevement.{action}",
        target=projet,
        product=PRODUCT,
        payload={"projet": projet.identifiant, **payload},
    )


def achevement_transmit(
    *,
    user,
    projet: Projet,
    completed_on: date,
    attestation,
    rapport,
    transmitted_on: date | None = None,
    today: date | None = None,
) -> Achevement:
    """The holder transmits the attestation, the report and the completion date: the project is achevé."""
    today = today or timezone.localdate()
    docs = _documents(attestation, rapport)
    with transaction.atomic():
        projet = _locked(user, Act.TRANSMIT, projet)
        given = CompletionInput(completed_on=completed_on, transmitted_on=transmitted_on, has_documents=len(docs) == 2)
        rules.check(Act.TRANSMIT, completion_facts(projet), given, today)
        achevement = Achevement(
            projet=projet,
            date_achevement=completed_on,
            date_transmission_cocontractant=transmitted_on,
            transmitted_by=user,
        )
        _store(achevement, *docs)
        achevement.save()
        _achieve(projet, completed_on)
        _audit(user, projet, "transmis", date=completed_on, documents=[d.sha256 for d in docs])
        notifications.notify_authority(
            projet=projet,
            authority="dreal",
            event="Attestation de conformité transmise",
            message="Le porteur a transmis l’attestation de conformité : le projet est achevé.",
            path=reverse("potentiel:achevement", args=[projet.pk]),
        )
        notifications.notify_holders(  # the holders' acknowledgement
            projet=projet,
            event="Mise à jour de la date d'achèvement",
            message="L’attestation de conformité est enregistrée : le projet est achevé.",
            path=reverse("potentiel:achevement", args=[projet.pk]),
        )
    return achevement


def achevement_date_record(*, user, projet: Projet, completed_on: date, today: date | None = None) -> Achevement:
    """The administration records the real completion date the co-contractor communicated: the
    project is achevé; the holder then records the attestation of conformity."""
    today = today or timezone.localdate()
    with transaction.atomic():
        projet = _locked(user, Act.RECORD_DATE, projet)
        rules.check(Act.RECORD_DATE, completion_facts(projet), CompletionInput(completed_on=completed_on), today)
        achevement = Achevement.objects.create(projet=projet, date_achevement=completed_on, transmitted_by=user)
        _achieve(projet, completed_on)
        _audit(user, projet, "date_enregistree", date=completed_on)
        _tell(
            projet,
            "Transmission de la date d'achèvement",
            f"La date d’achèvement réel du projet ({completed_on:%d/%m/%Y}) est enregistrée : le projet est achevé. "
            "Le porteur doit transmettre l’attestation de conformité et le rapport associé.",
        )
    return achevement


def achevement_modify(
    *,
    user,
    projet: Projet,
    reason: str,
    completed_on: date | None = None,
    transmitted_on: date | None = None,
    attestation=None,
    rapport=None,
    today: date | None = None,
) -> Achevement:
    """The administration modifies (or corrects) a completion: its date, the date of transmission
    to the co-contractor, and the documents if it joins new ones (a pièce justificative is optional)."""
    today = today or timezone.localdate()
    if not (reason or "").strip():
        raise CompletionRefused("La raison de la modification est obligatoire")
    attestation_doc, rapport_doc = (_documents(f)[0] if f is not None else None for f in (attestation, rapport))
    with transaction.atomic():
        projet = _locked(user, Act.MODIFY, projet)
        achevement = _row(projet, completed_on)
        before = _snapshot(achevement)
        after = dict(before)
        after.update(
            {
                k: v
                for k, v in (
                    ("date", completed_on),
                    ("transmission", transmitted_on),
                    ("attestation", attestation_doc and attestation_doc.sha256),
                    ("rapport", rapport_doc and rapport_doc.sha256),
                )
                if v is not None
            }
        )
        given = CompletionInput(completed_on=completed_on, transmitted_on=transmitted_on, changes=after != before)
        rules.check(Act.MODIFY, completion_facts(projet), given, today)
        if achevement is None:
            raise CompletionRefused(UNKNOWN_DATE)
        if completed_on is not None:
            achevement.date_achevement = completed_on
            projet.date_achevement_reelle = completed_on
            projet.save(update_fields=["date_achevement_reelle"])
        if transmitted_on is not None:
            achevement.date_transmission_cocontractant = transmitted_on
        _store(achevement, attestation_doc, rapport_doc)
        achevement.save()
        _audit(user, projet, "modifie", avant=before, apres=after, raison=reason.strip())
        _tell(
            projet,
            "Modification des informations d'achèvement",
            f"L’administration a modifié l’achèvement : {reason.strip()}",
        )
    return achevement


UNKNOWN_DATE = (
    "La date d’achèvement réel du projet n’est pas connue : l’administration doit la renseigner "
    "en modifiant l’achèvement"
)


def _row(projet: Projet, completed_on: date | None = None) -> Achevement | None:
    """The project's completion; a project achevé without one (set achevé by an import or the
    demonstration) gets it from its real completion date, or the date the modification brings."""
    row = Achevement.objects.select_for_update().filter(projet=projet).first()
    day = projet.date_achevement_reelle or completed_on
    if row is None and projet.statut_laureat == StatutLaureat.ACHEVE and day:
        row = Achevement(projet=projet, date_achevement=day)
    return row


def _snapshot(achevement: Achevement | None) -> dict:
    if achevement is None or achevement.pk is None:
        return {}
    return {
        "date": achevement.date_achevement,
        "transmission": achevement.date_transmission_cocontractant,
        "attestation": achevement.attestation_sha256 or None,
        "rapport": achevement.rapport_sha256 or None,
    }


def attestation_record(*, user, projet: Projet, attestation, rapport) -> Achevement:
    """The holder records the attestation of conformity and its report after the recorded date."""
    return _attestation(Act.RECORD_ATTESTATION, user=user, projet=projet, attestation=attestation, rapport=rapport)


def attestation_modify(*, user, projet: Projet, attestation, rapport) -> Achevement:
    """The holder replaces the attestation of conformity and its report (one of them at least new)."""
    return _attestation(Act.MODIFY_ATTESTATION, user=user, projet=projet, attestation=attestation, rapport=rapport)


def _attestation(act: Act, *, user, projet: Projet, attestation, rapport) -> Achevement:
    docs = _documents(attestation, rapport)
    with transaction.atomic():
        projet = _locked(user, act, projet)
        achevement = _row(projet)
        before = _snapshot(achevement)
        changes = len(docs) == 2 and [d.sha256 for d in docs] != [before.get("attestation"), before.get("rapport")]
        given = CompletionInput(has_documents=len(docs) == 2, changes=changes)
        rules.check(act, completion_facts(projet), given, timezone.localdate())
        if achevement is None:
            raise CompletionRefused(UNKNOWN_DATE)
        _store(achevement, *docs)
        achevement.save()
        recorded = act is Act.RECORD_ATTESTATION
        _audit(
            user,
            projet,
            "attestation_enregistree" if recorded else "attestation_modifiee",
            documents=[d.sha256 for d in docs],
        )
        _tell(
            projet,
            "Attestation de conformité enregistrée" if recorded else "Attestation de conformité modifiée",
            "Le porteur a "
            + ("transmis" if recorded else "remplacé")
            + " l’attestation de conformité et son rapport associé.",
            holders=False,
        )
    return achevement
