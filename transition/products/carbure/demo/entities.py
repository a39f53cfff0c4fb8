"""The demo's companies and people: a sugar-beet ethanol producer and a rapeseed biodiesel
producer, a trader, an operator with its depots, a power producer, an auditor and the DGEC.
Found again by name, never duplicated. Sign in with an emailed link (printed on the console in
development): producteur@sucrerie-picarde.example, trader@negoce-atlantique.example,
operateur@raffinerie-provence.example, dgec@developpement-durable.example,
auditeur@bureau-controle.example."""

import datetime as dt

from transition.platform.accounts.models import Membership, Organisation, User

from ..domain.vocabulary import DepotType, EntityType
from ..enums import PRODUCT, Role
from ..models import (
    AuditorAssignment,
    Certificate,
    Depot,
    DoubleCountingAgreement,
    Entity,
    EntityCertificate,
    EntityDepot,
    ProductionSite,
)

PEOPLE = {
    "producer": ("producteur@sucrerie-picarde.example", "Pauline", "Lefèvre"),
    "oil_producer": ("production@oleiculture-beauce.example", "Hugo", "Marchand"),
    "trader": ("trader@negoce-atlantique.example", "Thomas", "Garnier"),
    "operator": ("operateur@raffinerie-provence.example", "Océane", "Roux"),
    "power": ("exploitation@centrale-gardanne.example", "Paul", "Girard"),
    "auditor": ("auditeur@bureau-controle.example", "Amélie", "Fontaine"),
    "administration": ("dgec@developpement-durable.example", "Denis", "Morel"),
}

CERTIFICATES = (
    ("ISCC-EU-201-0417", "ISCC", "Sucrerie Picarde", dt.date(2024, 3, 1), dt.date(2027, 2, 28)),
    ("REDCERT-DE-2025-118", "REDCERT", "Oléiculture de Beauce", dt.date(2025, 1, 1), dt.date(2027, 12, 31)),
    ("2BS-FR-0012-22", "2BS", "Négoce Atlantique", dt.date(2023, 6, 1), dt.date(2026, 12, 31)),
    ("ISCC-EU-401-2288", "ISCC", "Raffinerie de Provence", dt.date(2024, 1, 1), dt.date(2027, 12, 31)),
)

DEPOTS = (
    ("FR0000131A01", "Dépôt pétrolier de Fos-sur-Mer", "Fos-sur-Mer", DepotType.EFPE),
    ("FR0000131B07", "Entrepôt de Lavéra", "Martigues", DepotType.EFS),
    ("FR0000076C12", "Dépôt de Grand-Couronne", "Grand-Couronne", DepotType.EFPE),
    ("FR0000013D04", "Centrale de Gardanne", "Meyreuil", DepotType.COGENERATION_PLANT),
)


def _entity(name: str, entity_type: EntityType, **fields) -> Entity:
    kind = "administration" if entity_type == EntityType.ADMINISTRATION else "entreprise"
    organisation, _ = Organisation.objects.get_or_create(name=name, defaults={"kind": kind})
    entity, _ = Entity.objects.update_or_create(
        organisation=organisation, defaults={"entity_type": entity_type, **fields}
    )
    return entity


def _member(key: str, entity: Entity, role: Role = Role.ADMIN) -> User:
    email, given, family = PEOPLE[key]
    user, _ = User.objects.get_or_create(email=email, defaults={"given_name": given, "family_name": family})
    Membership.objects.get_or_create(user=user, organisation=entity.organisation, product=PRODUCT, role=role)
    return user


