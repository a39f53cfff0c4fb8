"""Connection demands, with the eligibility of their address as it stood when they were sent,
and their history."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..domain.demand_status import STATUS_CHOICES, DemandStatus
from ..enums import DemandEventKind, HeatingEnergy, HeatingType, StructureType
from .networks import Network, NetworkUnderConstruction
from .organisations import Agency

__all__ = ["Demand", "DemandEvent"]


class Demand(models.Model):
    """A connection request, with the eligibility of its address as it stood when it was sent."""

    created_at = models.DateTimeField("créée le", default=timezone.now, db_index=True)
    updated_at = models.DateTimeField("modifiée le", default=timezone.now, db_index=True)
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte du demandeur",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaleur_demands",
    )
    # Contact
    first_name = models.CharField("prénom", max_length=150)
    last_name = models.CharField("nom", max_length=150)
    email = models.EmailField("adresse électronique", db_index=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    structure_type = models.CharField("type de structure", max_length=30, choices=StructureType.choices)
    company = models.CharField("structure (syndic, bailleur…)", max_length=255, blank=True)
    # Building
    address = models.CharField("adresse", max_length=255)
    citycode = models.CharField("code INSEE", max_length=5, blank=True, db_index=True)
    lon = models.FloatField("longitude")
    lat = models.FloatField("latitude")
    heating_energy = models.CharField("énergie de chauffage", max_length=20, choices=HeatingEnergy.choices)
    heating_type = models.CharField("type de chauffage", max_length=20, choices=HeatingType.choices)
    dwellings_count = models.PositiveIntegerField("nombre de logements", null=True, blank=True)
    surface_m2 = models.PositiveIntegerField("surface (m²)", null=True, blank=True)
    consumption_mwh = models.DecimalField(
        "consommation (MWh/an)", max_digits=10, decimal_places=1, null=True, blank=True
    )
    comment = models.TextField("commentaire du demandeur", blank=True)
    # Eligibility snapshot (recomputed server-side when the demand is sent)
    eligibility_type = models.CharField("type d’éligibilité", max_length=50)
    eligible = models.BooleanField("éligible")
    distance_m = models.PositiveIntegerField("distance au réseau (m)", null=True, blank=True)
    in_pdp = models.BooleanField("dans un PDP", default=False)
    eligibility_snapshot = models.JSONField("éligibilité au moment de la demande", default=dict)
    # Routing
    network = models.ForeignKey(
        Network, verbose_name="réseau", null=True, blank=True, on_delete=models.PROTECT, related_name="demands"
    )
    network_under_construction = models.ForeignKey(
        NetworkUnderConstruction,
        verbose_name="réseau en construction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="demands",
    )
    status = models.CharField("statut", max_length=30, choices=STATUS_CHOICES, default=DemandStatus.A_TRAITER)
    operator_comment = models.TextField("commentaire du gestionnaire", blank=True)
    wants_agency_advice = models.BooleanField("souhaite un conseil de l’agence locale", default=False)
    agency = models.ForeignKey(
        Agency, verbose_name="agence locale", null=True, blank=True, on_delete=models.SET_NULL, related_name="demands"
    )
    wants_operator_contact = models.BooleanField("souhaite être contacté par le gestionnaire", default=True)
    # Emails already sent, so that every job can run twice without sending twice.
    operator_notified_at = models.DateTimeField("signalée au gestionnaire le", null=True, blank=True)
    reminder_sent_at = models.DateTimeField("relance gestionnaire le", null=True, blank=True)
    followup_days_sent = models.JSONField("relances du demandeur envoyées (jours)", default=list, blank=True)
    anonymised_at = models.DateTimeField("anonymisée le", null=True, blank=True)

    class Meta:
        verbose_name = "demande de raccordement"
        verbose_name_plural = "demandes de raccordement"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"Demande {self.pk} — {self.address}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def reference(self) -> str:
        return f"FCU-{self.pk:06d}" if self.pk else ""


class DemandEvent(models.Model):
    """What happened to a demand: status changes, comments, corrections, emails. Shown as its
    history; the audit log keeps the tamper-evident copy."""

    Kind = DemandEventKind

    demand = models.ForeignKey(Demand, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField("le", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField("type", max_length=20, choices=DemandEventKind.choices)
    from_status = models.CharField("ancien statut", max_length=30, choices=STATUS_CHOICES, blank=True)
    to_status = models.CharField("nouveau statut", max_length=30, choices=STATUS_CHOICES, blank=True)
    text = models.TextField("texte", blank=True)
    data = models.JSONField("détails", default=dict, blank=True)

    class Meta:
        verbose_name = "événement d’une demande"
        verbose_name_plural = "événements des demandes"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — demande {self.demand_id}"
