"""The database unreachable under API calls (issue 10: 1,086 × 500 from the data-version check,
although the index in memory could answer). The geocoder and the eligibility API answer from the
indexes they hold, say so in a header, and go back to normal by themselves."""

import pytest
from django.test import Client

from tests.faults import database_unreachable
from tests.platform.geo.conftest import TINY_NDJSON
from tests.products.chaleur.factories import ON_LINE, network_make
from transition.platform.core.resilience import STALE_HEADER
from transition.platform.geo import local
from transition.platform.geo.services import addresses_import
from transition.products.chaleur.selectors import eligibility_index

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


def test_the_eligibility_api_answers_from_its_index_while_the_database_is_down(settings, monkeypatch, caplog):
    monkeypatch.setattr(eligibility_index._index, "max_age_s", 0)  # the worst case: a version check per call
    eligibility_index.reset_index()
    network_make()
    client = Client(raise_request_exception=False)
    url = f"/chaleur/api/v1/eligibility?lat={ON_LINE[1]}&lon={ON_LINE[0]}"
    before = client.get(url)
    assert before.status_code == 200 and STALE_HEADER not in before

    with database_unreachable():
        during = [client.get(url) for _ in range(20)]
    assert [r.status_code for r in during] == [200] * 20
    assert {r.content for r in during} == {before.content}  # the same answer, from the index held
    assert all(r[STALE_HEADER].startswith("Éligibilité (réseaux de chaleur) ; base injoignable") for r in during)

    after = client.get(url)
    assert after.status_code == 200 and STALE_HEADER not in after
    assert "Éligibilité (réseaux de chaleur) : base de nouveau joignable" in caplog.text
    eligibility_index.reset_index()


def test_a_demand_posted_while_the_database_is_down_comes_back_as_typed(monkeypatch, caplog):
    monkeypatch.setattr(eligibility_index._index, "max_age_s", 0)
    eligibility_index.reset_index()
    network_make()
    client = Client(raise_request_exception=False)
    url = f"/chaleur/demande/?lat={ON_LINE[1]}&lon={ON_LINE[0]}&label=12+Rue+Pr%C3%A8s+du+R%C3%A9seau+38000+Grenoble"
    assert client.get(url).status_code == 200  # the index is built
    form = {
        "first_name": "Camille",
        "last_name": "Martin",
        "email": "camille.martin@example.fr",
        "phone": "04 76 00 00 00",
        "structure_type": "copropriete",
        "heating_energy": "gaz",
        "heating_type": "collectif",
        "dwellings_count": "40",
        "comment": "Chaudière de 1995 à remplacer, assemblée générale en juin.",
        "wants_operator_contact": "on",
        "consent": "on",
    }
    with database_unreachable():
        response = client.post(url, form)
    assert response.status_code == 503
    html = response.content.decode()
    assert "Un incident technique passager a empêché l’enregistrement" in html
    assert 'value="camille.martin@example.fr"' in html and "assemblée générale en juin" in html
    # The address is read from the database before the form (the geocoder's, never the link's):
    # the platform's fault page answers, with the form as typed, and the incident is logged.
    assert "OperationalError" in caplog.text
    assert client.post(url, form).status_code == 302  # the same form, once the database is back
    eligibility_index.reset_index()
