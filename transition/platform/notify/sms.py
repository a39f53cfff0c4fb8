"""The SMS gateway port: one protocol, a real provider's HTTP client, a local outbox.

    gateway = get_sms_gateway()          # chosen by settings.SMS_BACKEND: "outbox" or "http"
    provider_id = gateway.send(SmsMessage(to="+33612345678", body="…", sender="CoMobi"))

- `HttpSmsGateway` speaks the shape of Brevo's transactional SMS API (a French provider used
  across public services): `POST SMS_HTTP_URL` with the header `api-key: SMS_HTTP_API_KEY` and the
  JSON body `{"sender", "recipient", "content", "type": "transactional", "tag"}`; the recipient is
  the number in international form without "+" ("33612345678"); a 201 answers `{"messageId": …}`.
  Any provider with the same shape (or a small relay in front of another one) fits.
- `OutboxSmsGateway` keeps each message in the database (`SmsOutbox`), where the team reads it in
  the admin: development, tests and demos never send a real SMS.

Sending is done by a job (`notify.tasks.sms_deliver_job`), as for emails: the service
`notify.services.sms_send` renders the text, logs it and enqueues the job once the caller's
transaction commits.
"""

import logging
import math
import re
from dataclasses import dataclass
from typing import Protocol

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .models import SmsOutbox

logger = logging.getLogger(__name__)

SENDER = re.compile(r"^[A-Za-z0-9]{3,11}$")
GSM7 = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿"
    "abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€")


class SmsError(Exception):
    """The SMS could not be handed to the provider. `retryable`: a later attempt may succeed."""

    def __init__(self, message: str, *, retryable: bool):
        self.message = message
        self.retryable = retryable
        super().__init__(message)


@dataclass(frozen=True)
class SmsMessage:
    to: str  # E.164, "+33612345678"
    body: str
    sender: str
    tag: str = ""


def segments(body: str) -> int:
    """How many SMS the text takes: 160 GSM-7 characters (153 when split), else 70 UCS-2 (67)."""
    if all(c in GSM7 or c in GSM7_EXTENDED for c in body):
        length = sum(2 if c in GSM7_EXTENDED else 1 for c in body)
        return 1 if length <= 160 else math.ceil(length / 153)
    return 1 if len(body) <= 70 else math.ceil(len(body) / 67)


class SmsGateway(Protocol):
    def send(self, message: SmsMessage, *, log_id: int | None = None) -> str:
        """Hand the message over; return the provider's identifier. Raises SmsError."""
        ...


class OutboxSmsGateway:
    """Development and tests: the message is kept in the database, nothing leaves."""

    def send(self, message: SmsMessage, *, log_id: int | None = None) -> str:
        row = SmsOutbox.objects.create(log_id=log_id, to=message.to, sender=message.sender, body=message.body)
        return f"outbox-{row.pk}"


class HttpSmsGateway:
    def __init__(self, *, url: str, api_key: str, timeout_s: float = 10, session: requests.Session | None = None):
        if not url.startswith(("https://", "http://")):
            raise ImproperlyConfigured("SMS_HTTP_URL doit être une adresse http(s).")
        if not api_key:
            raise ImproperlyConfigured("SMS_HTTP_API_KEY est vide : la passerelle SMS HTTP ne peut pas s’authentifier.")
        self.url = url
        self.api_key = api_key
        self.timeout_s = timeout_s
        self.session = session or requests.Session()

    def send(self, message: SmsMessage, *, log_id: int | None = None) -> str:
        payload = {
            "sender": message.sender,
            "recipient": message.to.lstrip("+"),
            "content": message.body,
            "type": "transactional",
        }
        if message.tag:
            payload["tag"] = message.tag
        try:
            response = self.session.post(
                self.url,
                json=payload,
                headers={"api-key": self.api_key, "accept": "application/json"},
                timeout=self.timeout_s,
            )
        except requests.RequestException as exc:
            raise SmsError(f"Fournisseur SMS injoignable ({type(exc).__name__}).", retryable=True) from exc
        if response.status_code in (200, 201, 202):
            try:
                body = response.json()
            except ValueError:
                body = {}
            identifier = body.get("messageId") or body.get("reference") or ""
            return str(identifier)[:100]
        detail = ""
        try:
            detail = str(response.json().get("message", ""))[:200]
        except (ValueError, AttributeError):
            detail = ""
        retryable = response.status_code == 429 or response.status_code >= 500
        raise SmsError(
            f"Le fournisseur SMS a refusé le message (HTTP {response.status_code}{' : ' + detail if detail else ''}).",
            retryable=retryable,
        )


def get_sms_gateway():
    backend = settings.SMS_BACKEND
    if backend == "outbox":
        return OutboxSmsGateway()
    if backend == "http":
        return HttpSmsGateway(
            url=settings.SMS_HTTP_URL, api_key=settings.SMS_HTTP_API_KEY, timeout_s=settings.SMS_HTTP_TIMEOUT_S
        )
    raise ImproperlyConfigured(f"SMS_BACKEND inconnu : {backend!r} (attendu : « outbox » ou « http »).")


def sender_check(sender: str) -> str:
    if not SENDER.match(sender or ""):
        raise ImproperlyConfigured(f"Expéditeur SMS invalide : {sender!r} (3 à 11 lettres ou chiffres, sans espace).")
    return sender
