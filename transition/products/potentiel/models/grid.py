"""Grid connection: the grid operators (with their reference formats) and the dossiers of each
project."""

from django.conf import settings
from django.db import models
from django.utils import timezone

__all__ = ["DossierRaccordement", "GestionnaireReseau", "Raccordement"]


class GestionnaireReseau(models.Model):
    code_eic = models.CharField("code EIC", max_length=40, primary_key=True)
    raison_sociale = models.CharField("raison sociale", max_length=200)
    format = models.CharField("format de la référence", max_length=200, blank=True)
    legende = models.CharField("légende du format", max_length=300, blank=True)
    expression_reguliere = models.CharField("expression régulière de la référence", max_length=300, blank=True)
    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="potentiel_gestionnaire_reseau",
        help_text="L’organisation dont les agents (rôle grd) transmettent les dates de mise en service.",
    )

    class Meta:
        verbose_name = "gestionnaire de réseau"
        verbose_name_plural = "gestionnaires de réseau"
        ordering = ["raison_sociale"]

    def __str__(self):
        return self.raison_sociale


class Raccordement(models.Model):
    projet = models.OneToOneField("potentiel.Projet", on_delete=models.CASCADE, related_name="raccordement")
    gestionnaire = models.ForeignKey(
        GestionnaireReseau, on_delete=models.PROTECT, null=True, blank=True, related_name="raccordements"
    )
    mise_en_service = models.DateField("en service depuis le", null=True, blank=True)

    class Meta:
        verbose_name = "raccordement"
        verbose_name_plural = "raccordements"

    def __str__(self):
        return f"raccordement de {self.projet_id}"


class DossierRaccordement(models.Model):
    raccordement = models.ForeignKey(Raccordement, on_delete=models.CASCADE, related_name="dossiers")
    reference = models.CharField("référence du dossier", max_length=100, db_index=True)
    dcr_date = models.DateField("accusé de réception de la demande complète de raccordement", null=True, blank=True)
    dcr_document = models.FileField(upload_to="potentiel/raccordement/%Y/%m/", blank=True)
    dcr_sha256 = models.CharField(max_length=64, blank=True)
    ptf_date = models.DateField("signature de la proposition technique et financière", null=True, blank=True)
    ptf_document = models.FileField(upload_to="potentiel/raccordement/%Y/%m/", blank=True)
    ptf_sha256 = models.CharField(max_length=64, blank=True)
    convention_document = models.FileField(upload_to="potentiel/raccordement/%Y/%m/", blank=True)
    convention_sha256 = models.CharField(max_length=64, blank=True)
    convention_date = models.DateField("signature de la convention de raccordement", null=True, blank=True)
    convention_directe_document = models.FileField(upload_to="potentiel/raccordement/%Y/%m/", blank=True)
    convention_directe_sha256 = models.CharField(max_length=64, blank=True)
    convention_directe_date = models.DateField(
        "signature de la convention de raccordement directe", null=True, blank=True
    )
    mise_en_service = models.DateField("date de mise en service", null=True, blank=True)
    created_at = models.DateTimeField("créé le", default=timezone.now)
    updated_at = models.DateTimeField("modifié le", default=timezone.now, db_index=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "dossier de raccordement"
        verbose_name_plural = "dossiers de raccordement"
        ordering = ["created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["raccordement", "reference"], name="potentiel_dossier_unique")]

    def __str__(self):
        return self.reference

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)
