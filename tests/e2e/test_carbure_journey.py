"""The journey of CarbuRe in the browser: a producer uploads the template, fixes the flagged row
and sends its lots; the operator accepts one into stock, takes a lot out and releases it for
consumption; both declare June and the lots freeze."""

import datetime as dt

import pytest

from tests.e2e.conftest import screenshot
from tests.e2e.test_chaleur_demands import sign_in
from tests.fakes import FakeClock
from tests.products.carbure.factories import row, world, xlsx_file
from transition.products.carbure.domain.vocabulary import LotStatus
from transition.products.carbure.models import Lot, Stock

pytestmark = pytest.mark.e2e


def test_upload_fix_send_accept_split_release_declare(page, live_server, transactional_db, monkeypatch, tmp_path):
    FakeClock(monkeypatch, dt.datetime(2025, 6, 30, 8, tzinfo=dt.UTC))
    w = world()
    to_operator = {"client": "Raffinerie de Provence"}
    path = tmp_path / "lots-juin.xlsx"
    path.write_bytes(
        xlsx_file(
            [
                row(**to_operator, champ_libre="Commande 117"),
                row(**to_operator, champ_libre="Commande 118", dae="", volume=30000),
            ]
        ).getvalue()
    )

    # The producer uploads the template: two drafts, one flagged.
    sign_in(page, live_server, w.producer_user)
    page.goto(f"/carbure/{w.producer.pk}/lots/importer/")
    page.set_input_files("#id_file", str(path))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/lots/?onglet=brouillons&erreurs=on")
    assert "2 lots importés en brouillon, dont 1 à corriger" in page.inner_text("body")
    screenshot(page, "carbure-import-brouillons")

    # It opens the flagged lot, adds the customs document, and sends it.
    page.click("main table a:has-text('FR202506')")
    assert "MISSING_TRANSPORT_DOCUMENT_REFERENCE" in page.inner_text("body")
    page.click("text=Modifier")
    page.fill("#id_dae", "25FRA000123456789099")
    page.click("main form button:has-text('Enregistrer le brouillon')")
    assert "aucune erreur" in page.inner_text("main").lower()
    page.click("main button:has-text('Envoyer')")
    assert "1 lot envoyé" in page.inner_text("body")
    # ... then sends the other from the list of drafts.
    page.goto(f"/carbure/{w.producer.pk}/lots/?onglet=brouillons")
    page.click("button:has-text('Envoyer tous les brouillons sans erreur')")
    assert "1 lot envoyé" in page.inner_text("body")
    assert Lot.objects.filter(lot_status=LotStatus.PENDING).count() == 2

    # The operator accepts one into its stock at Fos, the other for blending.
    stocked, blended = Lot.objects.order_by("pk")
    sign_in(page, live_server, w.operator_user)
    page.goto(f"/carbure/{w.operator.pk}/lots/?onglet=recus")
    screenshot(page, "carbure-lots-recus")
    page.goto(f"/carbure/{w.operator.pk}/lots/{stocked.pk}/")
    page.check("input[name=delivery_type][value=STOCK]", force=True)
    page.click("main button:has-text('Accepter')")
    assert "Lot accepté" in page.inner_text("body")
    page.goto(f"/carbure/{w.operator.pk}/lots/{blended.pk}/")
    page.check("input[name=delivery_type][value=BLENDING]", force=True)
    page.click("main button:has-text('Accepter')")
    stock = Stock.objects.get(parent_lot=stocked)

    # It takes 30,000 litres out of the stock and releases them for consumption.
    page.goto(f"/carbure/{w.operator.pk}/stocks/")
    page.click(f"text={stock.carbure_id}")
    page.click("text=Extraire un lot")
    page.fill("#id_volume_l", "30000")
    page.fill("#id_delivery_date", "2025-06-29")
    page.select_option("#id_delivery_type", "RFC")
    page.select_option("#id_delivery_site", str(w.depot.pk))
    page.click("main button:has-text('Extraire')")
    assert "extrait du stock" in page.inner_text("body")
    screenshot(page, "carbure-lot-extrait")
    page.click("main button:has-text('Envoyer')")
    released = Lot.objects.get(parent_stock=stock)
    assert released.lot_status == LotStatus.ACCEPTED
    stock.refresh_from_db()
    assert stock.remaining_volume_l == 4500.0

    # Both declare June: every lot of the month freezes.
    page.goto(f"/carbure/{w.operator.pk}/declarations/")
    page.click("tr:has-text('Juin 2025') button:has-text('Valider la déclaration')")
    assert "Déclaration de juin 2025 validée" in page.inner_text("body")
    assert Lot.objects.get(pk=released.pk).lot_status == LotStatus.FROZEN  # nobody else declares it
    assert Lot.objects.get(pk=stocked.pk).lot_status == LotStatus.ACCEPTED
    sign_in(page, live_server, w.producer_user)
    page.goto(f"/carbure/{w.producer.pk}/declarations/")
    page.click("tr:has-text('Juin 2025') button:has-text('Valider la déclaration')")
    screenshot(page, "carbure-declarations")
    assert set(Lot.objects.values_list("lot_status", flat=True)) == {LotStatus.FROZEN}
    page.goto(f"/carbure/{w.producer.pk}/lots/{stocked.pk}/")
    assert "déclaré" in page.inner_text("main").lower()
