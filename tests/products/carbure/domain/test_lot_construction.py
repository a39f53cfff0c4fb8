"""A template row becomes a lot draft as the original builds it: own production, trading
intermediary, operator's reception, stock extraction; unreadable values are findings."""

from datetime import date

import pytest

from transition.products.carbure.domain.lot_construction import (
    ANONYMOUS,
    Directory,
    LotDraft,
    SiteRef,
    StockRef,
    construct_lot,
)
from transition.products.carbure.domain.lot_facts import DepotRef, DoubleCountingInfo, EntityRef
from transition.products.carbure.domain.template import parse_row
from transition.products.carbure.domain.vocabulary import DeliveryType, EntityType

from .worlds import REFS

PRODUCER = EntityRef(1, "Sucrerie du Nord", EntityType.PRODUCER)
TRADER = EntityRef(2, "Négoce Atlantique", EntityType.TRADER, has_trading=True)
OPERATOR = EntityRef(3, "Raffinerie de Provence", EntityType.OPERATOR)
SITE = SiteRef(
    10,
    "Usine d’Origny",
    REFS.countries["FR"],
    date(2022, 3, 1),
    agreements=(DoubleCountingInfo("FR_0042_2024", 10, date(2024, 1, 1), date(2026, 12, 31)),),
)
DEPOT = DepotRef("FR0001", "Dépôt de Fos", "EFPE", "FR", pk=7)
ENTITIES = {e.name.upper(): e for e in (PRODUCER, TRADER, OPERATOR)}
DEPOTS = {"FR0001": DEPOT, "DÉPÔT DE FOS": DEPOT}


def build(raw, directory=ANONYMOUS):
    row, findings = parse_row(raw)
    draft, more = construct_lot(row, REFS, directory)
    return draft, [f.code for f in findings + more]


def directory(importer, **kwargs):
    return Directory(importer=importer, default_certificate="CERT-DEFAUT", entities=ENTITIES, depots=DEPOTS, **kwargs)


BASE = {
    "volume": "34 500",
    "biocarburant_code": "eth",
    "matiere_premiere_code": "BETTERAVE",
    "pays_origine_code": "FR",
    "eec": "9,6",
    "ep": 18.8,
    "etd": "-2.3",
    "el": "-1",
    "delivery_date": "16/06/2025",
    "delivery_site": "fr0001",
    "client": "raffinerie de provence ",
}


def test_own_production():
    draft, codes = build(
        {**BASE, "production_site": "usine d’origny", "matiere_premiere_code": "ALGUES", "eec": 0},
        directory(PRODUCER, own_sites={"USINE D’ORIGNY": SITE}),
    )
    assert codes == []
    assert (draft.producer, draft.production_site, draft.supplier) == (PRODUCER, SITE, PRODUCER)
    assert draft.commissioning_date == date(2022, 3, 1) and draft.production_country.code == "FR"
    assert draft.double_counting_reference == "FR_0042_2024"  # the site's agreement in force
    assert draft.supplier_certificate == "CERT-DEFAUT"
    assert (draft.client, draft.delivery_site, draft.delivery_site_country.code) == (OPERATOR, DEPOT, "FR")
    assert draft.terms["etd"] == 2.3 and draft.terms["el"] == -1.0  # absolute values, el keeps its sign
    assert draft.quantities.volume_l == 34500.0 and draft.vendor is None


def test_a_producer_naming_an_unknown_site_of_its_own():
    _, codes = build({**BASE, "production_site": "Usine X"}, directory(PRODUCER, own_sites={}))
    assert codes == ["COULD_NOT_FIND_PRODUCTION_SITE"]


def test_a_trading_intermediary_is_the_vendor():
    raw = {
        **BASE,
        "producer": "Sucrerie du Nord",
        "production_site": "Origny",
        "supplier": "Sucrerie du Nord",
        "production_site_commissioning_date": "42005",
    }
    draft, codes = build(raw, directory(TRADER))
    assert codes == []
    assert draft.producer is None and draft.unknown_producer == "Sucrerie du Nord"
    assert draft.supplier == PRODUCER and draft.vendor == TRADER and draft.vendor_certificate == "CERT-DEFAUT"
    assert draft.commissioning_date == date(2015, 1, 1)


def test_an_operators_row_without_client_is_its_own_reception_blended():
    draft, _ = build({**BASE, "client": ""}, directory(OPERATOR))
    assert (draft.client, draft.delivery_type) == (OPERATOR, DeliveryType.BLENDING)


def test_anonymous_resolves_nothing():
    draft, codes = build({**BASE, "production_site": "Usine d’Origny"})
    assert codes == []
    assert draft.client is None and draft.unknown_client == "raffinerie de provence"
    assert draft.delivery_site is None and draft.unknown_delivery_site == "fr0001"


def test_extraction_from_a_stock():
    origin = LotDraft(
        feedstock=REFS.feedstocks["BETTERAVE"],
        country_of_origin=REFS.countries["FR"],
        terms={"eec": 9.6, "ep": 18.8, "etd": 2.3},
    )
    stock = StockRef(5, "FR202506-ETH-1S5", 1000.0, REFS.biofuels["ETH"], DEPOT, origin)
    draft, codes = build(
        {"carbure_stock_id": "fr202506-eth-1s5", "volume": 800, "delivery_date": "2025-06-20"},
        directory(OPERATOR, stocks={"FR202506-ETH-1S5": stock}),
    )
    assert codes == [] and draft.parent_stock == stock and draft.terms["eec"] == 9.6 and draft.supplier == OPERATOR
    _, codes = build(
        {"carbure_stock_id": "FR202506-ETH-1S5", "volume": 1000.01},
        directory(OPERATOR, stocks={"FR202506-ETH-1S5": stock}),
    )
    assert codes == ["NOT_ENOUGH_VOLUME_LEFT"]
    _, codes = build({"carbure_stock_id": "NOPE", "volume": 10}, directory(OPERATOR))
    assert codes == ["UNKNOWN_STOCK"]


@pytest.mark.parametrize(
    ("changes", "codes"),
    [
        ({"biocarburant_code": "XYZ"}, ["UNKNOWN_BIOFUEL"]),
        ({"matiere_premiere_code": "PAS_UNE_MATIERE"}, ["UNKNOWN_FEEDSTOCK"]),
        ({"pays_origine_code": "ZZ"}, ["UNKNOWN_COUNTRY_OF_ORIGIN"]),
        ({"delivery_site": "", "delivery_site_country": "XX"}, ["UNKNOWN_DELIVERY_COUNTRY"]),
        ({"delivery_date": "2025-02-30"}, ["INCORRECT_FORMAT_DELIVERY_DATE"]),
        ({"volume": "1.234,5"}, ["VOLUME_FORMAT_INCORRECT"]),
        ({"volume": -5}, ["VOLUME_FORMAT_INCORRECT"]),
        ({"volume": None, "quantity": 10}, ["VOLUME_FORMAT_INCORRECT"]),
        ({"volume": None, "quantity": 10, "unit": "t"}, ["UNKNOWN_UNIT"]),
        ({"eec": "n/a"}, ["WRONG_FLOAT_FORMAT"]),
        ({"delivery_type": "VENTE"}, ["UNKNOWN_DELIVERY_TYPE"]),
        ({"delivery_type": "mise à consommation"}, []),
        ({"champ_libre": "x" * 256}, ["TEXT_TOO_LONG"]),
    ],
)
def test_unreadable_values(changes, codes):
    assert build({**BASE, **changes})[1] == codes
