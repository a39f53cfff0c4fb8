"""Entities (the organisations that use CarbuRe, by type), their production sites and depots,
and which auditor audits which entity."""

from django.db import models
from django.utils import timezone

from transition.platform.accounts.models import Organisation

from ..domain.vocabulary import DEPOT_TYPE_LABELS, ENTITY_TYPE_LABELS, DepotType, EntityType, choices
from .referentials import Biofuel, Country, Feedstock

__all__ = ["AuditorAssignment", "Depot", "Entity", "EntityDepot", "ProductionSite"]


class Entity(models.Model):
    """A platform organisation acting in CarbuRe: its type says what it does with lots."""

    organisation = models.OneToOneField(
        Organisation, verbose_name="organisation", on_delete=models.PROTECT, related_name="carbure_entity"
    )
    entity_type = models.CharField("type", max_length=20, choices=choices(ENTITY_TYPE_LABELS))
    has_trading = models.BooleanField("activité de négoce", default=False)
    has_stocks = models.BooleanField("gère des stocks", default=True)
    default_certificate = models.CharField("certificat par défaut", max_length=64, blank=True)
    created_at = models.DateTimeField("inscrite le", default=timezone.now)

    class Meta:
        verbose_name = "entité"
        verbose_name_plural = "entités"
        ordering = ["organisation__name"]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.organisation.name

    @property
    def type_label(self) -> str:
        return ENTITY_TYPE_LABELS[EntityType(self.entity_type)]


class ProductionSite(models.Model):
    producer = models.ForeignKey(Entity, verbose_name="producteur", on_delete=models.PROTECT, related_name="sites")
    name = models.CharField("nom", max_length=120)
    country = models.ForeignKey(Country, verbose_name="pays", on_delete=models.PROTECT, related_name="+")
    city = models.CharField("commune", max_length=120, blank=True)
    commissioning_date = models.DateField("date de mise en service")
    certificate = models.CharField("certificat de durabilité du site", max_length=64, blank=True)
    feedstocks = models.ManyToManyField(Feedstock, verbose_name="matières premières", blank=True, related_name="+")
    biofuels = models.ManyToManyField(Biofuel, verbose_name="biocarburants produits", blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "site de production"
        verbose_name_plural = "sites de production"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["producer", "name"], name="carbure_site_name_unique")]

    def __str__(self):
        return self.name


class Depot(models.Model):
    depot_id = models.CharField("identifiant douanier", max_length=32, unique=True)
    name = models.CharField("nom", max_length=120)
    city = models.CharField("commune", max_length=120, blank=True)
    country = models.ForeignKey(Country, verbose_name="pays", on_delete=models.PROTECT, related_name="+")
    depot_type = models.CharField("type", max_length=20, choices=choices(DEPOT_TYPE_LABELS), default=DepotType.OTHER)
    # Power and heat plants: what the savings of the biofuel they burn are computed with.
    electrical_efficiency = models.FloatField("rendement électrique (0 à 1)", null=True, blank=True)
    thermal_efficiency = models.FloatField("rendement thermique (0 à 1)", null=True, blank=True)
    useful_temperature_c = models.FloatField("température utile de la chaleur (°C)", null=True, blank=True)

    class Meta:
        verbose_name = "dépôt"
        verbose_name_plural = "dépôts"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.depot_id})"

    @property
    def type_label(self) -> str:
        return DEPOT_TYPE_LABELS[DepotType(self.depot_type)]


class EntityDepot(models.Model):
    """A depot an entity uses (receives lots in, keeps stock in)."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="depot_links")
    depot = models.ForeignKey(Depot, on_delete=models.PROTECT, related_name="entity_links")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "dépôt d’une entité"
        verbose_name_plural = "dépôts des entités"
        constraints = [models.UniqueConstraint(fields=["entity", "depot"], name="carbure_entity_depot_unique")]

    def __str__(self):
        return f"{self.entity} — {self.depot}"


class AuditorAssignment(models.Model):
    """An auditor entity's mission on an audited entity: it sees that entity's lots meanwhile."""

    auditor = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="audit_missions")
    audited = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="audited_by")
    valid_from = models.DateField("début de la mission")
    valid_until = models.DateField("fin de la mission")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "mission d’audit"
        verbose_name_plural = "missions d’audit"
        constraints = [models.UniqueConstraint(fields=["auditor", "audited"], name="carbure_audit_unique")]

    def __str__(self):
        return f"{self.auditor} audite {self.audited}"
