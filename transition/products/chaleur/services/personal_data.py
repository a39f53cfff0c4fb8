"""Personal data: what "Mes données" exports and erases, and the retention periods of docs/rgpd.md."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from transition.platform.audit.services import event_record

from ..domain.demand_status import status_label
from ..enums import PRODUCT, DemandEventKind
from ..models import Ambassador, AmbassadorMessage, BulkTest, Demand, DemandEvent

__all__ = ["personal_data_erase", "personal_data_export", "retention_apply"]


def personal_data_export(user) -> dict:
    demands = Demand.objects.filter(email__iexact=user.email) | Demand.objects.filter(requester=user)
    return {
        "demandes": [
            {
                "reference": d.reference,
                "envoyée le": d.created_at.isoformat(),
                "adresse": d.address,
                "nom": d.full_name,
                "courriel": d.email,
                "téléphone": d.phone,
                "statut": status_label(d.status),
                "logements": d.dwellings_count,
                "commentaire": d.comment,
            }
            for d in demands.distinct().order_by("created_at")
        ],
        "messages envoyés au gestionnaire": [
            {"demande": e.demand.reference, "le": e.created_at.isoformat(), "message": e.text}
            for e in DemandEvent.objects.filter(
                demand__in=demands.distinct(), kind=DemandEventKind.REQUESTER_MESSAGE
            ).select_related("demand")
        ],
        "tests d’adresses en masse": [
            {"fichier": b.original_name, "créé le": b.created_at.isoformat(), "adresses": b.total_rows}
            for b in BulkTest.objects.filter(owner=user)
        ],
    }


_ANONYMOUS = {
    "first_name": "",
    "last_name": "(anonymisé)",
    "phone": "",
    "comment": "",
    "company": "",
    "requester": None,
}


def _demands_anonymise(ids: list[int], now) -> None:
    Demand.objects.filter(pk__in=ids).update(**_ANONYMOUS, email="anonyme@anonyme.invalid", anonymised_at=now)
    Ambassador.objects.filter(demand_id__in=ids).update(active=False)
    # What the requester wrote from their space goes with them.
    DemandEvent.objects.filter(demand_id__in=ids, kind=DemandEventKind.REQUESTER_MESSAGE).update(text="", actor=None)


def _bulk_tests_delete(bulk_tests) -> int:
    """Delete bulk tests with their files (the uploaded addresses and the results)."""
    count = 0
    for bulk in bulk_tests:
        bulk.file.delete(save=False)
        bulk.result_file.delete(save=False)
        bulk.delete()
        count += 1
    return count


def personal_data_erase(user) -> None:
    """Demands are kept for the operators' statistics, without the person: name, email, phone,
    comment are erased. Bulk tests (files of addresses uploaded by the person) are deleted."""
    now = timezone.now()
    demands = Demand.objects.filter(email__iexact=user.email) | Demand.objects.filter(requester=user)
    ids = list(demands.values_list("pk", flat=True))
    _demands_anonymise(ids, now)
    AmbassadorMessage.objects.filter(sender_email__iexact=user.email).update(
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
