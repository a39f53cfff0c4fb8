"""Ambassadors: a requester whose connection is done shares their experience; people interested
write to them through the platform, which relays without showing either address until the
ambassador answers."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from transition.platform.audit.services import event_record
from transition.platform.core.spreadsheets import clean_text

from ..domain.demand_status import can_volunteer_as_ambassador
from ..domain.tokens import token_hash, token_new
from ..enums import PRODUCT, DemandEventKind
from ..models import Ambassador, AmbassadorMessage, DemandEvent
from ..notifications import notify_ambassador_message, notify_ambassador_reply
from ..selectors.ambassadors import ambassador_message_from_token, demand_from_ambassador_token

__all__ = ["ambassador_message_reply", "ambassador_message_send", "ambassador_volunteer", "ambassador_withdraw"]


def ambassador_volunteer(*, token: str, display_name: str, testimony: str) -> Ambassador:
    """A requester whose connection is done becomes an ambassador (from the link of the email
    announcing "Réalisé")."""
    demand = demand_from_ambassador_token(token)
    if not can_volunteer_as_ambassador(demand.status):
        raise ValidationError("Seule une copropriété déjà raccordée (demande « Réalisé ») peut devenir ambassadrice.")
    display_name = clean_text(display_name or "", keep_newlines=False).strip()
    testimony = clean_text(testimony or "")
    if not display_name:
        raise ValidationError("Indiquez le nom sous lequel vous apparaîtrez (par exemple « Résidence Les Tilleuls »).")
    with transaction.atomic():
        ambassador, created = Ambassador.objects.update_or_create(
            demand=demand, defaults={"display_name": display_name, "testimony": testimony.strip(), "active": True}
        )
        DemandEvent.objects.create(demand=demand, kind=DemandEventKind.AMBASSADOR, text="Devenu ambassadeur.")
        event_record(
            actor=None,
            action="chaleur.ambassador_volunteer",
            target=ambassador,
            payload={"created": created},
            product=PRODUCT,
        )
    return ambassador


def ambassador_withdraw(*, token: str) -> None:
    demand = demand_from_ambassador_token(token)
    with transaction.atomic():
        updated = Ambassador.objects.filter(demand=demand).update(active=False)
        if updated:
            event_record(actor=None, action="chaleur.ambassador_withdraw", target=demand, product=PRODUCT)


def ambassador_message_send(
    *, ambassador: Ambassador, sender_name: str, sender_email: str, body: str
) -> AmbassadorMessage:
    """Relayed: the ambassador receives the message and a link to answer, without the sender's
    address; the sender's address is revealed only by the ambassador's answer."""
    if not ambassador.active:
        raise ValidationError("Cet ambassadeur ne reçoit plus de messages.")
    body = clean_text(body or "").strip()
    sender_name = clean_text(sender_name or "", keep_newlines=False)
    if len(body) < 10:
        raise ValidationError("Votre message est trop court.")
    token = token_new()
    with transaction.atomic():
        message = AmbassadorMessage.objects.create(
            ambassador=ambassador,
            sender_name=sender_name.strip(),
            sender_email=sender_email.lower(),
            body=body,
            reply_token_hash=token_hash(token),
        )
        event_record(actor=None, action="chaleur.ambassador_message", target=message, product=PRODUCT)
        notify_ambassador_message(message=message, reply_token=token)
    return message


def ambassador_message_reply(*, token: str, body: str) -> AmbassadorMessage:
    """The ambassador answers: the sender gets the answer with the ambassador's address in
    reply-to; from then on they write to each other directly."""
    message = ambassador_message_from_token(token)
    if message.replied_at:
        raise ValidationError("Vous avez déjà répondu à ce message : écrivez directement à la personne.")
    body = clean_text(body or "").strip()
    if not body:
        raise ValidationError("Votre réponse est vide.")
    with transaction.atomic():
        message.reply_body = body
        message.replied_at = timezone.now()
        message.save(update_fields=["reply_body", "replied_at"])
        event_record(actor=None, action="chaleur.ambassador_reply", target=message, product=PRODUCT)
        notify_ambassador_reply(message=message)
    return message
