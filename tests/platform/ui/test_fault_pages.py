"""A fault of the database or Redis answers 503 with a plain message, never a 500, and a form's
content comes back to the person (shown, and ready to be posted again)."""

import pytest
from django.db import OperationalError
from django.test import Client
from redis.exceptions import ConnectionError as RedisConnectionError

from transition.platform.accounts import ratelimit
from transition.platform.accounts import views as accounts_views

pytestmark = pytest.mark.django_db


@pytest.fixture
def client():
    return Client(raise_request_exception=False, enforce_csrf_checks=False)


def unreachable(exc):
    def fail(*args, **kwargs):
        raise exc

    return fail


@pytest.mark.parametrize("exc", [OperationalError("connection refused"), RedisConnectionError("Connection refused")])
def test_a_form_posted_during_a_fault_comes_back_with_what_was_typed(client, monkeypatch, exc, caplog):
    monkeypatch.setattr(accounts_views, "rate_limit_check", unreachable(exc))
    response = client.post("/connexion/?next=/mes-donnees/", {"email": "anne.durand@example.fr", "next": "/x/"})
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "Votre envoi n’a pas été enregistré" in html and "réessayez dans quelques instants" in html
    assert '<form method="post" action="/connexion/?next=/mes-donnees/">' in html
    assert '<input type="hidden" name="email" value="anne.durand@example.fr">' in html
    assert html.count('name="csrfmiddlewaretoken"') == 1  # a fresh token, not the posted one
    assert "Traceback" not in html and "connection refused" not in html.lower()
    assert "Incident" in caplog.text or "Service Unavailable" in caplog.text


def test_secrets_are_neither_shown_nor_posted_again(client, monkeypatch):
    monkeypatch.setattr(accounts_views, "rate_limit_check", unreachable(OperationalError("down")))
    html = client.post("/connexion/", {"email": "a@example.fr", "password": "s3cret!", "otp_token": "123456"}).content
    assert b"s3cret!" not in html and b"123456" not in html


def test_a_page_read_during_a_fault_says_so_in_plain_french(client, monkeypatch):
    monkeypatch.setattr(accounts_views, "render", unreachable(OperationalError("down")))
    response = client.get("/connexion/")
    assert response.status_code == 503
    assert "Un incident technique passager empêche d’afficher cette page" in response.content.decode()


def test_the_api_answers_503_in_json(client, monkeypatch):
    monkeypatch.setattr(ratelimit, "rate_limit_check", unreachable(OperationalError("down")))
    response = client.get("/api/geo/search?q=rue de la paix")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "code": "unavailable",
        "message": "Service momentanément indisponible. Réessayez dans quelques instants.",
        "errors": [],
    }


def test_a_bug_is_still_a_500(client, monkeypatch):
    monkeypatch.setattr(accounts_views, "rate_limit_check", unreachable(KeyError("bug")))
    assert client.post("/connexion/", {"email": "a@example.fr"}).status_code == 500
