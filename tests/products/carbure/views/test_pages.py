"""Every page of CarbuRe opens for the people it is for, and for nobody else."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tests.fakes import FakeClock
from tests.personas import login
from transition.products.carbure.domain.vocabulary import DeliveryType
from transition.products.carbure.models import Stock
from transition.products.carbure.selectors.directory import draft_from_row
from transition.products.carbure.services import lots, transactions

from ..factories import row, world, xlsx_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    return FakeClock(monkeypatch, dt.datetime(2025, 6, 30, 10, tzinfo=dt.UTC))


@pytest.fixture
def w(clock):
    w = world()
    draft, _ = draft_from_row(w.producer, row())
    w.lot = lots.lot_create(entity=w.producer, user=w.producer_user, draft=draft)
    lots.lots_send(entity=w.producer, user=w.producer_user, lots=[w.lot])
    transactions.lot_accept(
        entity=w.trader, user=w.trader_user, lot=w.lot, delivery_type=DeliveryType.TRADING, next_client=w.operator
    )
    w.traded = w.lot.children.get()
    transactions.lot_accept(entity=w.operator, user=w.operator_user, lot=w.traded, delivery_type=DeliveryType.STOCK)
    w.stock = Stock.objects.get(parent_lot=w.traded)
    return w


def test_public_pages(client, w):
    for url in ("/carbure/", "/carbure/verifier"):
        response = client.get(url)
        assert response.status_code == 200, url
    response = client.get("/carbure/modele.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames[:3] == ["lots", "Colonnes", "Exemple"]
    header = next(workbook["lots"].iter_rows(values_only=True))
    assert header[:3] == ("champ_libre", "producer", "production_site") and "biocarburant_code" in header


def test_the_public_checker_page(client, clock):
    columns = (
        "biocarburant_code",
        "matiere_premiere_code",
        "pays_origine_code",
        "volume",
        "eec",
        "ep",
        "etd",
        "dae",
        "delivery_date",
        "delivery_site_country",
    )
    data = xlsx_file(
        [
            dict(
                zip(columns, ("ETH", "BETTERAVE", "FR", 34500, 9.6, 18.8, 2.3, "DAE1", "2025-06-16", "FR"), strict=True)
            ),
            dict(
                zip(columns, ("ETH", "BETTERAVE", "FR", 34500, 9.6, 40, 2.3, "DAE2", "2025-06-16", "FR"), strict=True)
            ),
        ]
    )
    response = client.post("/carbure/verifier", {"file": data})
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 lots lus" in page and "1 avec des erreurs bloquantes" in page
    assert "GHG_REDUC_INF_50" in page and "67,34" in page
    # The checks come right after the row number: on a phone, the first thing seen, not the last
    # column of a table scrolled sideways.
    header = page[page.index("<thead>") : page.index("</thead>")]
    assert header.index("Ligne") < header.index("Contrôles") < header.index("Lot") < header.index("Émissions")


def test_entity_pages_for_their_members(client, w):
    login(client, w.operator_user)
    e = w.operator.pk
    for url in (
        f"/carbure/{e}/lots/",
        f"/carbure/{e}/lots/?onglet=recus",
        f"/carbure/{e}/lots/?onglet=envoyes&periode=2025-06&erreurs=on",
        f"/carbure/{e}/lots/nouveau/",
        f"/carbure/{e}/lots/importer/",
        f"/carbure/{e}/lots/{w.traded.pk}/",
        f"/carbure/{e}/stocks/",
        f"/carbure/{e}/stocks/{w.stock.pk}/",
        f"/carbure/{e}/stocks/{w.stock.pk}/extraire/",
        f"/carbure/{e}/declarations/",
        f"/carbure/{e}/entite/",
        f"/carbure/{e}/lots/export.xlsx?onglet=recus",
    ):
        assert client.get(url).status_code == 200, url
    assert client.get(f"/carbure/{e}/").status_code == 302


def test_an_entity_page_is_closed_to_others(client, w):
    login(client, w.trader_user)
    assert client.get(f"/carbure/{w.operator.pk}/lots/").status_code == 403
    assert client.get(f"/carbure/{w.trader.pk}/lots/{w.traded.pk}/").status_code == 200  # the trader sold it
    assert client.get(f"/carbure/{w.trader.pk}/stocks/{w.stock.pk}/").status_code == 404


def test_a_lot_in_draft_shows_its_form_and_errors(client, w):
    login(client, w.producer_user)
    draft, _ = draft_from_row(w.producer, row(dae="", etd=0))
    lot = lots.lot_create(entity=w.producer, user=w.producer_user, draft=draft)
    page = client.get(f"/carbure/{w.producer.pk}/lots/{lot.pk}/").content.decode()
    assert "MISSING_TRANSPORT_DOCUMENT_REFERENCE" in page and "GHG_ETD_0" in page
    assert client.get(f"/carbure/{w.producer.pk}/lots/{lot.pk}/modifier/").status_code == 200


def test_administration_pages(client, w):
    login(client, w.admin_user)
    for url in (
        "/carbure/administration/",
        "/carbure/administration/?annee=2025",
        "/carbure/administration/lots/",
        "/carbure/administration/lots/?annee=2025&mois=6&bloquants=on",
        f"/carbure/administration/lots/{w.lot.pk}/",
        "/carbure/administration/declarations/?periode=202506",
        "/carbure/administration/registres/",
        "/carbure/administration/lots/export.xlsx?annee=2025",
    ):
        assert client.get(url).status_code == 200, url
    login(client, w.operator_user)
    assert client.get("/carbure/administration/").status_code == 403


def test_auditor_pages(client, w):
    login(client, w.auditor_user)
    assert client.get(f"/carbure/{w.auditor.pk}/").status_code == 302
    page = client.get(f"/carbure/{w.auditor.pk}/audit/")
    assert page.status_code == 200 and w.traded.carbure_id in page.content.decode()
    assert client.get(f"/carbure/{w.auditor.pk}/audit/lots/{w.traded.pk}/").status_code == 200
    response = client.post(
        f"/carbure/{w.auditor.pk}/audit/lots/{w.traded.pk}/avis/", {"verdict": "NONCONFORM", "text": "DAE illisible"}
    )
    assert response.status_code == 302
    w.traded.refresh_from_db()
    assert w.traded.audit_verdict == "NONCONFORM"
    # The verdict shows in the auditor's list and to the administration, list and lot.
    assert "Audit : non conforme" in client.get(f"/carbure/{w.auditor.pk}/audit/").content.decode()
    login(client, w.admin_user)
    assert "Audit : non conforme" in client.get("/carbure/administration/lots/").content.decode()
    assert "Audit : non conforme" in client.get(f"/carbure/administration/lots/{w.traded.pk}/").content.decode()
    # The lot's parties do not see the controllers' comment.
    login(client, w.operator_user)
    assert "DAE illisible" not in client.get(f"/carbure/{w.operator.pk}/lots/{w.traded.pk}/").content.decode()


def test_a_lot_list_shows_the_checks_its_viewer_sees_on_the_lot(client, w):
    """The list said « Alertes » to the producer for a warning meant for its client only, and the
    lot's page then said « Aucune erreur ». It now lists each check the lot's page will show."""
    draft, _ = draft_from_row(w.producer, row(champ_libre="Commande 204"))
    sent_lot = lots.lot_create(entity=w.producer, user=w.producer_user, draft=draft)
    lots.lots_send(entity=w.producer, user=w.producer_user, lots=[sent_lot])
    hidden = sent_lot.checks.get(code="DEPOT_NOT_CONFIGURED")  # the trader has no depot at Fos
    assert not hidden.to_creator and hidden.to_recipient
    draft, _ = draft_from_row(w.producer, row(dae=""))
    lots.lot_create(entity=w.producer, user=w.producer_user, draft=draft)

    login(client, w.producer_user)
    sent = client.get(f"/carbure/{w.producer.pk}/lots/?onglet=envoyes").content.decode()
    assert "Commande 204" in sent and "DEPOT_NOT_CONFIGURED" not in sent and ">Alertes<" not in sent
    drafts = client.get(f"/carbure/{w.producer.pk}/lots/?onglet=brouillons").content.decode()
    assert "MISSING_TRANSPORT_DOCUMENT_REFERENCE" in drafts and "document douanier" in drafts

    login(client, w.trader_user)
    received = client.get(f"/carbure/{w.trader.pk}/lots/?onglet=recus").content.decode()
    assert ">Alertes<" in received and "DEPOT_NOT_CONFIGURED" in received


def test_deleting_a_lot_asks_first(client, w):
    """« Supprimer » deleted the lot at the first click; it now opens a page that says what
    deleting does, and only its button deletes."""
    draft, _ = draft_from_row(w.producer, row(champ_libre="Commande 311"))
    lot = lots.lot_create(entity=w.producer, user=w.producer_user, draft=draft)
    login(client, w.producer_user)
    url = f"/carbure/{w.producer.pk}/lots/{lot.pk}/supprimer/"
    assert f'href="{url}"' in client.get(f"/carbure/{w.producer.pk}/lots/{lot.pk}/").content.decode()
    page = client.get(url).content.decode()
    assert "Supprimer le lot" in page and "Commande 311" in page and "ne peut pas être annulée" in page
    lot.refresh_from_db()
    assert lot.lot_status == "DRAFT"
    assert client.post(url).status_code == 302
    lot.refresh_from_db()
    assert lot.lot_status == "DELETED"
    # A lot the entity may not delete goes back to its page.
    assert client.get(f"/carbure/{w.producer.pk}/lots/{w.lot.pk}/supprimer/").status_code == 302


def test_the_export_holds_the_lots_the_search_shows(client, w):
    """« Exporter (XLSX) » dropped the search: a list filtered to one lot exported them all."""
    for reference in ("Commande 401", "Commande 402"):
        draft, _ = draft_from_row(w.producer, row(champ_libre=reference))
        lots.lot_create(entity=w.producer, user=w.producer_user, draft=draft)
    login(client, w.producer_user)
    response = client.get(f"/carbure/{w.producer.pk}/lots/export.xlsx?onglet=brouillons&q=Commande+402")
    cells = {c for r in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True) for c in r}
    assert "Commande 402" in cells and "Commande 401" not in cells


def test_a_lot_can_be_duplicated_into_a_new_form(client, w):
    """« Dupliquer » (as in the original): the new-lot form filled as the lot, but for its customs
    document; nothing is saved until the form is."""
    draft, _ = draft_from_row(w.producer, row(champ_libre="Commande 512", volume=41000))
    lot = lots.lot_create(entity=w.producer, user=w.producer_user, draft=draft)
    login(client, w.producer_user)
    url = f"/carbure/{w.producer.pk}/lots/nouveau/?depuis={lot.pk}"
    assert f'href="{url}"' in client.get(f"/carbure/{w.producer.pk}/lots/{lot.pk}/").content.decode()
    response = client.get(url)
    form = response.context["form"]
    assert f"copie de {lot.carbure_id}" in response.content.decode()
    assert form.initial["champ_libre"] == "Commande 512" and form.initial["quantity"] == 41000
    assert form.initial["dae"] == ""
    # Not offered to the lot's client, and its lots are not copied through the address.
    login(client, w.trader_user)
    assert "?depuis=" not in client.get(f"/carbure/{w.trader.pk}/lots/{w.lot.pk}/").content.decode()
    response = client.get(f"/carbure/{w.trader.pk}/lots/nouveau/?depuis={w.lot.pk}")
    assert "copie de" not in response.content.decode()


def test_the_split_form_starts_at_the_stocks_depot(client, w):
    """Left empty, the delivery site gave a lot « XX202506-… » that could not be sent (no site,
    no country): the form now starts at the depot the stock is in."""
    login(client, w.operator_user)
    form = client.get(f"/carbure/{w.operator.pk}/stocks/{w.stock.pk}/extraire/").context["form"]
    assert w.stock.depot_id and form["delivery_site"].value() == w.stock.depot_id


def test_the_dashboards_frequent_checks_say_what_they_mean(client, w):
    """The DGEC's dashboard listed bare codes; each now comes with its sentence."""
    draft, _ = draft_from_row(w.producer, row())
    sent = lots.lot_create(entity=w.producer, user=w.producer_user, draft=draft)
    lots.lots_send(entity=w.producer, user=w.producer_user, lots=[sent])  # the trader has no depot at Fos
    assert sent.checks.filter(code="DEPOT_NOT_CONFIGURED").exists()
    login(client, w.admin_user)
    page = client.get("/carbure/administration/?annee=2025").content.decode()
    assert "DEPOT_NOT_CONFIGURED" in page and "ne figure pas parmi les dépôts du client" in page


def test_a_lots_lineage_names_the_stocks_depot_as_a_depot(client, w):
    """« A constitué le stock … à Dépôt de Fos-sur-Mer » read oddly; the depot is now named as one."""
    login(client, w.operator_user)
    page = client.get(f"/carbure/{w.operator.pk}/lots/{w.traded.pk}/").content.decode()
    assert f"A constitué le stock {w.stock.carbure_id} (dépôt : Dépôt de Fos-sur-Mer)" in page
