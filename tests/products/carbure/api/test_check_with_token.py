"""The checker API with a token of scope carbure:lots: every check, as the token's entity."""

import datetime as dt

import pytest

from tests.fakes import FakeClock
from tests.platform.accounts.factories import OrganisationFactory
from transition.platform.accounts.api_tokens import api_token_issue, api_token_revoke

from ..factories import row, world

URL = "/carbure/api/v1/lots/check"
pytestmark = pytest.mark.django_db


@pytest.fixture
def w(monkeypatch):
    FakeClock(monkeypatch, dt.datetime(2025, 6, 30, 10, tzinfo=dt.UTC))
    return world()


def post(client, lots, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(URL, {"lots": lots}, content_type="application/json", headers=headers)


def test_a_token_runs_the_checks_that_need_account_data(client, w):
    _, raw = api_token_issue(organisation=w.producer.organisation, scope="carbure:lots", name="ERP")
    to_operator = row(client="Raffinerie de Provence")
    lots = [to_operator, row(client="Client Inconnu SARL"), {**to_operator, "supplier_certificate": "ISCC-FAUX-1"}]
    signed = post(client, lots, raw).json()["lots"]
    assert signed[0]["errors"] == []
    assert "MISSING_CARBURE_CLIENT" in {e["code"] for e in signed[1]["errors"]}
    assert "INVALID_CERTIFICATE" in {e["code"] for e in signed[2]["errors"]}
    # Anonymous, the same rows cannot be resolved: the account checks do not run.
    anonymous = post(client, lots).json()["lots"]
    assert not {e["code"] for lot in anonymous for e in lot["errors"]} & {
        "MISSING_CARBURE_CLIENT",
        "INVALID_CERTIFICATE",
    }


def test_a_token_of_an_organisation_without_entity(client, w):
    _, raw = api_token_issue(organisation=OrganisationFactory(), scope="carbure:lots", name="ERP")
    response = post(client, [row()], raw)
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_a_revoked_token_is_refused(client, w):
    token, raw = api_token_issue(organisation=w.producer.organisation, scope="carbure:lots", name="ERP")
    api_token_revoke(token=token, by=None)
    assert post(client, [row()], raw).status_code == 401
