from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from transition.platform.impact.domain.months import add_months, month_start
from transition.platform.impact.models import Snapshot

from .conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def snapshots():
    """Four months of the portal's snapshots, the last one dated today."""
    today = timezone.localdate()
    now = timezone.now()
    for back, (accounts, requests) in enumerate([(412, 0), (380, 0), (251, 0), (96, 0)]):
        month = add_months(month_start(today), -back)
        day = today if back == 0 else add_months(month, 1) - timedelta(days=1)
        Snapshot.objects.create(
            product="portail", key="accounts_created", date=day, value=Decimal(accounts), computed_at=now
        )
        Snapshot.objects.create(
            product="portail", key="requests_handled", date=day, value=Decimal(requests), computed_at=now
        )


def test_stats_index_opens_without_console_error(page, snapshots):
    page.goto("/stats/")
    assert page.get_by_role("heading", level=1).inner_text() == "Statistiques"
    assert page.locator(".impact-figure__value").first.inner_text().startswith("412")
    # Every service is open now: each has its section, none says "à venir".
    assert page.get_by_text("Indicateurs à venir").count() == 0
    screenshot(page, "stats-index")


def test_stats_product_page_draws_charts_and_tables_without_console_error(page, snapshots):
    page.goto("/stats/")
    page.get_by_role("link", name="Statistiques détaillées : Plateforme Transition").click()
    page.wait_for_url("**/stats/portail/")
    section = page.locator("section.impact-indicator", has=page.get_by_role("heading", name="Comptes créés"))
    section.get_by_role("button", name="Évolution mois par mois (graphique et tableau)").click()  # folded
    charts = page.get_by_role("img", name="Comptes créés, valeur de chaque mois, en comptes")
    expect(charts).to_have_count(1)  # shown once the fold has opened
    box = charts.bounding_box()
    assert box["width"] > 300 and box["height"] > 100  # drawn at a readable size
    # 4 months of accounts; requests handled are all 0: no chart drawn for them, the table says it.
    assert page.locator("svg.transition-chart rect.bar").count() == 4
    table = page.get_by_role("table", name="Comptes créés : valeur de chaque mois")
    assert table.locator("tbody tr").count() == 4
    screenshot(page, "stats-portail")
