"""Every operation of every product's API, fuzzed from its own OpenAPI (issue 9, findings 9 and
10): whatever the input, no 500, every answer in the documented schema (status code, content
type, body), errors in the one JSON shape. Bounded examples, so that it stays in `make test`."""

import json

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.products.chaleur.factories import DemandFactory, network_make, operator_make
from transition.platform.accounts.api_tokens import api_token_issue
from transition.products.chaleur.enums import PARTNER_SCOPE

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 25


@pytest.fixture(autouse=True)
def _connections_stay_open():
    """As Django's test client does: the WSGI app must not close the test's connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def partner_token(db, settings):
    """A partner of France Chaleur Urbaine with a demand on its network, so that the partner API
    answers beyond 401; rate limits out of the way of the fuzzer."""
    settings.RATE_LIMITS = {scope: {"ip": (10**6, 60)} for scope in settings.RATE_LIMITS}
    network = network_make()
    operator = operator_make(network)
    DemandFactory(network=network)
    _, raw = api_token_issue(
        organisation=operator.organisation, scope=PARTNER_SCOPE, name="fuzzer", created_by=operator.user
    )
    return raw


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error_and_answers_as_documented(case, partner_token):
    cache.clear()
    case.call_and_validate(headers={"Authorization": f"Bearer {partner_token}"}, checks=CHECKS)


def test_the_openapi_document_has_no_duplicated_key(client):
    """Swagger UI refuses a document with a key twice (ninja's int status codes beside a "200")."""

    def strict(pairs):
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), f"clé en double : {keys}"
        return dict(pairs)

    json.loads(client.get("/api/openapi.json").content, object_pairs_hook=strict)


def test_every_coordinate_parameter_has_its_bounds_in_the_schema(client):
    """Issue 9, finding 10: latitude and longitude bounds are in the OpenAPI."""
    bounds = {"lat": 90, "lon": 180}
    found = 0
    for path, operations in client.get("/api/openapi.json").json()["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                kind = next((k for k in bounds if parameter["name"].endswith(k)), None)
                if kind is None:
                    continue
                schema = parameter["schema"].get("anyOf", [parameter["schema"]])[0]
                assert (schema.get("minimum"), schema.get("maximum")) == (-bounds[kind], bounds[kind]), (
                    path,
                    method,
                    parameter["name"],
                )
                found += 1
    assert found >= 8  # geocoding (4), chaleur eligibility (2), CoMobi search (4)
