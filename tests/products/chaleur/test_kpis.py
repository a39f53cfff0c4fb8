from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from transition.platform.impact.registry import indicators
from transition.products.chaleur import kpis
from transition.products.chaleur.models import DemandEvent
from transition.products.chaleur.services.eligibility_counts import eligibility_test_record

from .factories import DemandFactory, network_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_registered_with_definitions():
    keys = {i.key: i for i in indicators("chaleur")}
    assert {"adresses_testees", "part_eligible", "demandes", "logements", "co2_evite", "demandes_realise"} <= set(keys)
    assert keys["demandes"].counts_as_request
    assert "227 g CO₂/kWh" in keys["co2_evite"].definition


def test_addresses_tested_and_share_eligible():
    today = timezone.localdate()
    eligibility_test_record(eligible=[True, False, False, True], source="page")
    eligibility_test_record(eligible=[True], source="api")
    assert kpis.addresses_tested(today) == 5
    assert kpis.eligible_share_pct(today) == Decimal("60.0")
    assert kpis.addresses_tested(today - timedelta(days=1)) == 0
    assert kpis.eligible_share_pct(today - timedelta(days=1)) is None  # no address: no share, not 0 %


def test_with_no_address_tested_the_share_reads_as_a_dash(client):
    html = client.get("/stats/chaleur/").content.decode()
    share = html.split("Part des adresses testées éligibles</p>")[1].split("</div>")[0]
    assert "—" in share and "0 " not in share


def test_demands_dwellings_status_and_co2(network):
    today = timezone.localdate()
    done = DemandFactory(network=network, dwellings_count=10, status="realise")
    DemandEvent.objects.create(demand=done, kind="status", from_status="travaux_en_cours", to_status="realise")
    other = DemandFactory(network=network, dwellings_count=5)
    DemandEvent.objects.create(demand=other, kind="created", to_status="a_traiter")
    assert kpis.demands_created(today) == 2
    assert kpis.dwellings_concerned(today) == 15
    assert kpis.demands_with_status("realise")(today) == 1
    assert kpis.demands_with_status("a_traiter")(today) == 1
    # 10 dwellings × 8 MWh × (227 − 100) g/kWh = 10.16 t/year
    assert kpis.co2_avoided_t(today) == Decimal("10.2")
    assert kpis.co2_avoided_t(today - timedelta(days=1)) == 0


def test_the_stats_page_shows_them(client, network):
    DemandFactory(network=network, dwellings_count=12)
    response = client.get("/stats/chaleur/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Demandes de raccordement" in body and "CO₂ évité par les raccordements réalisés" in body
