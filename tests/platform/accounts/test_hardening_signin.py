"""Issue 9, findings 7 and 8: anonymous callbacks do not fill the audit log; rate limits cannot
lock a stranger's account, cannot be defeated by the reverse proxy, and wrong API tokens are
limited."""

import re

import pytest
from django.core import mail
from django.core.checks import Warning as CheckWarning
from django.test import Client

from transition.platform.accounts.checks import client_ip_header_check
from transition.platform.accounts.models import EmailLoginToken, SignInFailureCount
from transition.platform.audit.models import Event

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/connexion/lien/[A-Za-z0-9_-]+/)")


# Finding 7 ------------------------------------------------------------------------------------


@pytest.mark.parametrize("provider", ["franceconnect", "proconnect"])
def test_callbacks_without_a_session_state_are_counted_not_stored(client, provider):
    """Even with the provider not configured: each GET used to write a permanent event."""
    for n in range(25):
        response = client.get(f"/connexion/{provider}/retour/", {"state": f"x{n}", "code": "y"})
        assert response.status_code == 302 and response["Location"] == "/connexion/"
    assert not Event.objects.filter(action="accounts.sign_in_failed").exists()
    counted = SignInFailureCount.objects.get(method=provider)
    assert counted.count == 25 and "state" in counted.reason


def test_a_failure_after_a_round_trip_started_here_is_still_audited(client, oidc_provider):
    from tests.platform.accounts.test_oidc_signin import _authorize, _callback, _start

    location = _authorize(_start(client, "proconnect"))
    _callback(client, location, state="falsifie")
    assert Event.objects.filter(action="accounts.sign_in_failed").count() == 1


# Finding 8: a stranger cannot lock a person out ------------------------------------------------


def _post(client, email, ip):
    return client.post("/connexion/", {"email": email}, REMOTE_ADDR=ip)


def test_link_requests_for_someone_else_do_not_lock_them_out(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login_email": {"ip": (100, 3600), "email": (5, 3600)}}
    stranger, lea = Client(), Client()
    for _ in range(30):
        assert _post(stranger, "lea@example.fr", "203.0.113.66").status_code == 302
    flood = len(mail.outbox)
    assert flood <= 5  # her mailbox is not flooded

    response = _post(lea, "lea@example.fr", "198.51.100.7")
    assert response.status_code == 302 and response["Location"] == "/connexion/lien-envoye/"
    # Whatever the stranger did, a valid link is in her mailbox: the last one sent.
    path = LINK.search(mail.outbox[-1].body).group(1)
    assert lea.post(path).status_code == 302 and "_auth_user_id" in lea.session


def test_over_the_per_address_limit_a_link_is_sent_once_the_previous_ones_expired(settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login_email": {"ip": (100, 3600), "email": (2, 3600)}}
    client = Client()
    for _ in range(4):
        _post(client, "lea@example.fr", "203.0.113.66")
    assert len(mail.outbox) == 2
    EmailLoginToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    _post(client, "lea@example.fr", "203.0.113.66")
    assert len(mail.outbox) == 3  # no valid link was left: one more is sent
    _post(client, "lea@example.fr", "203.0.113.66")
    assert len(mail.outbox) == 3


def test_production_settings_read_the_proxy_header():
    import ast
    from pathlib import Path

    source = (Path(__file__).resolve().parents[3] / "transition/config/settings/prod.py").read_text()
    assigned = {
        node.targets[0].id: node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }
    value = assigned["RATE_LIMIT_CLIENT_IP_HEADER"]
    assert "HTTP_X_REAL_IP" in ast.unparse(value)


def test_check_deploy_warns_when_the_client_ip_header_is_missing(settings):
    settings.RATE_LIMIT_CLIENT_IP_HEADER = ""
    warnings = client_ip_header_check(None)
    assert len(warnings) == 1 and isinstance(warnings[0], CheckWarning)
    assert "RATE_LIMIT_CLIENT_IP_HEADER" in warnings[0].msg
    settings.RATE_LIMIT_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert client_ip_header_check(None) == []


def test_the_deploy_check_command_lists_it(settings):
    from django.core.checks import run_checks

    settings.RATE_LIMIT_CLIENT_IP_HEADER = ""
    ids = [message.id for message in run_checks(include_deployment_checks=True)]
    assert "accounts.W001" in ids


def test_posting_unknown_sign_in_links_is_counted_not_stored(client):
    """The same weakness as the providers' callbacks: anyone can POST a made-up link."""
    for n in range(12):
        response = client.post(f"/connexion/lien/invente{n:02d}abcdefghijklmnopqrstuvwxyz0123/")
        assert response.status_code == 302 and response["Location"] == "/connexion/"
    assert not Event.objects.filter(action="accounts.sign_in_failed").exists()
    assert SignInFailureCount.objects.get(method="email").count == 12


def test_a_replayed_real_link_is_still_audited(client):
    client.post("/connexion/", {"email": "lea@example.fr"})
    path = LINK.search(mail.outbox[-1].body).group(1)
    assert client.post(path).status_code == 302
    Client().post(path)
    assert Event.objects.filter(action="accounts.sign_in_failed").count() == 1
