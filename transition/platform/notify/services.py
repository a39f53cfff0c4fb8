"""Writes of the notify app: templated emails, logged, then handed to the sending job (tasks.py),
which delivers them through delivery.py."""

import logging
from dataclasses import dataclass
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
from .delivery import email_deliver, email_log_purge
from .enums import EmailStatus
from .models import EmailLog

__all__ = ["RenderedEmail", "email_context", "email_deliver", "email_log_purge", "email_render", "email_send"]

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


def _message_id_domain() -> str:
    if settings.NOTIFY_MESSAGE_ID_DOMAIN:
        return settings.NOTIFY_MESSAGE_ID_DOMAIN
    _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return address.rpartition("@")[2] or "localhost"


def email_send(
    *, to: str, template: str, context: dict, product: str = PORTAL, reply_to: str | None = None
) -> EmailLog:
    """Render an email, log it as queued and hand it to the sending job.

    The job is enqueued once the caller's transaction commits (at once outside a transaction, and
    at once as well when jobs run immediately, as in tests): an email about a rolled-back change
    never leaves. Raises ValidationError (French message) for an invalid address.
    """
    to = _checked_address(to, "destinataire")
    reply_to = _checked_address(reply_to, "destinataire des réponses") if reply_to else None
    rendered = email_render(template=template, context=context, product=product)
    message_id = make_msgid(domain=_message_id_domain())
    log = EmailLog.objects.create(
        to=to,
        subject=rendered.subject,
        template=template,
        product=product,
        status=EmailStatus.QUEUED,
        message_id=message_id,
    )
    message = {
        "to": [to],
        "subject": rendered.subject,
        "body": rendered.text,
        "html": rendered.html,
        "from_email": settings.DEFAULT_FROM_EMAIL,
        "reply_to": [reply_to] if reply_to else [],
        "headers": {"Message-ID": message_id},
    }

    def enqueue():
        try:
            tasks.email_deliver_job(log.pk, message)
        except Exception as exc:  # the queue is unreachable: say so in the log, do not lose the trace
            logger.exception("Courriel %s : mise en file impossible", log.pk)
            EmailLog.objects.filter(pk=log.pk).update(
                status=EmailStatus.FAILED, error=f"Mise en file impossible : {type(exc).__name__} : {exc}"
            )

    if tasks.email_deliver_job.huey.immediate:
        enqueue()
    else:
        transaction.on_commit(enqueue)
    return log
