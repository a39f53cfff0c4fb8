"""Lots: a quantity of one biofuel handed from a supplier to a client, with its sustainability
data; the results of its checks; its history; comments."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..domain.vocabulary import (
    CORRECTION_STATUS_LABELS,
    DELIVERY_TYPE_LABELS,
    LOT_STATUS_LABELS,
    TRANSPORT_DOCUMENT_LABELS,
    CorrectionStatus,
    DeliveryType,
    LotStatus,
    TransportDocumentType,
    choices,
)
from ..enums import AUDIT_VERDICT_LABELS, LOT_EVENT_LABELS, LOT_STATUS_BADGES, LotEventType
from .entities import Depot, Entity, ProductionSite
from .referentials import Biofuel, Country, Feedstock

__all__ = ["Lot", "LotCheck", "LotComment", "LotEvent"]


class Lot(models.Model):
    carbure_id = models.CharField("identifiant CarbuRe", max_length=40, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField("année", null=True, blank=True)
    period = models.PositiveIntegerField("période (AAAAMM)", null=True, blank=True)
    lot_status = models.CharField("statut", max_length=10, choices=choices(LOT_STATUS_LABELS), default=LotStatus.DRAFT)
    correction_status = models.CharField(
        "correction", max_length=14, choices=choices(CORRECTION_STATUS_LABELS), default=CorrectionStatus.NO_PROBLEMO
    )
    delivery_type = models.CharField(
        "type de livraison", max_length=12, choices=choices(DELIVERY_TYPE_LABELS), default=DeliveryType.UNKNOWN
    )
    transport_document_type = models.CharField(
        "document douanier", max_length=5, choices=choices(TRANSPORT_DOCUMENT_LABELS), default=TransportDocumentType.DAE
    )
    transport_document_reference = models.CharField("numéro du document", max_length=128, blank=True)
    # Quantities, as the original stores them: floats rounded to 2 decimals.
    volume_l = models.FloatField("volume (litres)", default=0)
    weight_kg = models.FloatField("masse (kg)", default=0)
    lhv_amount_mj = models.FloatField("énergie (MJ PCI)", default=0)
    biofuel = models.ForeignKey(Biofuel, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    feedstock = models.ForeignKey(Feedstock, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    country_of_origin = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Production
    producer = models.ForeignKey(Entity, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unknown_producer = models.CharField("producteur (non inscrit)", max_length=255, blank=True)
    production_site = models.ForeignKey(
        ProductionSite, null=True, blank=True, on_delete=models.PROTECT, related_name="lots"
    )
    unknown_production_site = models.CharField("site de production (non enregistré)", max_length=255, blank=True)
    production_country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    production_site_commissioning_date = models.DateField("mise en service du site", null=True, blank=True)
    production_site_certificate = models.CharField("certificat du site", max_length=64, blank=True)
    production_site_double_counting_certificate = models.CharField(
        "agrément double comptage", max_length=64, blank=True
    )
    # Parties
    supplier = models.ForeignKey(Entity, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unknown_supplier = models.CharField("fournisseur (non inscrit)", max_length=255, blank=True)
    supplier_certificate = models.CharField("certificat du fournisseur", max_length=64, blank=True)
    vendor = models.ForeignKey(Entity, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    vendor_certificate = models.CharField("certificat du négociant", max_length=64, blank=True)
    client = models.ForeignKey(Entity, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unknown_client = models.CharField("client (non inscrit)", max_length=255, blank=True)
    added_by = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="+", verbose_name="créé par")
    # Delivery
    delivery_date = models.DateField("date de livraison", null=True, blank=True)
    delivery_site = models.ForeignKey(Depot, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    unknown_delivery_site = models.CharField("site de livraison (non enregistré)", max_length=255, blank=True)
    delivery_site_country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Lineage
    parent_lot = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    parent_stock = models.ForeignKey(
        "carbure.Stock", null=True, blank=True, on_delete=models.PROTECT, related_name="extracted_lots"
    )
    # Greenhouse gases (gCO2eq/MJ)
    eec = models.FloatField(default=0)
    el = models.FloatField(default=0)
    ep = models.FloatField(default=0)
    etd = models.FloatField(default=0)
    eu = models.FloatField(default=0)
    esca = models.FloatField(default=0)
    eccs = models.FloatField(default=0)
    eccr = models.FloatField(default=0)
    eee = models.FloatField(default=0)
    ghg_total = models.FloatField("émissions totales", default=0)
    ghg_reduction = models.FloatField("réduction RED I (%)", default=0)
    ghg_reduction_red_ii = models.FloatField("réduction RED II (%)", default=0)
    free_field = models.TextField("champ libre", blank=True)
    lot_import = models.ForeignKey(
        "carbure.LotImport", null=True, blank=True, on_delete=models.SET_NULL, related_name="lots"
    )
    # Declarations and controls
    declared_by_supplier = models.BooleanField(default=False)
    declared_by_client = models.BooleanField(default=False)
    has_blocking_errors = models.BooleanField("erreurs bloquantes", default=False)
    has_warnings = models.BooleanField("alertes", default=False)
    # Set once a check run found a blocking error; never cleared: lots fixed before declaration.
    had_blocking_errors = models.BooleanField(default=False)
    highlighted_by_admin = models.BooleanField("signalé par l’administration", default=False)
    audit_verdict = models.CharField(
        "avis de l’auditeur", max_length=10, choices=choices(AUDIT_VERDICT_LABELS), blank=True
    )
    created_at = models.DateTimeField("créé le", default=timezone.now)
    updated_at = models.DateTimeField("modifié le", default=timezone.now)

    class Meta:
        verbose_name = "lot"
        verbose_name_plural = "lots"
        # The lot lists read newest first by id (keyset pagination), per entity and status.
        indexes = [
            models.Index(fields=["client", "lot_status", "-id"], name="carbure_lot_client_idx"),
            models.Index(fields=["supplier", "lot_status", "-id"], name="carbure_lot_supplier_idx"),
            models.Index(fields=["added_by", "lot_status", "-id"], name="carbure_lot_added_by_idx"),
            models.Index(fields=["client", "period", "-id"], name="carbure_lot_client_per_idx"),
            models.Index(fields=["supplier", "period", "-id"], name="carbure_lot_supp_period_idx"),
            models.Index(fields=["period", "lot_status"], name="carbure_lot_period_idx"),
            # Rare rows, found without scanning the millions of others.
            models.Index(
                fields=["correction_status"],
                condition=~models.Q(correction_status="NO_PROBLEMO"),
                name="carbure_lot_correction_idx",
            ),
            models.Index(fields=["-id"], condition=models.Q(has_blocking_errors=True), name="carbure_lot_blocking_idx"),
        ]

    def __str__(self):
        return self.carbure_id or f"lot n° {self.pk}"

    @property
    def status_label(self) -> str:
        return LOT_STATUS_LABELS[LotStatus(self.lot_status)]

    @property
    def status_badge(self) -> str:
        return LOT_STATUS_BADGES[LotStatus(self.lot_status)]

    @property
    def in_correction(self) -> bool:
        return self.correction_status != CorrectionStatus.NO_PROBLEMO

    @property
    def delivery_type_known(self) -> bool:
        return self.delivery_type != DeliveryType.UNKNOWN

    @property
    def delivery_type_label(self) -> str:
        return DELIVERY_TYPE_LABELS[DeliveryType(self.delivery_type)]

    @property
    def correction_label(self) -> str:
        return CORRECTION_STATUS_LABELS[CorrectionStatus(self.correction_status)]


class LotCheck(models.Model):
    """One result of the sanity checks on a lot, as of its last change."""

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="checks")
    code = models.CharField("code", max_length=48)
    blocking = models.BooleanField("bloquant")
    field = models.CharField("champ", max_length=64, blank=True)
    message = models.CharField("message", max_length=500)
    to_creator = models.BooleanField(default=True)
    to_recipient = models.BooleanField(default=False)
    to_administration = models.BooleanField(default=True)
    to_auditor = models.BooleanField(default=True)

    class Meta:
        verbose_name = "résultat de contrôle"
        verbose_name_plural = "résultats de contrôle"
        indexes = [models.Index(fields=["code", "blocking"])]

    def __str__(self):
        return self.code


class LotEvent(models.Model):
    """A step in a lot's life, shown as its history (and written to the audit chain)."""

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="events")
    event_type = models.CharField("évènement", max_length=24, choices=choices(LOT_EVENT_LABELS))
    entity = models.ForeignKey(Entity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    details = models.JSONField("détails", default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "évènement d’un lot"
        verbose_name_plural = "historique des lots"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.lot} — {self.label}"

    @property
    def label(self) -> str:
        return LOT_EVENT_LABELS[LotEventType(self.event_type)]


class LotComment(models.Model):
    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="comments")
    entity = models.ForeignKey(Entity, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField("commentaire")
    # Comments of the administration or an auditor among themselves, hidden from the lot's parties.
    is_control = models.BooleanField("réservé aux contrôleurs", default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "commentaire"
        verbose_name_plural = "commentaires"
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"commentaire sur {self.lot}"
