"""Completion: the attestation of conformity and the report that mark a project « achevé »."""

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["Achevement"]


class Achevement(models.Model):
    projet = models.OneToOneField("potentiel.Projet", on_delete=models.CASCADE, related_name="achevement")
    date_achevement = models.DateField("date d’achèvement")
    attestation = models.FileField("attestation de conformité", upload_to="potentiel/achevement/%Y/%m/", blank=True)
    attestation_name = models.CharField(max_length=255, blank=True)
    attestation_sha256 = models.CharField(max_length=64, blank=True)
    rapport = models.FileField("rapport du contrôleur", upload_to="potentiel/achevement/%Y/%m/", blank=True)
    rapport_name = models.CharField(max_length=255, blank=True)
    rapport_sha256 = models.CharField(max_length=64, blank=True)
    date_transmission_cocontractant = models.DateField("transmise au cocontractant le", null=True, blank=True)
    transmitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    transmitted_at = models.DateTimeField("transmise le", default=timezone.now)

    class Meta:
        verbose_name = "achèvement"
        verbose_name_plural = "achèvements"

    def __str__(self):
        return f"achèvement de {self.projet_id}"

    @property
    def has_attestation(self) -> bool:
        return bool(self.attestation_sha256 and self.rapport_sha256)
