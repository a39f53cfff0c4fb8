"""Writes of the notify app: templated emails, logged, then handed to the sending job (tasks.py),
which delivers them through delivery.py."""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import make_msgid
from django.core.validators import validate_email
from django.db import transaction
from django.template import Context
from django.template.loader import get_template, render_to_string

from transition.platform.core.registry import product as find_product

from . import tasks
from .delivery import email_deliver, email_log_purge, email_outbox_due, sms_deliver, sms_outbox_due
from .enums import EmailStatus
from .models import EmailLog, SmsLog
from .phone import PhoneError, phone_parse
from .sms import segments, sender_check

__all__ = [
    "RenderedEmail",
    "email_context",
    "email_deliver",
    "email_log_purge",
    "email_outbox_due",
    "email_render",
    "email_send",
    "emails_send",
    "sms_deliver",
    "sms_outbox_due",
    "sms_send",
]

logger = logging.getLogger(__name__)

PORTAL = "portail"
PORTAL_NAME = "Transition"


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def _checked_address(address: str, role: str) -> str:
    address = (address or "").strip()
    try:
        validate_email(address)
    except ValidationError:
        raise ValidationError(f"Adresse électronique du {role} invalide : « {address} ».") from None
    return address


def _render_plain(name: str, context: dict) -> str:
    """A text template without HTML escaping: « & » stays « & » in a text email."""
    return get_template(name).template.render(Context(context, autoescape=False))


def email_context(*, product: str, context: dict) -> dict:
    owner = find_product(product) if product != PORTAL else None
    if product != PORTAL and owner is None:
        raise ValueError(f"Service inconnu : « {product} ».")
    return {
        "service_name": owner.name if owner else PORTAL_NAME,
        "product": product,
        "site_url": settings.SITE_URL,
        **context,
    }


def email_render(*, template: str, context: dict, product: str = PORTAL) -> RenderedEmail:
    """Render `<template>_subject.txt` (one line), `<template>.txt` and `<template>.html`."""
    full = email_context(product=product, context=context)
    subject = " ".join(_render_plain(f"{template}_subject.txt", full).split())
    if not subject:
        raise ValueError(f"Le modèle « {template}_subject.txt » donne un objet vide.")
    return RenderedEmail(
        subject=subject[:255],
        text=_render_plain(f"{template}.txt", full),
        html=render_to_string(f"{template}.html", full),
    )


class Trusted(str):
    """Text the service itself controls (its name, a territory's name set by its administrators,
    a link to the site): the only text that may go by SMS to a number, or by email to an address,
    nobody verified."""


SAFE_TYPES = (int, float, Decimal, date, time, datetime, bool, type(None), Trusted)


def _message_id_domain() -> str:
    if settings.NOTIFY_MESSAGE_ID_DOMAIN:
        return settings.NOTIFY_MESSAGE_ID_DOMAIN
    _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return address.rpartition("@")[2] or "localhost"


def untrusted_keys(context: dict) -> list[str]:
    """The keys of `context` whose value is text nobody vouched for (see `Trusted`)."""
    return [key for key, value in context.items() if not isinstance(value, SAFE_TYPES)]


def email_send(
    *,
    to: str,
    template: str,
    context: dict,
    product: str = PORTAL,
    reply_to: str | None = None,
    recipient_verified: bool = True,
) -> EmailLog:
    """Render an email, put it in the outbox (the log, status queued) and hand its id to the
    sending job.

    To an address nobody verified (typed in a public form: it may be anyone's), pass
    `recipient_verified=False`: the context may then only hold numbers, dates and `Trusted` text
    (what the service itself controls), so that no text a stranger chose reaches someone else's
    mailbox (ValueError otherwise). Templates never turn text into links (`urlize`): links are
    the service's own, written as such.

    The job is enqueued once the caller's transaction commits (at once outside a transaction, and
    at once as well when jobs run immediately, as in tests): an email about a rolled-back change
    never leaves. A queue that is down, or loses the job, delays the email: the outbox sweep sends
    it later (email_outbox_due). Raises ValidationError (French message) for an invalid address.
    """
    return emails_send(
        [
            {
                "to": to,
                "template": template,
                "context": context,
                "product": product,
                "reply_to": reply_to,
                "recipient_verified": recipient_verified,
            }
        ]
    )[0]


