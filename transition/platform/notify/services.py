"""Writes of the notify app: templated emails, logged, then sent by a job."""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, make_msgid
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Q
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from transition.platform.core.registry import product as find_product

from .enums import EmailStatus
from .models import EmailLog

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
    """Render an email, put it in the outbox (the log, status queued) and hand its id to the
    sending job.

    The job is enqueued once the caller's transaction commits (at once outside a transaction, and
    at once as well when jobs run immediately, as in tests): an email about a rolled-back change
    never leaves. A queue that is down, or loses the job, delays the email: the outbox sweep sends
    it later (email_outbox_due). Raises ValidationError (French message) for an invalid address.
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
        outbox={
            "body": rendered.text,
            "html": rendered.html,
            "from_email": settings.DEFAULT_FROM_EMAIL,
            "reply_to": [reply_to] if reply_to else [],
        },
    )
    from .tasks import email_deliver_job  # tasks import this module

    def enqueue():
        try:
            email_deliver_job(log.pk)
        except Exception as exc:  # the queue is unreachable: the outbox sweep will send it
            logger.warning("Courriel %s : mise en file impossible (%s), le balayage l’enverra", log.pk, exc)
            EmailLog.objects.filter(pk=log.pk).update(
                error=f"Mise en file impossible : {type(exc).__name__} : {exc} (envoi repris par le balayage)"[:2000]
            )

    if email_deliver_job.huey.immediate:
        enqueue()
    else:
        transaction.on_commit(enqueue)
    return log


def _claim(log_id: int) -> EmailLog | None:
    """Take the right to send one queued email: one sender at a time, and a claim left by a
    sender that died is taken over once it is older than the sending lease."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.NOTIFY_SEND_LEASE_S)
    claimed = (
        EmailLog.objects.filter(pk=log_id, status=EmailStatus.QUEUED)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
        .update(claimed_at=now)
    )
    return EmailLog.objects.filter(pk=log_id).first() if claimed else None


def _message(log: EmailLog) -> EmailMultiAlternatives:
    outbox = log.outbox
    email = EmailMultiAlternatives(
        subject=log.subject,
        body=outbox["body"],
        from_email=outbox["from_email"],
        to=[log.to],
        reply_to=outbox["reply_to"] or None,
        headers={"Message-ID": log.message_id},  # the same on every attempt: a copy is recognisable
    )
    email.attach_alternative(outbox["html"], "text/html")
    return email


def email_deliver(*, log_id: int) -> EmailStatus | None:
    """Send one email of the outbox through Django's email backend and record the outcome.

    Each message leaves once: a sender claims it first, and an email already sent (or being sent
    by another worker) is left alone. On an error the email stays queued and the error is
    re-raised so that the job retries, until NOTIFY_RETRIES attempts have failed: then it is
    marked failed. A log row erased meanwhile means: do not send. Returns the status reached, or
    None when there was nothing to do.
    """
    log = _claim(log_id)
    if log is None:
        current = EmailLog.objects.filter(pk=log_id).values_list("status", flat=True).first()
        if current is None:
            logger.warning("Courriel %s : entrée du journal effacée, envoi abandonné", log_id)
        return EmailStatus(current) if current == EmailStatus.SENT else None
    if not log.outbox:  # queued before the log was the outbox: nothing left to send
        EmailLog.objects.filter(pk=log_id).update(status=EmailStatus.FAILED, claimed_at=None, error="Message perdu")
        return EmailStatus.FAILED
    try:
        _message(log).send(fail_silently=False)
    except Exception as exc:
        final = log.attempts + 1 > settings.NOTIFY_RETRIES
        EmailLog.objects.filter(pk=log_id).update(
            status=EmailStatus.FAILED if final else EmailStatus.QUEUED,
            attempts=F("attempts") + 1,
            claimed_at=None,
            queued_at=timezone.now(),
            error=f"{type(exc).__name__} : {exc}{'' if final else ' (nouvelle tentative prévue)'}"[:2000],
            **({"outbox": {}} if final else {}),
        )
        if final:
            logger.error("Courriel %s : abandonné après %d tentatives (%s)", log_id, log.attempts + 1, exc)
            return EmailStatus.FAILED
        raise
    EmailLog.objects.filter(pk=log_id).update(
        status=EmailStatus.SENT,
        attempts=F("attempts") + 1,
        sent_at=timezone.now(),
        claimed_at=None,
        error="",
        outbox={},
    )
    return EmailStatus.SENT


def email_outbox_due(*, limit: int = 500) -> list[int]:
    """Emails still queued NOTIFY_OUTBOX_DELAY_S after they were last handed to the queue (the
    queue lost them, or is down): their ids, marked as handed again now, oldest first."""
    now = timezone.now()
    due_before = now - timedelta(seconds=settings.NOTIFY_OUTBOX_DELAY_S)
    stale = now - timedelta(seconds=settings.NOTIFY_SEND_LEASE_S)
    with transaction.atomic():
        ids = list(
            EmailLog.objects.filter(status=EmailStatus.QUEUED, queued_at__lt=due_before)
            .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale))
            .order_by("queued_at")
            .values_list("pk", flat=True)[:limit]
        )
        EmailLog.objects.filter(pk__in=ids).update(queued_at=now)
    return ids


def email_log_purge(*, before: datetime) -> int:
    """Delete log rows created before `before` (retention of personal data); returns how many."""
    deleted, _ = EmailLog.objects.filter(created_at__lt=before).delete()
    return deleted
