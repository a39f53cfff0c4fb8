"""Anonymous API requests skip the page-only middleware; everything else is as before."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

API_URL = "/chaleur/api/v1/eligibility?lat=abc&lon=2"  # answered by the API itself: 400


def test_an_anonymous_api_request_gets_no_session_and_keeps_the_security_headers(client):
    response = client.get(API_URL)
    assert response.status_code == 400
    assert set(response.json()) == {"code", "message", "errors"}
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_an_api_request_with_a_session_cookie_goes_through_the_whole_stack(client, django_user_model):
    user = django_user_model.objects.create_user(email="a@example.org", password="x-long-password-1")
    client.force_login(user)
    response = client.get(API_URL)
    assert response.status_code == 400
    assert response.wsgi_request.user == user
    assert hasattr(response.wsgi_request, "session")


def test_the_anonymous_api_user_reads_as_anonymous_and_unverified():
    from transition.platform.core.api_fast import is_anonymous_api_request

    response = Client().get(API_URL)
    request = response.wsgi_request
    assert is_anonymous_api_request(request)
    assert request.user.is_anonymous and not request.user.is_verified()
    assert not hasattr(request, "session")


def test_an_unknown_api_path_still_answers_the_json_error_shape(client):
    response = client.get("/api/geo/v1/nowhere")
    assert response.status_code == 404
    assert set(response.json()) == {"code", "message", "errors"}
    assert not response.cookies


def test_pages_keep_sessions_and_csrf():
    client = Client(enforce_csrf_checks=True)
    page = client.get("/")
    assert not getattr(page.wsgi_request, "_anonymous_api", False)
    assert hasattr(page.wsgi_request, "session")
    assert client.post("/connexion/", {"email": "a@example.org"}).status_code == 403  # no CSRF token


def test_the_deploy_check_sees_the_pages_csrf_and_sessions(settings):
    from transition.platform.core.checks import pages_keep_csrf_and_sessions

    assert pages_keep_csrf_and_sessions(None) == []
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "Csrf" not in m]
    assert [e.id for e in pages_keep_csrf_and_sessions(None)] == ["core.E001"]
