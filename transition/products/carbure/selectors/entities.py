"""Entities, their sites, depots and certificates, as pages and forms read them."""

from django.db.models import QuerySet

from ..domain.vocabulary import CLIENT_ENTITY_TYPES
from ..models import Depot, Entity, EntityCertificate, ProductionSite


def client_entities() -> QuerySet:
    return Entity.objects.filter(entity_type__in=CLIENT_ENTITY_TYPES).select_related("organisation")


def client_names() -> list[str]:
    return sorted(e.organisation.name for e in client_entities())


def depots() -> QuerySet:
    return Depot.objects.select_related("country").order_by("name")


def entity_sites(entity: Entity) -> QuerySet:
    return ProductionSite.objects.filter(producer=entity).select_related("country").prefetch_related("agreements")


def entity_depots(entity: Entity) -> QuerySet:
    return Depot.objects.filter(entity_links__entity=entity).select_related("country").order_by("name")


def entity_certificates(entity: Entity) -> QuerySet:
    return (
        EntityCertificate.objects.filter(entity=entity)
        .select_related("certificate")
        .order_by("certificate__certificate_id")
    )
