"""Financial guarantees: the current ones, the deposit awaiting validation, what is expected,
the history, and release requests (mainlevée)."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..domain.guarantees import (
    EXPECTED_LABELS,
    MAINLEVEE_LABELS,
    STATUS_LABELS,
    TYPE_LABELS,
    ExpectedReason,
    GuaranteeStatus,
    GuaranteeType,
    MainleveeReason,
)
from ..domain.lifecycle import STATUS_LABELS as REQUEST_STATUS_LABELS
from ..domain.lifecycle import Status

__all__ = ["DepotGaranties", "GarantiesActuelles", "GarantiesAttendues", "GarantiesHistorique", "Mainlevee"]

TYPE_CHOICES = [(t.value, TYPE_LABELS[t]) for t in GuaranteeType]


class GarantiesFields(models.Model):
    type = models.CharField("type", max_length=40, choices=TYPE_CHOICES)
    date_echeance = models.DateField("date d’échéance", null=True, blank=True)
    date_constitution = models.DateField("date de constitution", null=True, blank=True)
    document = models.FileField("attestation de constitution", upload_to="potentiel/garanties/%Y/%m/", blank=True)
    document_name = models.CharField("nom du fichier", max_length=255, blank=True)
    document_sha256 = models.CharField("empreinte SHA-256", max_length=64, blank=True)

    class Meta:
        abstract = True

    @property
    def type_label(self) -> str:
        return TYPE_LABELS[GuaranteeType(self.type)]


class GarantiesActuelles(GarantiesFields):
    projet = models.OneToOneField("potentiel.Projet", on_delete=models.CASCADE, related_name="garanties_actuelles")
    status = models.CharField(
        "statut", max_length=10, choices=[(s.value, STATUS_LABELS[s]) for s in GuaranteeStatus], default="validé"
    )
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    validated_at = models.DateTimeField("validées le", default=timezone.now)
    expired_on = models.DateField("échues le", null=True, blank=True)
    released_at = models.DateTimeField("levées le", null=True, blank=True)

    class Meta:
        verbose_name = "garanties financières actuelles"
        verbose_name_plural = "garanties financières actuelles"

    def __str__(self):
        return f"garanties de {self.projet_id} ({self.status})"


class DepotGaranties(GarantiesFields):
    projet = models.OneToOneField("potentiel.Projet", on_delete=models.CASCADE, related_name="depot_garanties")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField("déposé le", default=timezone.now)

    class Meta:
        verbose_name = "dépôt de garanties financières"
        verbose_name_plural = "dépôts de garanties financières"

    def __str__(self):
        return f"dépôt de garanties de {self.projet_id}"


class GarantiesAttendues(models.Model):
    projet = models.OneToOneField("potentiel.Projet", on_delete=models.CASCADE, related_name="garanties_attendues")
    reason = models.CharField("motif", max_length=60, choices=[(r.value, EXPECTED_LABELS[r]) for r in ExpectedReason])
    since = models.DateField("attendues depuis")
    deadline = models.DateField("à transmettre avant le")

    class Meta:
        verbose_name = "garanties financières attendues"
        verbose_name_plural = "garanties financières attendues"

    def __str__(self):
        return f"garanties attendues de {self.projet_id}"


class GarantiesHistorique(models.Model):
    projet = models.ForeignKey("potentiel.Projet", on_delete=models.CASCADE, related_name="garanties_historique")
    raison = models.CharField("raison", max_length=100)
    snapshot = models.JSONField("garanties remplacées", default=dict)
    at = models.DateTimeField("le", default=timezone.now)

    class Meta:
        verbose_name = "historique des garanties financières"
        verbose_name_plural = "historique des garanties financières"
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.raison} ({self.projet_id})"


class Mainlevee(models.Model):
    projet = models.ForeignKey("potentiel.Projet", on_delete=models.CASCADE, related_name="mainlevees")
    reason = models.CharField("motif", max_length=30, choices=[(r.value, MAINLEVEE_LABELS[r]) for r in MainleveeReason])
    status = models.CharField("statut", max_length=30, choices=[(s.value, REQUEST_STATUS_LABELS[s]) for s in Status])
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    filed_at = models.DateTimeField("demandée le", default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decision_reason = models.TextField("motifs", blank=True)
    letter = models.FileField("courrier de réponse", upload_to="potentiel/courriers/%Y/%m/", blank=True)
    letter_sha256 = models.CharField("empreinte du courrier", max_length=64, blank=True)

    class Meta:
        verbose_name = "demande de mainlevée"
        verbose_name_plural = "demandes de mainlevée"
        ordering = ["-filed_at", "-id"]

    def __str__(self):
        return f"mainlevée de {self.projet_id} ({self.status})"
