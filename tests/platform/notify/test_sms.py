"""The SMS port: the outbox, the real HTTP client against a server on loopback, the rules."""

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError

from tests.fakes.http import LoopbackJsonServer
from transition.platform.notify.enums import EmailStatus
from transition.platform.notify.models import SmsLog, SmsOutbox
from transition.platform.notify.services import Trusted, sms_send
from transition.platform.notify.sms import HttpSmsGateway, SmsError, SmsMessage, get_sms_gateway, segments

pytestmark = pytest.mark.django_db
TEMPLATE = "notify_tests/sms_trip"


class Provider(LoopbackJsonServer):
    """A stand-in for the provider's HTTP API on loopback: records requests, answers as told."""

    def __init__(self):
        super().__init__()
        self.answer_with = (201, {"messageId": 1511882900176220})

    def answer(self, method, path, headers, body):
        return self.answer_with


@pytest.fixture
def provider(settings):
    with Provider() as running:
        settings.SMS_BACKEND = "http"
        settings.SMS_HTTP_URL = f"{running.url}/v3/transactionalSMS/send"
        settings.SMS_HTTP_API_KEY = "cle-de-test"
        settings.SMS_SENDER = "CoMobi"
        yield running


def test_outbox_keeps_the_text_and_logs_it_sent(settings):
    settings.SMS_BACKEND = "outbox"
    log = sms_send(
        to="06 12 34 56 78",
        template=TEMPLATE,
        context={"day": date(2025, 3, 12), "hour": Trusted("08:30"), "note": Trusted("")},
        recipient_verified=False,
    )
    log.refresh_from_db()
    assert (log.to, log.status, log.segments) == ("+33612345678", EmailStatus.SENT, 1)
    outbox = SmsOutbox.objects.get()
    assert outbox.log == log
    assert outbox.body == "Bonjour, votre trajet du 12/03 à 08:30 est confirmé. Transition"


def test_a_stranger_chosen_text_never_goes_to_an_unverified_number():
    with pytest.raises(ValueError, match="note"):
        sms_send(
            to="0612345678",
            template=TEMPLATE,
            context={"day": date(2025, 3, 12), "hour": Trusted("08:30"), "note": "Rappelez le 0899…"},
            recipient_verified=False,
        )
    assert not SmsLog.objects.exists()


def test_a_verified_number_may_receive_a_persons_text():
    sms_send(
        to="0612345678",
        template=TEMPLATE,
        context={"day": date(2025, 3, 12), "hour": "08:30", "note": "Josiane D. vous attend."},
        recipient_verified=True,
    )
    assert "Josiane D. vous attend." in SmsOutbox.objects.get().body


@pytest.mark.parametrize("number", ["05 65 12 34 56", "n'importe quoi", ""])
def test_only_a_mobile_receives_an_sms(number):
    with pytest.raises(ValidationError):
        sms_send(to=number, template=TEMPLATE, context={}, recipient_verified=True)


def test_too_long_a_text_is_refused():
    with pytest.raises(ValueError, match="parties"):
        sms_send(to="0612345678", template=TEMPLATE, context={"note": "x" * 600}, recipient_verified=True)


def test_http_gateway_speaks_the_providers_shape(provider):
    log = sms_send(
        to="+33 6 12 34 56 78",
        template=TEMPLATE,
        context={"day": date(2025, 3, 12), "hour": Trusted("08:30"), "note": Trusted("")},
        recipient_verified=False,
        product="comobi",
    )
    log.refresh_from_db()
    assert (log.status, log.provider_id) == (EmailStatus.SENT, "1511882900176220")
    (sent,) = provider.requests
    assert sent["path"] == "/v3/transactionalSMS/send"
    assert sent["headers"]["api-key"] == "cle-de-test"
    assert sent["json"] == {
        "sender": "CoMobi",
        "recipient": "33612345678",
        "content": "Bonjour, votre trajet du 12/03 à 08:30 est confirmé. CoMobi",
        "type": "transactional",
        "tag": "comobi",
    }
    assert not SmsOutbox.objects.exists()


def test_a_refusal_fails_at_once_without_retry(provider):
    provider.answer_with = (400, {"code": "invalid_parameter", "message": "Invalid phone number"})
    log = sms_send(to="0612345678", template=TEMPLATE, context={}, recipient_verified=True)
    log.refresh_from_db()
    assert log.status == EmailStatus.FAILED
    assert "HTTP 400" in log.error and "Invalid phone number" in log.error
    assert len(provider.requests) == 1


def test_an_outage_is_retried(provider, settings):
    provider.answer_with = (503, {"message": "maintenance"})
    gateway = get_sms_gateway()
    with pytest.raises(SmsError) as caught:
        gateway.send(SmsMessage(to="+33612345678", body="Test", sender="CoMobi"))
    assert caught.value.retryable


def test_an_unreachable_provider_is_retryable():
    gateway = HttpSmsGateway(url="http://127.0.0.1:9/sms", api_key="k", timeout_s=1)
    with pytest.raises(SmsError) as caught:
        gateway.send(SmsMessage(to="+33612345678", body="Test", sender="CoMobi"))
    assert caught.value.retryable


def test_settings_are_checked(settings):
    settings.SMS_BACKEND = "pigeon"
    with pytest.raises(ImproperlyConfigured):
        get_sms_gateway()
    settings.SMS_BACKEND = "http"
    settings.SMS_HTTP_API_KEY = ""
    with pytest.raises(ImproperlyConfigured):
        get_sms_gateway()


@pytest.mark.parametrize(
    ("body", "count"),
    [("a" * 160, 1), ("a" * 161, 2), ("a" * 306, 2), ("€" * 80, 1), ("€" * 81, 2), ("ş" * 70, 1), ("ş" * 71, 2)],
)
def test_segments(body, count):
    assert segments(body) == count
