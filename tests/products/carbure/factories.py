"""Entities, sites, depots and certificates for CarbuRe's tests, and a small world where a lot
can travel: a producer, a trader, an operator (with depots), the administration, an auditor."""

import datetime as dt
import io
from dataclasses import dataclass

import factory
from openpyxl import Workbook

from tests.platform.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from transition.platform.accounts.enums import OrganisationKind
from transition.products.carbure.domain.vocabulary import DepotType, EntityType
from transition.products.carbure.enums import PRODUCT, Role
from transition.products.carbure.models import (
    AuditorAssignment,
    Certificate,
    Depot,
    Entity,
    EntityDepot,
    ProductionSite,
)


class EntityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entity

    organisation = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.ENTREPRISE)
    entity_type = EntityType.PRODUCER


class ProductionSiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductionSite

    producer = factory.SubFactory(EntityFactory)
    name = factory.Sequence(lambda n: f"Site {n}")
    country_id = "FR"
    commissioning_date = dt.date(2010, 9, 1)


class DepotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Depot

    depot_id = factory.Sequence(lambda n: f"FR{n:010d}")
    name = factory.Sequence(lambda n: f"Dépôt {n}")
    country_id = "FR"
    depot_type = DepotType.EFPE


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certificate

    certificate_id = factory.Sequence(lambda n: f"ISCC-EU-{n:05d}")
    scheme = "ISCC"
    holder = "Titulaire"
    valid_from = dt.date(2024, 1, 1)
    valid_until = dt.date(2027, 12, 31)


def member(entity: Entity, *, role: Role = Role.WRITER, email: str | None = None):
    user = UserFactory(email=email) if email else UserFactory()
    MembershipFactory(user=user, organisation=entity.organisation, product=PRODUCT, role=role)
    return user


def entity(name: str, entity_type: EntityType, **kwargs) -> Entity:
    return EntityFactory(organisation__name=name, entity_type=entity_type, **kwargs)


@dataclass
class World:
    producer: Entity
    producer_user: object
    site: ProductionSite
    trader: Entity
    trader_user: object
    operator: Entity
    operator_user: object
    depot: Depot
    storage: Depot
    administration: Entity
    admin_user: object
    auditor: Entity
    auditor_user: object


def world() -> World:
    """Three companies along a chain, their certificates and depots, the DGEC and an auditor."""
    producer = entity("Sucrerie du Nord", EntityType.PRODUCER, default_certificate="ISCC-EU-201-1")
    site = ProductionSiteFactory(producer=producer, name="Usine d’Origny", commissioning_date=dt.date(2010, 9, 1))
    trader = entity("Négoce Atlantique", EntityType.TRADER, has_trading=True, default_certificate="ISCC-EU-301-1")
    operator = entity("Raffinerie de Provence", EntityType.OPERATOR, default_certificate="ISCC-EU-401-1")
    for certificate_id in ("ISCC-EU-201-1", "ISCC-EU-301-1", "ISCC-EU-401-1"):
        CertificateFactory(certificate_id=certificate_id)
    depot = DepotFactory(depot_id="FR0000000001", name="Dépôt de Fos-sur-Mer", depot_type=DepotType.EFPE)
    storage = DepotFactory(depot_id="FR0000000002", name="Stockage de Rouen", depot_type=DepotType.EFS)
    for d in (depot, storage):
        EntityDepot.objects.create(entity=operator, depot=d)
    administration = entity("DGEC", EntityType.ADMINISTRATION)
    auditor = entity("Bureau de contrôle Veritas", EntityType.AUDITOR)
    AuditorAssignment.objects.create(
        auditor=auditor, audited=operator, valid_from=dt.date(2020, 1, 1), valid_until=dt.date(2030, 12, 31)
    )
    return World(
        producer=producer,
        producer_user=member(producer, email="paul.producteur@example.fr"),
        site=site,
        trader=trader,
        trader_user=member(trader, email="tina.trader@example.fr"),
        operator=operator,
        operator_user=member(operator, email="oscar.operateur@example.fr"),
        depot=depot,
        storage=storage,
        administration=administration,
        admin_user=member(administration, email="agathe.dgec@example.fr"),
        auditor=auditor,
        auditor_user=member(auditor, email="alain.auditeur@example.fr"),
    )


def row(**changes) -> dict:
    """A template row of the producer's own production, sent to the trader, that passes every check."""
    return {
        "production_site": "Usine d’Origny",
        "volume": 34500,
        "biocarburant_code": "ETH",
        "matiere_premiere_code": "BETTERAVE",
        "pays_origine_code": "FR",
        "eec": 9.6,
        "el": 0,
        "ep": 18.8,
        "etd": 2.3,
        "eu": 0,
        "dae": "25FRA000123456789012",
        "client": "Négoce Atlantique",
        "delivery_date": "2025-06-16",
        "delivery_site": "FR0000000001",
        "delivery_type": "",
        **changes,
    }


def xlsx_file(rows: list[dict], *, name: str = "lots.xlsx") -> io.BytesIO:
    """The template filled with `rows` (columns in their order of first appearance), as an upload."""
    columns = list(dict.fromkeys(key for r in rows for key in r))
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(columns)
    for r in rows:
        sheet.append([r.get(c) for c in columns] if r else [])
    data = io.BytesIO()
    workbook.save(data)
    data.seek(0)
    data.name = name
    return data
