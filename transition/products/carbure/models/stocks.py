"""Stocks (mass balance): what a client accepted into a depot, less what it took out; and the
ethanol-to-ETBE transformations that make one stock from another."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..domain.vocabulary import choices
from ..enums import STOCK_EVENT_LABELS, StockEventType
from .entities import Depot, Entity, ProductionSite
from .referentials import Biofuel, Country, Feedstock

__all__ = ["Stock", "StockEvent", "StockTransformation"]


class Stock(models.Model):
    carbure_id = models.CharField("identifiant CarbuRe", max_length=48, blank=True, db_index=True)
    owner = models.ForeignKey(Entity, verbose_name="détenteur", on_delete=models.PROTECT, related_name="stocks")
    depot = models.ForeignKey(Depot, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    parent_lot = models.ForeignKey(
        "carbure.Lot", null=True, blank=True, on_delete=models.PROTECT, related_name="stocks"
    )
    parent_transformation = models.OneToOneField(
        "carbure.StockTransformation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    biofuel = models.ForeignKey(Biofuel, on_delete=models.PROTECT, related_name="+")
    feedstock = models.ForeignKey(Feedstock, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    country_of_origin = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    production_site = models.ForeignKey(
        ProductionSite, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unknown_production_site = models.CharField(max_length=255, blank=True)
    supplier = models.ForeignKey(Entity, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unknown_supplier = models.CharField(max_length=255, blank=True)
    initial_volume_l = models.FloatField("volume initial (litres)")
    remaining_volume_l = models.FloatField("volume restant (litres)")
    remaining_weight_kg = models.FloatField("masse restante (kg)")
    remaining_lhv_amount_mj = models.FloatField("énergie restante (MJ)")
    ghg_reduction = models.FloatField(default=0)
    ghg_reduction_red_ii = models.FloatField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "stock"
        verbose_name_plural = "stocks"
        indexes = [models.Index(fields=["owner", "-id"], name="carbure_stock_owner_idx")]

    def __str__(self):
        return self.carbure_id or f"stock n° {self.pk}"


class StockTransformation(models.Model):
    """Ethanol taken from a stock and turned into ETBE, which makes a new stock."""

    source = models.ForeignKey(Stock, on_delete=models.PROTECT, related_name="transformations")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    volume_ethanol_l = models.FloatField("éthanol utilisé (litres)")
    volume_etbe_l = models.FloatField("ETBE obtenu (litres)")
    volume_denaturant_l = models.FloatField("dénaturant (litres)")
    volume_etbe_eligible_l = models.FloatField("ETBE éligible (litres)")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "transformation en ETBE"
        verbose_name_plural = "transformations en ETBE"

    def __str__(self):
        return f"transformation de {self.source}"


class StockEvent(models.Model):
    stock = models.ForeignKey(Stock, on_delete=models.CASCADE, related_name="events")
    event_type = models.CharField("évènement", max_length=20, choices=choices(STOCK_EVENT_LABELS))
    entity = models.ForeignKey(Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    volume_l = models.FloatField("volume (litres)", null=True, blank=True)
    details = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "évènement d’un stock"
        verbose_name_plural = "historique des stocks"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.stock} — {self.label}"

    @property
    def label(self) -> str:
        return STOCK_EVENT_LABELS[StockEventType(self.event_type)]
