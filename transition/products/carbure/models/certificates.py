"""Sustainability certificates (from the schemes' registries), the certificates entities claim,
checked by the administration, and double-counting agreements of production sites."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from ..domain.vocabulary import CERTIFICATE_SCHEME_LABELS, choices
from ..enums import CERTIFICATE_CHECK_LABELS, CertificateCheck
from .entities import Entity, ProductionSite

__all__ = ["Certificate", "DoubleCountingAgreement", "EntityCertificate"]


class Certificate(models.Model):
    """A certificate as its scheme publishes it. The checks know no other certificate."""

    certificate_id = models.CharField("numéro", max_length=64, unique=True)
    scheme = models.CharField("système", max_length=8, choices=choices(CERTIFICATE_SCHEME_LABELS))
    holder = models.CharField("titulaire", max_length=200)
    address = models.CharField("adresse", max_length=255, blank=True)
    valid_from = models.DateField("valide du")
    valid_until = models.DateField("valide jusqu’au")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "certificat de durabilité"
        verbose_name_plural = "certificats de durabilité"
        ordering = ["certificate_id"]

    def __str__(self):
        return self.certificate_id


class EntityCertificate(models.Model):
    """An entity says a certificate is its own; the administration checks the claim."""

    entity = models.ForeignKey(Entity, on_delete=models.CASCADE, related_name="certificates")
    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="claims")
    check_status = models.CharField(
        "vérification", max_length=10, choices=choices(CERTIFICATE_CHECK_LABELS), default=CertificateCheck.PENDING
    )
    checked_at = models.DateTimeField("vérifié le", null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "certificat d’une entité"
        verbose_name_plural = "certificats des entités"
        constraints = [models.UniqueConstraint(fields=["entity", "certificate"], name="carbure_entity_cert_unique")]
        indexes = [models.Index(fields=["check_status"])]

    def __str__(self):
        return f"{self.entity} — {self.certificate}"


class DoubleCountingAgreement(models.Model):
    """A double-counting agreement (e.g. FR_002_2017) of a production site, or of any site."""

    certificate_id = models.CharField("numéro d’agrément", max_length=64, db_index=True)
    production_site = models.ForeignKey(
        ProductionSite, null=True, blank=True, on_delete=models.CASCADE, related_name="agreements"
    )
    valid_from = models.DateField("valide du")
    valid_until = models.DateField("valide jusqu’au")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "agrément double comptage"
        verbose_name_plural = "agréments double comptage"
        ordering = ["certificate_id"]

    def __str__(self):
        return self.certificate_id