def _outbox_entry(
    *,
    to: str,
    template: str,
    context: dict,
    product: str = PORTAL,
    reply_to: str | None = None,
    recipient_verified: bool = True,
) -> EmailLog:
    if not recipient_verified and (keys := untrusted_keys(context)):
        raise ValueError(
            f"Courriel vers une adresse non vérifiée : {', '.join(keys)} n’est pas un texte de confiance (Trusted)."
        )
    to = _checked_address(to, "destinataire")
    reply_to = _checked_address(reply_to, "destinataire des réponses") if reply_to else None
    rendered = email_render(template=template, context=context, product=product)
    return EmailLog(
        to=to,
        subject=rendered.subject,
        template=template,
        product=product,
        status=EmailStatus.QUEUED,
        message_id=make_msgid(domain=_message_id_domain()),
        outbox={
            "body": rendered.text,
            "html": rendered.html,
            "from_email": settings.DEFAULT_FROM_EMAIL,
            "reply_to": [reply_to] if reply_to else [],
        },
    )


def emails_send(messages: list[dict]) -> list[EmailLog]:
    """`email_send` for many emails at once (a period's notification): each item holds
    `email_send`'s keyword arguments; all are checked and rendered first, then put in the outbox
    by one INSERT, and handed to the sending job the same way."""
    logs = EmailLog.objects.bulk_create([_outbox_entry(**message) for message in messages])

    def enqueue():
        for log in logs:
            try:
                tasks.email_deliver_job(log.pk)
            except Exception as exc:  # the queue is unreachable: the outbox sweep will send it
                logger.warning("Courriel %s : mise en file impossible (%s), le balayage l’enverra", log.pk, exc)
                EmailLog.objects.filter(pk=log.pk).update(
                    error=f"Mise en file impossible : {type(exc).__name__} : {exc} (envoi repris par le balayage)"[
                        :2000
                    ]
                )

    if tasks.email_deliver_job.huey.immediate:
        enqueue()
    else:
        transaction.on_commit(enqueue)
    return logs


# --- SMS ---------------------------------------------------------------------------------------

SMS_MAX_SEGMENTS = 3


SMS_SAFE_TYPES = SAFE_TYPES


def sms_render(*, template: str, context: dict, product: str = PORTAL) -> str:
    """`<template>.txt`, without HTML escaping, lines trimmed, blank lines dropped."""
    owner = find_product(product) if product != PORTAL else None
    full = {
        "service_name": Trusted(owner.name if owner else PORTAL_NAME),
        "site_url": Trusted(settings.SITE_URL),
        **context,
    }
    text = _render_plain(f"{template}.txt", full)
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def sms_send(
    *, to: str, template: str, context: dict, recipient_verified: bool, product: str = PORTAL, tag: str = ""
) -> SmsLog:
    """Render an SMS, log it as queued and hand it to the sending job once the caller's
    transaction commits. The number must be a mobile (ValidationError otherwise).

    To a number nobody verified (typed by someone, imported from a sheet), the context may only
    hold numbers, dates, times and `Trusted` text: nothing a stranger chose can reach a phone
    that may not belong to who typed it (ValueError otherwise)."""
    try:
        phone = phone_parse(to)
    except PhoneError as exc:
        raise ValidationError(str(exc)) from None
    if not phone.mobile:
        raise ValidationError(f"Le numéro {phone.national} n’est pas un mobile : il ne peut pas recevoir de SMS.")
    if not recipient_verified:
        for key, value in context.items():
            if not isinstance(value, SMS_SAFE_TYPES):
                raise ValueError(f"SMS vers un numéro non vérifié : « {key} » n’est pas un texte de confiance.")
    body = sms_render(template=template, context=context, product=product)
    if not body:
        raise ValueError(f"Le modèle « {template}.txt » donne un SMS vide.")
    count = segments(body)
    if count > SMS_MAX_SEGMENTS:
        raise ValueError(f"Le modèle « {template}.txt » donne un SMS de {count} parties (au plus {SMS_MAX_SEGMENTS}).")
    message = {"to": phone.e164, "body": body, "sender": sender_check(settings.SMS_SENDER), "tag": tag or product}
    log = SmsLog.objects.create(to=phone.e164, template=template, product=product, segments=count, pending=message)

    def enqueue():
        try:
            tasks.sms_deliver_job(log.pk)
        except Exception as exc:  # the queue is unreachable: the outbox sweep will send it
            logger.warning("SMS %s : mise en file impossible (%s), le balayage l’enverra", log.pk, exc)
            SmsLog.objects.filter(pk=log.pk).update(
                error=f"Mise en file impossible : {type(exc).__name__} : {exc} (envoi repris par le balayage)"[:2000]
            )

    if tasks.sms_deliver_job.huey.immediate:
        enqueue()
    else:
        transaction.on_commit(enqueue)
    return log
