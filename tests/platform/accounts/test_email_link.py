import hashlib
import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.utils import timezone

from transition.platform.accounts.models import EmailLoginToken, User
from transition.platform.audit.models import Event

from .factories import UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"http://testserver(/connexion/lien/[A-Za-z0-9_-]+/)")


def _request_link(client, email="lea@example.fr", **extra) -> str:
    response = client.post("/connexion/", {"email": email, **extra})
    assert response.status_code == 302 and response["Location"] == "/connexion/lien-envoye/"
    return LINK.search(mail.outbox[-1].body).group(1)


def test_link_is_emailed_and_only_its_hash_is_kept(client):
    path = _request_link(client, "Lea@Example.fr")
    message = mail.outbox[-1]
    assert message.to == ["lea@example.fr"]
    assert "15 minutes" in message.body
    assert message.alternatives and path in message.alternatives[0][0]
    token = path.split("/")[-2]
    assert len(token) >= 32
    row = EmailLoginToken.objects.get()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(list(EmailLoginToken.objects.values()))
    assert abs((row.expires_at - timezone.now()) - timedelta(minutes=15)) < timedelta(seconds=30)


def test_link_signs_in_once_and_creates_the_account(client):
    path = _request_link(client, next="/mes-donnees/")
    page = client.get(path)  # a mail scanner following the link does not use it up
    assert page.status_code == 200 and "Me connecter" in page.content.decode()
    response = client.post(path)
    assert response.status_code == 302 and response["Location"] == "/mes-donnees/"
    user = User.objects.get(email="lea@example.fr")
    assert int(client.session["_auth_user_id"]) == user.pk
    assert Event.objects.get(action="accounts.sign_in").payload == {"method": "email"}

    client.logout()
    again = client.post(path)
    assert again["Location"] == "/connexion/"
    assert "_auth_user_id" not in client.session
    assert any("déjà servi" in str(m) for m in get_messages(again.wsgi_request))


def test_link_signs_in_an_existing_account(client):
    user = UserFactory(email="lea@example.fr")
    client.post(_request_link(client, "LEA@example.fr"))
    assert int(client.session["_auth_user_id"]) == user.pk


def test_expired_link_is_refused(client):
    path = _request_link(client)
    EmailLoginToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    for response in (client.get(path), client.post(path)):
        assert response["Location"] == "/connexion/"
        assert any("a expiré" in str(m) for m in get_messages(response.wsgi_request))
    assert "_auth_user_id" not in client.session
    assert not User.objects.exists()


def test_unknown_link_is_refused(client):
    response = client.post("/connexion/lien/" + "x" * 43 + "/")
    assert response["Location"] == "/connexion/"
    assert "_auth_user_id" not in client.session


def test_invalid_email_is_a_form_error(client):
    response = client.post("/connexion/", {"email": "pas-une-adresse"})
    assert response.status_code == 400
    assert "Indiquez une adresse électronique valide" in response.content.decode()
    assert not mail.outbox


def test_links_are_limited_per_email_without_a_refusal(client, settings):
    """Over the per-address limit nothing more is sent while a link is still valid, and the
    answer stays the same (a 429 would let a stranger lock the person out: test_hardening_signin)."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login_email": {"ip": (100, 3600), "email": (3, 3600)}}
    for _ in range(3):
        _request_link(client, "lea@example.fr")
    response = client.post("/connexion/", {"email": "LEA@example.fr"})
    assert response.status_code == 302 and response["Location"] == "/connexion/lien-envoye/"
    assert len(mail.outbox) == 3
    _request_link(client, "autre@example.fr")  # another address is not concerned


def test_links_are_rate_limited_per_ip(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login_email": {"ip": (2, 3600), "email": (100, 3600)}}
    _request_link(client, "a@example.fr")
    _request_link(client, "b@example.fr")
    assert client.post("/connexion/", {"email": "c@example.fr"}).status_code == 429
    assert client.post("/connexion/", {"email": "c@example.fr"}, REMOTE_ADDR="10.0.0.2").status_code == 302


def test_expired_rows_are_purged_a_day_later(client):
    from transition.platform.accounts.models import OIDCState
    from transition.platform.accounts.services import signin_leftovers_purge

    _request_link(client)
    OIDCState.objects.create(state="s" * 43, nonce="n" * 43, provider="proconnect", expires_at=timezone.now())
    assert signin_leftovers_purge(now=timezone.now() + timedelta(hours=2)) == 0
    assert signin_leftovers_purge(now=timezone.now() + timedelta(days=2)) == 2
    assert not EmailLoginToken.objects.exists()
