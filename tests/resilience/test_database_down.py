"""The database unreachable under API calls (issue 10: 1,086 × 500 from the data-version check,
although the index in memory could answer). The geocoder's local index answers, says so in a
header, and goes back to normal by itself."""

import pytest
from django.test import Client

from tests.faults import database_unreachable
from tests.platform.geo.conftest import TINY_NDJSON
from transition.platform.core.resilience import STALE_HEADER
from transition.platform.geo import local
from transition.platform.geo.services import addresses_import

pytestmark = pytest.mark.django_db(transaction=True)

SEARCH = ("/api/geo/search", {"q": "12 r paradis marseille", "limit": "1"})


@pytest.fixture
def api(settings, monkeypatch):
    settings.GEOCODER_BACKEND = "local"
    monkeypatch.setattr(local._index, "max_age_s", 0)  # every request checks the version: the worst case
    local.drop_index()
    yield Client(raise_request_exception=False)
    local.drop_index()


def label(response) -> str:
    return response.json()["features"][0]["properties"]["label"]


def test_the_geocoder_answers_from_its_index_while_the_database_is_down(api, caplog):
    addresses_import(paths=[TINY_NDJSON])
    before = api.get(*SEARCH)
    assert before.status_code == 200 and STALE_HEADER not in before

    with database_unreachable():
        during = [api.get(*SEARCH) for _ in range(20)]
    assert [r.status_code for r in during] == [200] * 20
    assert {label(r) for r in during} == {label(before)}
    assert all(r[STALE_HEADER].startswith("Géocodeur (adresses) ; base injoignable") for r in during)
    assert caplog.text.count("base injoignable") == 1  # one line per outage

    after = api.get(*SEARCH)
    assert after.status_code == 200 and STALE_HEADER not in after
    assert "base de nouveau joignable" in caplog.text


def test_without_an_index_yet_the_geocoder_answers_503_not_500(api):
    addresses_import(paths=[TINY_NDJSON])
    with database_unreachable():
        response = api.get(*SEARCH)
    assert response.status_code == 503
    assert response.json()["code"] == "unavailable"
    assert api.get(*SEARCH).status_code == 200  # and recovers
