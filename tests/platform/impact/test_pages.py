import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.platform.accounts.factories import UserFactory
from transition.platform.core.registry import products
from transition.platform.impact.domain.months import add_months, month_label, month_start

from .conftest import broken, constant, make_indicator
from .factories import SnapshotFactory

pytestmark = pytest.mark.django_db


def page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_index_shows_every_product_and_says_when_indicators_are_still_to_come(client, portal_only):
    html = page(client, "/stats/")
    assert "<h1>Statistiques</h1>" in html
    assert "Comptes créés" in html and "Demandes traitées sur l’ensemble des services" in html
    for p in products():
        assert p.name in html
        assert f'href="/stats/{p.slug}/"' in html
    assert html.count("Indicateurs à venir") == len(products())

    portal_only.register_indicator(make_indicator(compute=constant(1234)))
    html = page(client, "/stats/")
    assert html.count("Indicateurs à venir") == len(products()) - 1
    assert "Adresses testées" in html
    assert "1\u202f234" in html
    assert "calculé en direct" in html


def test_index_is_in_the_sitemap(client):
    assert 'href="/stats/"' in page(client, "/plan-du-site/")


def test_unknown_product_is_a_404(client):
    assert client.get("/stats/inconnu/").status_code == 404


def test_product_without_indicators_says_so(client, portal_only):
    slug = products()[0].slug
    html = page(client, f"/stats/{slug}/")
    assert "Indicateurs à venir" in html
    assert "<svg" not in html


def test_portal_page_shows_monthly_values_from_the_last_snapshot_of_each_month(client):
    today = timezone.localdate()
    this_month = month_start(today)
    two_ago = add_months(this_month, -2)
    last_month = add_months(this_month, -1)
    # Two months ago: two snapshots, the later one counts. Last month: none. This month: one.
    SnapshotFactory(date=two_ago + timedelta(days=3), value=Decimal(10))
    SnapshotFactory(date=two_ago + timedelta(days=20), value=Decimal(15))
    SnapshotFactory(date=today, value=Decimal(31))
    html = page(client, "/stats/portail/")

    assert "Statistiques — Plateforme Transition" in html
    table = html[html.index('id="indicateur-accounts-created-tableau"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*<td>([^<]+)</td>', table)
    assert rows == [(month_label(two_ago), "15"), (month_label(last_month), "—"), (month_label(this_month), "31")]
    assert "aucun relevé" in table
    assert f"Dernier relevé : {today.day} " in html
    # Each definition, in plain French, with its unit.
    assert "Nombre de comptes de personnes inscrites" in html
    assert "Unité : comptes" in html


def test_chart_is_an_accessible_inline_svg_without_style_attributes(client):
    today = timezone.localdate()
    SnapshotFactory(date=add_months(month_start(today), -1), value=Decimal(1500))
    SnapshotFactory(date=today, value=Decimal(2500))
    html = page(client, "/stats/portail/")
    svgs = re.findall(r"<svg.*?</svg>", html, flags=re.S)
    # One per portal indicator with a bar: "requests handled" is only zeros here, said in a sentence.
    assert len(svgs) == 1
    assert "Pas encore de valeur à représenter" in html
    svg = svgs[0]
    assert 'role="img"' in svg
    labelled_by = re.search(r'aria-labelledby="([^"]+)"', svg).group(1).split()
    for ident in labelled_by:
        assert f'id="{ident}"' in svg
    assert "<title" in svg and "<desc" in svg
    assert "style=" not in html
    # Bars, axis labels and the figures, drawn with coordinates a browser reads (no "12,5").
    assert svg.count('<rect class="bar') == 2
    assert "2\u202f500" in svg and "1\u202f500" in svg
    assert "<text" in svg and ">0</text>" in svg
    for number in re.findall(r' (?:x|y|width|height)="([^"]+)"', svg):
        float(number)


def test_current_month_is_computed_live_when_it_has_no_snapshot_and_the_page_says_so(client):
    SnapshotFactory(date=add_months(month_start(timezone.localdate()), -1), value=Decimal(3))
    html = page(client, "/stats/portail/")
    assert "calculé en direct" in html
    assert "bar--live" in html
    assert "La barre claire du mois en cours est calculée en direct" in html


def test_requests_total_says_honestly_that_no_product_counts_requests_yet(client, portal_only):
    html = page(client, "/stats/portail/")
    assert "Aucun service ne publie encore d’indicateur de demandes" in html
    portal_only.register_indicator(
        make_indicator(key="demands", label="Demandes créées", compute=constant(4), counts_as_request=True)
    )
    html = page(client, "/stats/portail/")
    assert "Ce total additionne : France Chaleur Urbaine : demandes créées." in html


def test_a_failing_indicator_shows_unavailable_and_the_others_still_show(client, portal_only):
    indicator_registry = portal_only
    indicator_registry.register_indicator(make_indicator(key="broken", label="Réseaux classés", compute=broken))
    indicator_registry.register_indicator(make_indicator(key="fine", label="Adresses testées", compute=constant(9)))
    html = page(client, "/stats/chaleur/")
    assert "indisponible" in html
    assert "le calcul de cet indicateur a échoué" in html
    assert 'impact-figure__value">9 <span' in html
    html = page(client, "/stats/")
    assert "indisponible" in html


def test_monthly_value_keeps_snapshot_values_with_decimals(client, portal_only):
    indicator_registry = portal_only
    indicator_registry.register_indicator(
        make_indicator(key="energy", label="Énergie livrée", unit="MWh", compute=constant(Decimal("1.5")))
    )
    SnapshotFactory(
        product="chaleur",
        key="energy",
        date=add_months(month_start(timezone.localdate()), -1),
        value=Decimal("1234.5678"),
    )
    html = page(client, "/stats/chaleur/")
    assert "Unité : MWh" in html
    assert "1\u202f234,57" in html
    assert "1,5" in html  # this month, computed live


def test_a_series_of_zeros_draws_no_empty_chart_and_says_so(client):
    SnapshotFactory(key="requests_handled", date=timezone.localdate(), value=Decimal(0))
    SnapshotFactory(key="accounts_created", date=timezone.localdate(), value=Decimal(4))
    html = page(client, "/stats/portail/")
    assert html.count("Pas encore de valeur à représenter") == 1
    assert html.count("<svg") == 1  # no stray axis for the zeros


def test_charts_are_folded_under_the_headline_figures(client):
    SnapshotFactory(key="accounts_created", date=timezone.localdate(), value=Decimal(4))
    html = page(client, "/stats/portail/")
    assert 'aria-expanded="false" aria-controls="indicateur-accounts-created-evolution"' in html
    assert html.index("En bref") < html.index("Évolution mois par mois")


def test_the_current_month_counts_today(client):
    """The nightly snapshot is yesterday's: accounts opened today still count on the page."""
    SnapshotFactory(key="accounts_created", date=timezone.localdate() - timedelta(days=1), value=Decimal(0))
    UserFactory()
    html = page(client, "/stats/portail/")
    figure = html.split("impact-figure__value")[1]
    assert figure.startswith('">1 ')
