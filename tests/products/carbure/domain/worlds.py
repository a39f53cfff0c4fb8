"""A lot that passes every check, its world, and ways to change either: the base of the
table-driven tests of the checks."""

from dataclasses import replace
from datetime import date

from transition.products.carbure.domain import referential_files
from transition.products.carbure.domain.ghg import TERMS, ghg_of
from transition.products.carbure.domain.lot_facts import (
    CertificateInfo,
    CheckContext,
    DepotRef,
    EntityRef,
    LotFacts,
)
from transition.products.carbure.domain.vocabulary import DeliveryType, EntityType

REFS = referential_files.referentials()
TODAY = date(2025, 6, 30)
PRODUCER = EntityRef(1, "Sucrerie du Nord", EntityType.PRODUCER, has_trading=False)
TRADER = EntityRef(2, "Négoce Atlantique", EntityType.TRADER, has_trading=True)
OPERATOR = EntityRef(3, "Raffinerie de Provence", EntityType.OPERATOR)
EFPE = DepotRef("FR0001", "Dépôt de Fos", "EFPE", "FR")
EFS = DepotRef("FR0002", "Stockage de Rouen", "EFS", "FR")
CERTIFICATE = CertificateInfo("ISCC-EU-201-1", date(2024, 1, 1), date(2027, 12, 31))
GOOD_TERMS = {"eec": 9.6, "el": 0.0, "ep": 18.8, "etd": 2.3, "eu": 0.0}


def facts(**changes) -> LotFacts:
    """The good lot with `changes`; GHG figures follow the terms unless a change sets them."""
    terms = {**GOOD_TERMS, **{name: changes.pop(name) for name in list(changes) if name in TERMS}}
    ghg = ghg_of(terms)
    base = LotFacts(
        delivery_date=date(2025, 6, 16),
        volume_l=30000.0,
        biofuel=REFS.biofuels["ETH"],
        feedstock=REFS.feedstocks["BETTERAVE"],
        country_of_origin=REFS.countries["FR"],
        producer=PRODUCER,
        production_site_id=10,
        production_site_commissioning_date=date(2010, 1, 1),
        supplier=PRODUCER,
        supplier_certificate=CERTIFICATE.certificate_id,
        client=OPERATOR,
        added_by=PRODUCER,
        transport_document_reference="25FRA000123456789012",
        delivery_type=DeliveryType.BLENDING,
        delivery_site=EFPE,
        delivery_site_country=REFS.countries["FR"],
        ghg_reduction=ghg.reduction,
        ghg_reduction_red_ii=ghg.reduction_red_ii,
        **{name: terms.get(name, 0.0) for name in TERMS},
    )
    return replace(base, **changes)


def context(**changes) -> CheckContext:
    base = CheckContext(
        today=TODAY,
        etd_defaults=referential_files.etd_defaults(),
        has_account_data=True,
        certificates={CERTIFICATE.certificate_id.upper(): CERTIFICATE},
        entity_depots={OPERATOR.id: frozenset({EFPE.depot_id, EFS.depot_id})},
    )
    return replace(base, **changes)


def anonymous(**changes) -> CheckContext:
    return replace(CheckContext(today=TODAY, etd_defaults=referential_files.etd_defaults()), **changes)
