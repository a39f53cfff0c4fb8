"""Personal data: what "Mes données" exports and erases, and the retention periods of docs/rgpd.md."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from transition.platform.audit.services import event_record

from ..domain.demand_status import is_open, status_label
from ..enums import PRODUCT, DemandEventKind
from ..models import Ambassador, AmbassadorMessage, BulkTest, Demand, DemandEvent

__all__ = [
    "personal_data_erase",
    "personal_data_erase_preview",
    "personal_data_export",
    "personal_data_identifiers",
    "retention_apply",
]


def _demands_of(user):
    return (Demand.objects.filter(email__iexact=user.email) | Demand.objects.filter(requester=user)).distinct()


def _messages_sent_by(user):
    return AmbassadorMessage.objects.filter(sender_email__iexact=user.email)


def personal_data_export(user) -> dict:
    demands = list(_demands_of(user).select_related("network").order_by("created_at"))
    ambassadors = Ambassador.objects.filter(demand__in=demands).prefetch_related("messages")
    return {
        "demandes": [
            {
                "reference": d.reference,
                "envoyée le": timezone.localtime(d.created_at),
                "adresse": d.address,
                "nom": d.full_name,
                "courriel": d.email,
                "téléphone": d.phone,
                "structure": d.company,
                "statut": status_label(d.status),
                "logements": d.dwellings_count,
                "commentaire": d.comment,
                "commentaire du gestionnaire": d.operator_comment,
                "historique": [
                    {"le": e.created_at.isoformat(), "type": e.get_kind_display(), "texte": e.text}
                    for e in d.events.all()
                ],
            }
            for d in demands
        ],
        "ambassadeur": [
            {
                "nom affiché": a.display_name,
                "témoignage": a.testimony,
                "actif": a.active,
                "messages reçus": [
                    {"le": m.created_at.isoformat(), "de": m.sender_name, "message": m.body, "réponse": m.reply_body}
                    for m in a.messages.all()
                ],
            }
            for a in ambassadors
        ],
        "messages aux ambassadeurs": [
            {"le": m.created_at.isoformat(), "nom": m.sender_name, "message": m.body, "réponse": m.reply_body}
            for m in _messages_sent_by(user)
        ],
        "messages envoyés au gestionnaire": [
            {"demande": e.demand.reference, "le": e.created_at.isoformat(), "message": e.text}
            for e in DemandEvent.objects.filter(
                demand__in=demands, kind=DemandEventKind.REQUESTER_MESSAGE
            ).select_related("demand")
        ],
        "tests d’adresses en masse": [
            {"fichier": b.original_name, "créé le": timezone.localtime(b.created_at), "adresses": b.total_rows}
            for b in BulkTest.objects.filter(owner=user)
        ],
    }


def personal_data_identifiers(user) -> set[str]:
    """What the person typed that identifies them, wherever others may have copied it (an
    operator's comment, an email's subject): accounts.erasure replaces it there."""
    found: set[str] = set()
    for d in _demands_of(user):
        found |= {d.first_name, d.last_name, d.full_name, d.email, d.phone, d.company}
    for a in Ambassador.objects.filter(demand__in=_demands_of(user)):
        found.add(a.display_name)
    for m in _messages_sent_by(user):
        found |= {m.sender_name, m.sender_email}
    for b in BulkTest.objects.filter(owner=user):
        found.add(b.original_name)
    return {text for text in found if text}


_ANONYMOUS = {
    "first_name": "",
    "last_name": "(anonymisé)",
    "phone": "",
    "comment": "",
    "company": "",
    "operator_comment": "",
    "requester": None,
}


def _demands_anonymise(ids: list[int], now) -> None:
    """The demand stays for the operator and the statistics (address, building, eligibility,
    statuses and their dates); the person goes: contact, free texts, the history's texts, the
    ambassador's name and testimony (and the messages relayed to it)."""
    Demand.objects.filter(pk__in=ids).update(**_ANONYMOUS, email="anonyme@anonyme.invalid", anonymised_at=now)
    DemandEvent.objects.filter(demand_id__in=ids).update(text="", data={})
    # What the requester wrote from their space goes with them, and their name as its author.
    DemandEvent.objects.filter(demand_id__in=ids, kind=DemandEventKind.REQUESTER_MESSAGE).update(actor=None)
    Ambassador.objects.filter(demand_id__in=ids).delete()


def _bulk_tests_delete(bulk_tests) -> int:
    """Delete bulk tests with their files (the uploaded addresses and the results)."""
    count = 0
    for bulk in bulk_tests:
        bulk.file.delete(save=False)
        bulk.result_file.delete(save=False)
        bulk.delete()
        count += 1
    return count


def personal_data_erase_preview(user) -> list[str]:
    """What deleting the account does here, one sentence per demand and per bulk test."""
    lines = []
    for d in _demands_of(user).order_by("created_at"):
        what = f"Demande {d.reference} ({d.address}, statut « {status_label(d.status)} ») : "
        if is_open(d.status):
            what += (
                "elle reste chez le gestionnaire sans vos nom, courriel, téléphone ni commentaire ; il ne pourra "
                "plus vous écrire ni vous prévenir de la suite : elle ne sera plus suivie avec vous."
            )
        else:
            what += "elle est gardée pour les statistiques, sans vos nom, courriel, téléphone ni commentaire."
        lines.append(what)
    for b in BulkTest.objects.filter(owner=user).order_by("created_at"):
        lines.append(f"Test d’adresses en masse « {b.original_name} » : supprimé, avec son fichier et ses résultats.")
    return lines


def personal_data_erase(user) -> None:
    """Demands are kept for the operators' statistics, without the person: name, email, phone,
    comments and the history's texts are erased, the ambassador record deleted. Messages the
    person sent to ambassadors are emptied. Bulk tests (files of addresses uploaded by the
    person) are deleted."""
    now = timezone.now()
    ids = list(_demands_of(user).values_list("pk", flat=True))
    _demands_anonymise(ids, now)
    _messages_sent_by(user).update(
        sender_name="(anonymisé)", sender_email="anonyme@anonyme.invalid", body="", reply_body=""
    )
    _bulk_tests_delete(BulkTest.objects.filter(owner=user))
    event_record(actor=None, action="chaleur.personal_data_erase", payload={"demands": len(ids)}, product=PRODUCT)


def retention_apply(*, now: datetime | None = None) -> dict[str, int]:
    """The retention periods of docs/rgpd.md: demands without any change for
    CHALEUR_DEMAND_RETENTION_DAYS are anonymised, relayed messages and bulk tests older than
    CHALEUR_MESSAGE_RETENTION_DAYS / CHALEUR_BULK_TEST_RETENTION_DAYS are deleted."""
    now = now or timezone.now()
    with transaction.atomic():
        stale = list(
            Demand.objects.filter(
                anonymised_at__isnull=True, updated_at__lt=now - timedelta(days=settings.CHALEUR_DEMAND_RETENTION_DAYS)
            ).values_list("pk", flat=True)
        )
        _demands_anonymise(stale, now)
        messages, _ = AmbassadorMessage.objects.filter(
            created_at__lt=now - timedelta(days=settings.CHALEUR_MESSAGE_RETENTION_DAYS)
        ).delete()
        tests = _bulk_tests_delete(
            BulkTest.objects.filter(created_at__lt=now - timedelta(days=settings.CHALEUR_BULK_TEST_RETENTION_DAYS))
        )
        report = {"demands": len(stale), "messages": messages, "bulk_tests": tests}
        if any(report.values()):
            event_record(actor=None, action="chaleur.retention_apply", payload=report, product=PRODUCT)
    return report
