"""What an auditor does with the lots it audits: comment among controllers, mark conform or not."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from transition.platform.accounts.permissions import require

from ..enums import AuditVerdict, LotEventType
from ..models import Entity, Lot, LotComment
from ..permissions import audited_entity_ids, lot_party_ids
from .history import lot_events_record
from .transactions import lot_comment

VERDICT_EVENTS = {
    AuditVerdict.CONFORM: LotEventType.MARKED_CONFORM,
    AuditVerdict.NONCONFORM: LotEventType.MARKED_NONCONFORM,
}


def _audited(auditor: Entity, lot: Lot) -> None:
    if not audited_entity_ids(auditor) & lot_party_ids(lot):
        raise PermissionDenied("Ce lot n’appartient à aucune entité que vous auditez.")


def lot_verdict(*, auditor: Entity, user, lot: Lot, verdict: AuditVerdict, comment: str = "") -> Lot:
    require(user, "carbure.audit", auditor)
    _audited(auditor, lot)
    with transaction.atomic():
        lot.audit_verdict = verdict
        lot.save(update_fields=["audit_verdict"])
        lot_events_record([lot], VERDICT_EVENTS[verdict], entity=auditor, user=user)
        if comment.strip():
            lot_comment(entity=auditor, user=user, lot=lot, text=comment, is_control=True)
    return lot


def lot_audit_comment(*, auditor: Entity, user, lot: Lot, text: str) -> LotComment:
    require(user, "carbure.audit", auditor)
    _audited(auditor, lot)
    return lot_comment(entity=auditor, user=user, lot=lot, text=text, is_control=True)
