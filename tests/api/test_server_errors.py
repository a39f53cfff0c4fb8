"""Issue 9, finding 9: the server errors found, each answered properly now."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.test import Client

from tests.platform.accounts.factories import UserFactory
from tests.products.chaleur.factories import fake_geocoder_fixture, network_fixture  # noqa: F401
from transition.products.chaleur.models import Demand


@pytest.mark.django_db
def test_the_former_partner_token_page_with_a_wrong_organisation(client):
    client.force_login(UserFactory())
    response = client.post("/chaleur/pro/api", {"organisation": "abc"})
    assert response.status_code in (301, 302)
    response = client.post("/compte/jetons/", {"organisation": "abc", "target": "abc", "name": "x"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000  # loading SpatiaLite had reset it to 5 s


@pytest.mark.django_db(transaction=True)
def test_150_concurrent_demands_are_all_stored(network, fake_geocoder, settings):
    """On SQLite a concurrent post lost its row to "database is locked": every accepted demand
    is stored, none answered 500."""
    settings.RATE_LIMITS = {scope: {"ip": (10**6, 60), "email": (10**6, 60)} for scope in settings.RATE_LIMITS}
    url = "/chaleur/demande/?lat=45.1881&lon=5.72&citycode=38185"

    def post(n: int) -> int:
        try:
            response = Client().post(
                url,
                {
                    "first_name": "Camille",
                    "last_name": f"Martin {n}",
                    "email": f"camille{n}@example.fr",
                    "structure_type": "copropriete",
                    "heating_energy": "gaz",
                    "heating_type": "collectif",
                    "wants_operator_contact": "on",
                    "consent": "on",
                },
            )
            return response.status_code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=30) as pool:
        statuses = list(pool.map(post, range(150)))
    assert 500 not in statuses
    accepted = statuses.count(302)
    assert accepted == 150, sorted(set(statuses))
    assert Demand.objects.count() == accepted
