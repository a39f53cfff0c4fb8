"""Every API answers errors in one shape, in French: {"code", "message", "errors"}."""

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from ninja import NinjaAPI, Query, Router, Schema
from ninja.security import HttpBearer
from ninja.testing import TestClient

from transition.platform.accounts.ratelimit import api_rate_limit
from transition.platform.core.api import API_ERRORS, ApiError, install_error_handlers, validation_errors


class Out(Schema):
    n: int


class Filters(Schema):
    n: int
    lat: float = None
    day: str = None


class NeverAuth(HttpBearer):
    def authenticate(self, request, token):
        return None


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # rate-limit counters of other tests must not count here
    yield
    cache.clear()


def _client() -> TestClient:
    router = Router()

    @router.get("/ok", response={200: Out, **API_ERRORS})
    def ok(request, n: int, lat: float = Query(None, ge=-90, le=90)):
        return {"n": n}

    @router.get("/missing", response={200: Out, **API_ERRORS})
    def missing(request):
        raise ApiError(404, "project_not_found", "Aucun projet ne porte cet identifiant.")

    @router.get("/private", auth=NeverAuth(), response={200: Out, **API_ERRORS})
    def private(request):
        return {"n": 1}

    @router.get("/denied", response={200: Out, **API_ERRORS})
    def denied(request):
        raise PermissionDenied

    @router.get("/crash", response={200: Out, **API_ERRORS})
    def crash(request):
        raise RuntimeError("boom: secret detail")

    @router.get("/limited", response={200: Out, **API_ERRORS})
    @api_rate_limit("default")
    def limited(request, n: int = 1):
        return {"n": n}

    api = NinjaAPI(urls_namespace="test_api_errors")
    install_error_handlers(api)
    api.add_router("/", router)
    return TestClient(api)


def _assert_shape(response, status, code):
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"code", "message", "errors"}
    assert body["code"] == code
    assert body["message"] and body["message"][0].isupper()
    return body


def test_api_error_carries_its_code_and_french_message():
    body = _assert_shape(_client().get("/missing"), 404, "project_not_found")
    assert body["message"] == "Aucun projet ne porte cet identifiant."


def test_validation_errors_name_each_field_in_french():
    body = _assert_shape(_client().get("/ok?n=abc&lat=91"), 422, "invalid")
    by_field = {e["field"]: e["message"] for e in body["errors"]}
    assert by_field["n"] == "Un nombre entier est attendu."
    assert by_field["lat"] == "La valeur doit être inférieure ou égale à 90."
    body = _assert_shape(_client().get("/ok"), 422, "invalid")
    assert body["errors"] == [{"field": "n", "message": "Ce champ est obligatoire."}]


def test_authentication_and_permission_errors():
    response = _client().get("/private")
    _assert_shape(response, 401, "unauthenticated")
    assert response["WWW-Authenticate"] == "Bearer"
    _assert_shape(_client().get("/denied"), 403, "forbidden")


def test_a_crash_answers_json_without_its_detail(caplog):
    body = _assert_shape(_client().get("/crash"), 500, "server_error")
    assert "secret" not in body["message"]


def test_rate_limit_answers_429_with_retry_after(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "default": {"ip": (2, 60)}}
    client = _client()
    assert client.get("/limited").status_code == 200
    assert client.get("/limited").status_code == 200
    response = client.get("/limited")
    _assert_shape(response, 429, "rate_limited")
    assert response["Retry-After"] == "60"


def test_rate_limit_keeps_the_operation_signature_for_ninja():
    response = _client().get("/limited?n=7")
    assert response.json() == {"n": 7}


def test_unknown_rate_limit_scope_is_a_programming_error():
    with pytest.raises(ValueError, match="inconnue"):
        api_rate_limit("no_such_scope")


@pytest.mark.parametrize("path", ["/api/nope", "/chaleur/api/v1/nope", "/comobi/api/v1/x/y"])
def test_unknown_api_paths_answer_json(client, path):
    _assert_shape(client.get(path), 404, "not_found")


def test_wrong_method_on_an_api_path_answers_json(client):
    response = client.delete("/api/geo/search?q=rue")
    _assert_shape(response, 405, "method_not_allowed")


def test_pages_outside_the_api_keep_their_html_errors(client):
    response = client.get("/nope-not-a-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_openapi_lists_the_error_schema(client):
    schema = client.get("/api/openapi.json").json()
    assert "ErrorOut" in schema["components"]["schemas"] or schema["paths"]


@pytest.mark.parametrize(
    ("error", "message"),
    [
        ({"type": "missing", "loc": ("query", "x")}, "Ce champ est obligatoire."),
        ({"type": "datetime_parsing", "loc": ("query", "updated_since")}, "Une date-heure ISO 8601 est attendue"),
        (
            {"type": "literal_error", "loc": ("body", "payload", "status"), "ctx": {"expected": "'a' or 'b'"}},
            "valeurs possibles",
        ),
        ({"type": "something_new", "loc": ()}, "Valeur invalide."),
    ],
)
def test_validation_messages(error, message):
    (out,) = validation_errors([error])
    assert message in out["message"]
    assert out["field"]
