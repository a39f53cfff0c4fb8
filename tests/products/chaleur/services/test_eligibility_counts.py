"""Addresses tested on the result page and through the v1 API reach the indicators
("adresses testées", "part éligible"), counted in memory and written by eligibility_tests_flush."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone

from transition.products.chaleur import kpis
from transition.products.chaleur.demo.addresses import DEMO_ADDRESSES
from transition.products.chaleur.demo.networks import load_networks
from transition.products.chaleur.models import EligibilityTestDay
from transition.products.chaleur.services import eligibility_counts

from ..factories import demo_geocoder

pytestmark = pytest.mark.django_db

API = "/chaleur/api/v1/eligibility"
ELIGIBLE = DEMO_ADDRESSES[0]  # in the PDP
FAR = DEMO_ADDRESSES[-1]  # trop_eloigne


@pytest.fixture(autouse=True)
def demo(monkeypatch):
    cache.clear()
    demo_geocoder(monkeypatch)
    load_networks()
    yield
    eligibility_counts._test_counts.clear()  # nothing left for another test's database


def counts(source: str) -> tuple[int, int]:
    row = EligibilityTestDay.objects.filter(day=timezone.localdate(), source=source).first()
    return (row.tested, row.eligible) if row else (0, 0)


def test_the_result_page_counts_each_address_tested(client):
    for address in ("1 rue de la démo", "8 rue de la démo", "1 rue de la démo"):  # PDP, far, PDP
        assert client.get(reverse("chaleur:eligibility_result"), {"adresse": address}).status_code == 200
    client.get(reverse("chaleur:eligibility_result"), {"adresse": ""})  # the form again: nothing tested
    assert counts("page") == (3, 2)
    today = timezone.localdate()
    assert kpis.addresses_tested(today) == 3
    assert kpis.eligible_share_pct(today) == Decimal("66.7")


def test_the_api_counts_each_answer_but_not_the_refused_ones(client):
    for lon, lat, *_ in (ELIGIBLE, FAR, FAR, FAR):
        assert client.get(API, {"lat": lat, "lon": lon}).status_code == 200
    assert client.get(API, {"lat": "abc", "lon": "1"}).status_code == 400
    assert counts("api") == (4, 1)
    assert counts("page") == (0, 0)
    assert kpis.eligible_share_pct(timezone.localdate()) == Decimal("25.0")


def test_counts_wait_in_memory_until_the_delay_has_passed(client, settings):
    settings.CHALEUR_TEST_COUNT_FLUSH_S = 3600
    eligibility_counts.eligibility_tests_flush()  # the delay starts now
    for lon, lat, *_ in (ELIGIBLE, FAR):
        client.get(API, {"lat": lat, "lon": lon})
    client.get(reverse("chaleur:eligibility_result"), {"adresse": "1 rue de la démo"})
    assert counts("api") == (0, 0) and counts("page") == (0, 0)  # no write during the requests
    eligibility_counts.eligibility_tests_flush()  # as at the end of the delay or of the process
    assert counts("api") == (2, 1) and counts("page") == (1, 1)
    eligibility_counts.eligibility_tests_flush()  # nothing counted twice
    assert counts("api") == (2, 1)


def test_counts_refused_by_the_database_are_kept_for_the_next_flush(client, settings, monkeypatch, caplog):
    settings.CHALEUR_TEST_COUNT_FLUSH_S = 3600
    eligibility_counts.eligibility_tests_flush()
    client.get(API, {"lat": ELIGIBLE[1], "lon": ELIGIBLE[0]})
    write = eligibility_counts._eligibility_counts_add

    def refused(**kwargs):
        raise DatabaseError("database is locked")

    monkeypatch.setattr(eligibility_counts, "_eligibility_counts_add", refused)
    eligibility_counts.eligibility_tests_flush()
    assert "gardés pour la prochaine écriture" in caplog.text
    monkeypatch.setattr(eligibility_counts, "_eligibility_counts_add", write)
    eligibility_counts.eligibility_tests_flush()
    assert counts("api") == (1, 1)