def load() -> dict:
    producer = _entity("Sucrerie Picarde", EntityType.PRODUCER, default_certificate="ISCC-EU-201-0417")
    oil_producer = _entity("Oléiculture de Beauce", EntityType.PRODUCER, default_certificate="REDCERT-DE-2025-118")
    trader = _entity("Négoce Atlantique", EntityType.TRADER, has_trading=True, default_certificate="2BS-FR-0012-22")
    operator = _entity("Raffinerie de Provence", EntityType.OPERATOR, default_certificate="ISCC-EU-401-2288")
    power = _entity("Centrale de Gardanne", EntityType.POWER_HEAT)
    auditor = _entity("Bureau de contrôle Durabilis", EntityType.AUDITOR)
    administration = _entity("DGEC — Direction générale de l’énergie et du climat", EntityType.ADMINISTRATION)
    users = {
        "producer": _member("producer", producer),
        "oil_producer": _member("oil_producer", oil_producer),
        "trader": _member("trader", trader),
        "operator": _member("operator", operator),
        "power": _member("power", power),
        "auditor": _member("auditor", auditor, Role.WRITER),
        "administration": _member("administration", administration, Role.WRITER),
    }
    for certificate_id, scheme, holder, start, end in CERTIFICATES:
        Certificate.objects.update_or_create(
            certificate_id=certificate_id,
            defaults={"scheme": scheme, "holder": holder, "valid_from": start, "valid_until": end},
        )
    for entity, certificate_id in (
        (producer, "ISCC-EU-201-0417"),
        (oil_producer, "REDCERT-DE-2025-118"),
        (trader, "2BS-FR-0012-22"),
        (operator, "ISCC-EU-401-2288"),
    ):
        EntityCertificate.objects.get_or_create(
            entity=entity, certificate=Certificate.objects.get(certificate_id=certificate_id)
        )
    site, _ = ProductionSite.objects.update_or_create(
        producer=producer,
        name="Distillerie de Bazancourt",
        defaults={
            "country_id": "FR",
            "city": "Bazancourt",
            "commissioning_date": dt.date(2009, 9, 1),
            "certificate": "ISCC-EU-201-0417",
        },
    )
    new_site, _ = ProductionSite.objects.update_or_create(
        producer=producer,
        name="Unité de méthanisation d’Origny",
        defaults={"country_id": "FR", "city": "Origny-Sainte-Benoite", "commissioning_date": dt.date(2022, 3, 15)},
    )
    oil_site, _ = ProductionSite.objects.update_or_create(
        producer=oil_producer,
        name="Usine d’estérification de Châteaudun",
        defaults={
            "country_id": "FR",
            "city": "Châteaudun",
            "commissioning_date": dt.date(2014, 5, 1),
            "certificate": "REDCERT-DE-2025-118",
        },
    )
    DoubleCountingAgreement.objects.update_or_create(
        certificate_id="FR_0042_2024",
        defaults={"production_site": new_site, "valid_from": dt.date(2024, 1, 1), "valid_until": dt.date(2026, 12, 31)},
    )
    depots = {}
    for depot_id, name, city, depot_type in DEPOTS:
        depots[depot_id], _ = Depot.objects.update_or_create(
            depot_id=depot_id, defaults={"name": name, "city": city, "country_id": "FR", "depot_type": depot_type}
        )
    for depot_id in ("FR0000131A01", "FR0000131B07", "FR0000076C12"):
        EntityDepot.objects.get_or_create(entity=operator, depot=depots[depot_id])
    Depot.objects.filter(pk=depots["FR0000013D04"].pk).update(
        electrical_efficiency=0.35, thermal_efficiency=0.45, useful_temperature_c=150
    )
    EntityDepot.objects.get_or_create(entity=power, depot=depots["FR0000013D04"])
    AuditorAssignment.objects.update_or_create(
        auditor=auditor,
        audited=operator,
        defaults={"valid_from": dt.date(2024, 1, 1), "valid_until": dt.date(2030, 12, 31)},
    )
    return {
        "producer": producer,
        "oil_producer": oil_producer,
        "trader": trader,
        "operator": operator,
        "power": power,
        "site": site,
        "oil_site": oil_site,
        "depots": depots,
        "users": users,
    }
