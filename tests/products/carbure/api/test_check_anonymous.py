"""POST /carbure/api/v1/lots/check without a token: the pinned shape, every row in order, the
checks that need no account data, errors as the platform's JSON."""

import datetime as dt
import io

import pytest

from tests.fakes import FakeClock

from ..factories import row, xlsx_file

URL = "/carbure/api/v1/lots/check"
pytestmark = pytest.mark.django_db

GOOD = row(
    producer="Sucrerie du Nord",
    production_site_country="FR",
    production_site_commissioning_date="2010-09-01",
    supplier="Sucrerie du Nord",
    supplier_certificate="ISCC-EU-201-1",
    client="Raffinerie de Provence",
    delivery_date="16/06/2025",
    delivery_site="FR0001",
    delivery_site_country="FR",
    delivery_type="BLENDING",
)


@pytest.fixture
def clock(monkeypatch):
    return FakeClock(monkeypatch, dt.datetime(2025, 6, 30, 10, tzinfo=dt.UTC))


def post(client, lots):
    return client.post(URL, {"lots": lots}, content_type="application/json")


def test_a_good_lot(client, clock):
    response = post(client, [GOOD])
    assert response.status_code == 200
    assert response.json() == {
        "lots": [{"row": 1, "ghg_total": 30.7, "ghg_reduction": 63.37, "ghg_reduction_red_ii": 67.34, "errors": []}]
    }


def test_rows_in_order_with_every_error(client, clock):
    bad = {**GOOD, "etd": 0, "dae": "", "delivery_date": "31/02/2025", "biocarburant_code": "XYZ"}
    low = {**GOOD, "ep": 40, "volume": 1500}
    body = post(client, [GOOD, bad, low]).json()
    assert [lot["row"] for lot in body["lots"]] == [1, 2, 3]
    codes = {(e["code"], e["blocking"], e["field"]) for e in body["lots"][1]["errors"]}
    assert {
        ("UNKNOWN_BIOFUEL", True, "biocarburant_code"),
        ("INCORRECT_FORMAT_DELIVERY_DATE", True, "delivery_date"),
        ("MISSING_TRANSPORT_DOCUMENT_REFERENCE", True, "dae"),
        ("GHG_ETD_0", True, "etd"),
        ("MISSING_BIOFUEL", True, "biocarburant_code"),
        ("MISSING_DELIVERY_DATE", True, "delivery_date"),
    } <= codes
    low_codes = {(e["code"], e["blocking"]) for e in body["lots"][2]["errors"]}
    assert {("GHG_REDUC_INF_50", True), ("VOLUME_FAIBLE", False)} <= low_codes
    assert body["lots"][2]["ghg_total"] == 51.9


def test_anonymous_runs_no_check_that_needs_account_data(client, clock):
    # Nothing is registered: an account would get MISSING_CARBURE_CLIENT and INVALID_CERTIFICATE.
    codes = {e["code"] for e in post(client, [GOOD]).json()["lots"][0]["errors"]}
    assert not codes & {"MISSING_CARBURE_CLIENT", "MISSING_CARBURE_DELIVERY_SITE", "INVALID_CERTIFICATE"}


def test_quantity_and_unit(client, clock):
    lot = {**GOOD, "volume": None, "quantity": "26841", "unit": "kg"}
    assert post(client, [lot]).json()["lots"][0]["errors"] == []
    unknown = {**GOOD, "volume": None, "quantity": "3", "unit": "tonnes"}
    codes = {e["code"] for e in post(client, [unknown]).json()["lots"][0]["errors"]}
    assert {"UNKNOWN_UNIT", "MISSING_VOLUME"} <= codes


def test_the_template_as_a_file(client, clock):
    data = xlsx_file([GOOD, {}, {**GOOD, "ep": 0}])
    body = client.post(URL, {"file": data}).json()
    assert [lot["row"] for lot in body["lots"]] == [2, 4]  # spreadsheet line numbers, blank line kept
    assert body["lots"][0]["errors"] == []
    assert {e["code"] for e in body["lots"][1]["errors"]} >= {"GHG_EP_0"}


@pytest.mark.parametrize(
    ("kwargs", "status", "code"),
    [
        ({"data": "pas du json", "content_type": "application/json"}, 400, "bad_request"),
        ({"data": {"lot": []}, "content_type": "application/json"}, 422, "invalid"),
        ({"data": {"lots": "x"}, "content_type": "application/json"}, 422, "invalid"),
        ({"data": {}}, 422, "invalid"),
    ],
)
def test_bad_requests_answer_the_platform_error_shape(client, clock, kwargs, status, code):
    response = client.post(URL, **kwargs)
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code and body["message"] and isinstance(body["errors"], list)


def test_a_file_that_is_not_the_template(client, clock):
    data = io.BytesIO(b"nom;prenom\nDupont;Jean\n")
    data.name = "gens.csv"
    response = client.post(URL, {"file": data})
    assert response.status_code == 422
    assert "modèle CarbuRe" in response.json()["message"]


def test_too_many_lots_in_json(client, clock, settings):
    settings.CARBURE_CHECK_MAX_JSON_LOTS = 2
    response = post(client, [GOOD, GOOD, GOOD])
    assert response.status_code == 413 and response.json()["code"] == "too_large"


def test_a_wrong_token_is_refused_not_downgraded(client, clock):
    response = client.post(
        URL, {"lots": [GOOD]}, content_type="application/json", headers={"Authorization": "Bearer trn_faux"}
    )
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_rate_limited(client, clock, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "carbure_check": {"ip": (2, 60)}}
    assert post(client, [GOOD]).status_code == 200
    assert post(client, [GOOD]).status_code == 200
    response = post(client, [GOOD])
    assert response.status_code == 429 and response.json()["code"] == "rate_limited"
