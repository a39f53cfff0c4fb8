"""The requester writes to the operator from their space: a line of the demand's history, an event
of the audit chain, and an email to the operators with the link (not the text)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from transition.platform.accounts import permissions as platform_permissions
from transition.platform.audit.services import event_record
from transition.platform.core.spreadsheets import clean_text

from ..enums import PRODUCT, DemandEventKind
from ..models import Demand, DemandEvent
from ..notifications import notify_requester_message
from ..selectors.demands import operator_emails_for_networks

__all__ = ["MESSAGE_MAX_CHARS", "requester_message_send"]

MESSAGE_MAX_CHARS = 2000


def requester_message_send(*, actor, demand: Demand, text: str) -> DemandEvent:
    platform_permissions.require(actor, "chaleur.demand_follow", demand)
    text = clean_text(text or "").strip()
    if not text:
        raise ValidationError("Le message est vide.")
    if len(text) > MESSAGE_MAX_CHARS:
        raise ValidationError(f"Le message dépasse {MESSAGE_MAX_CHARS} caractères ({len(text)}).")
    now = timezone.now()
    with transaction.atomic():
        event = DemandEvent.objects.create(
            demand=demand, created_at=now, actor=actor, kind=DemandEventKind.REQUESTER_MESSAGE, text=text
        )
        Demand.objects.filter(pk=demand.pk).update(updated_at=now)
        event_record(
            actor=actor,
            action="chaleur.demand_requester_message",
            target=demand,
            payload={"chars": len(text)},
            product=PRODUCT,
        )
        recipients = operator_emails_for_networks().get(demand.network_id, []) if demand.network_id else []
        notify_requester_message(demand=demand, to=recipients)
    return event
